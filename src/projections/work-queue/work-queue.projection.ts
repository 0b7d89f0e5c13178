import { WORK_QUEUE_COLUMN_NAMES, WORK_QUEUE_RECORD_TYPE, WorkQueueRow } from './work-queue.row';
import { Injectable } from '@nestjs/common';
import { zoneOf } from '../../calendar/regions';
import type { Region } from '../../regulations/regulation.model';
import { writeWithBatch } from '../runtime/batch-writes';
import type { EntityManager } from 'typeorm';
import { decodeCaseEventOnce } from '../runtime/decoded-events';
import { CASE_STREAM_PREFIX } from '../../cases/domain/case.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../runtime/projection';
import { evolveQueueItem, QUEUE_EVENT_TYPES, QueueItem } from './work-queue.item';

const fromRow = (r: WorkQueueRow): QueueItem => ({
  caseId: r.case_id,
  region: r.region,
  providerOrganisation: r.provider_org,
  stateCorporationOrganisation: r.sc_org,
  service: r.service,
  channel: r.channel,
  regulationVersionId: r.regulation_version_id,
  stepId: r.step_id,
  stepAction: r.step_action,
  stepRole: r.step_role,
  stepSince: r.step_since.toISOString(),
  dueAt: r.due_at?.toISOString() ?? null,
  dueExplanation: r.due_explanation,
  executorId: r.executor_id,
  receivedAt: r.received_at.toISOString(),
  revision: r.revision,
  position: r.position,
});

type JsonRow = Omit<WorkQueueRow, 'step_since' | 'due_at' | 'received_at'> & {
  step_since: string;
  due_at: string | null;
  received_at: string;
};

const toRow = (i: QueueItem): JsonRow => ({
  case_id: i.caseId,
  region: i.region,
  provider_org: i.providerOrganisation,
  sc_org: i.stateCorporationOrganisation,
  service: i.service,
  channel: i.channel,
  regulation_version_id: i.regulationVersionId,
  step_id: i.stepId,
  step_action: i.stepAction,
  step_role: i.stepRole,
  step_since: i.stepSince,
  due_at: i.dueAt,
  due_explanation: i.dueExplanation,
  executor_id: i.executorId,
  received_at: i.receivedAt,
  revision: i.revision,
  position: i.position,
});

/**
 * Moves each touched case out of its old local due day's counts and into its
 * new one's: its region's (rm_work_queue_region_days) and its organisations'
 * on either side (rm_work_queue_org_days), in one statement. $1 regions, $2
 * zones, $3 due instants, $4 +1 or -1, $5 providers, $6 State Corporation
 * offices (null when none). The day is computed by the server (the same zone
 * as dayBounds() uses for "today").
 */
const DAY_COUNTS_SQL = `
  WITH d AS (
    SELECT region, provider_org, sc_org, coalesce((due_at AT TIME ZONE zone)::date, 'infinity') AS due_day, delta
      FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::text[])
           AS d(region, zone, due_at, delta, provider_org, sc_org)
  ), regions AS (
    INSERT INTO rm_work_queue_region_days (region, due_day, n)
    SELECT region, due_day, sum(delta) FROM d GROUP BY 1, 2 HAVING sum(delta) <> 0
    ON CONFLICT (region, due_day) DO UPDATE SET n = rm_work_queue_region_days.n + EXCLUDED.n
  )
  INSERT INTO rm_work_queue_org_days (region, side, org, due_day, n)
  SELECT region, s.side, s.org, due_day, sum(delta)
    FROM d CROSS JOIN LATERAL (VALUES ('provider', provider_org), ('sc', sc_org)) AS s(side, org)
   WHERE s.org IS NOT NULL
   GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0
  ON CONFLICT (region, side, org, due_day) DO UPDATE SET n = rm_work_queue_org_days.n + EXCLUDED.n`;

type DayCountDeltas = [string[], string[], Array<string | null>, number[], string[], Array<string | null>];

function dayCountDeltas(before: WorkQueueRow[], after: Array<QueueItem | undefined>): DayCountDeltas {
  const out: DayCountDeltas = [[], [], [], [], [], []];
  const add = (region: string, dueAt: string | null, delta: number, provider: string, sc: string | null) => {
    out[0].push(region);
    out[1].push(zoneOf(region as Region));
    out[2].push(dueAt);
    out[3].push(delta);
    out[4].push(provider);
    out[5].push(sc);
  };
  for (const row of before) add(row.region, row.due_at?.toISOString() ?? null, -1, row.provider_org, row.sc_org);
  for (const item of after) if (item) add(item.region, item.dueAt, 1, item.providerOrganisation, item.stateCorporationOrganisation);
  return out;
}

/**
 * For each open case, the step awaiting action. A batch is folded in memory
 * (load the touched rows, evolve, write back): three statements per batch
 * however many events it holds (read, day counts, delete-and-upsert), which keeps a rebuild of 100,000 cases short.
 */
@Injectable()
export class WorkQueueProjection implements Projection {
  readonly name = 'work-queue';
  readonly eventTypes = QUEUE_EVENT_TYPES;
  readonly streamPrefixes = [CASE_STREAM_PREFIX];
  readonly tables = ['rm_work_queue', 'rm_work_queue_region_days', 'rm_work_queue_org_days'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const caseOf = (e: RecordedEvent) => (e.data as { caseId: string }).caseId;
    const ids = [...new Set(events.map(caseOf))];
    const rows: WorkQueueRow[] = await tx.query('SELECT * FROM rm_work_queue WHERE case_id = ANY($1::text[])', [ids]);
    const items = new Map<string, QueueItem | undefined>(rows.map((r) => [r.case_id, fromRow(r)]));
    for (const event of events) {
      const id = caseOf(event);
      items.set(id, evolveQueueItem(items.get(id), decodeCaseEventOnce(event), event));
    }
    await writeWithBatch(
      tx,
      DAY_COUNTS_SQL,
      dayCountDeltas(
        rows,
        ids.map((id) => items.get(id)),
      ),
    );
    const closed = ids.filter((id) => items.get(id) === undefined);
    const open = ids.map((id) => items.get(id)).filter((i): i is QueueItem => i !== undefined);
    if (closed.length === 0 && open.length === 0) return;
    // Closed cases leave and open ones are upserted in one statement (the two sets of cases are disjoint).
    await writeWithBatch(
      tx,
      `WITH closed AS (DELETE FROM rm_work_queue WHERE case_id = ANY($2::text[]))
       INSERT INTO rm_work_queue (${WORK_QUEUE_COLUMN_NAMES.join(', ')})
       SELECT ${WORK_QUEUE_COLUMN_NAMES.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${WORK_QUEUE_RECORD_TYPE})
       ON CONFLICT (case_id) DO UPDATE SET ${WORK_QUEUE_COLUMN_NAMES.filter((n) => n !== 'case_id')
         .map((n) => `${n} = EXCLUDED.${n}`)
         .join(', ')}`,
      [JSON.stringify(open.map(toRow)), closed],
    );
  }
}
