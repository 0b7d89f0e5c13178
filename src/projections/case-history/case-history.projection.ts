import { Injectable } from '@nestjs/common';
import { writeWithBatch } from '../runtime/batch-writes';
import type { EntityManager } from 'typeorm';
import { decodeCaseEventOnce } from '../runtime/decoded-events';
import { CASE_STREAM_PREFIX } from '../../cases/domain/case.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../runtime/projection';
import {
  evolveHistoryCase,
  HISTORY_EVENT_TYPES,
  historyEntryOf,
  HistoryCase,
  HistoryEntry,
  HistoryPlan,
  historyPlanOf,
} from './history-entry';
import { HISTORY_PLANS_TABLE, HistoryPlans } from './history-plans';

/**
 * Every event of every case, as an auditable chronicle. Batches are folded in
 * memory: the touched headers are loaded once, then entries inserted, headers
 * upserted and the plans of the batch's receipts stored (when new) in one
 * statement.
 */
@Injectable()
export class CaseHistoryProjection implements Projection {
  readonly name = 'case-history';
  readonly streamPrefixes = [CASE_STREAM_PREFIX];
  readonly eventTypes = HISTORY_EVENT_TYPES;
  readonly tables = ['rm_case_history_cases', 'rm_case_history_entries', HISTORY_PLANS_TABLE];
  /** One row per event, only ever inserted: a rebuild builds its key after the fill. */
  readonly appendOnlyTables = ['rm_case_history_entries'];

  private readonly plans = new HistoryPlans();

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const caseOf = (e: RecordedEvent) => (e.data as { caseId: string }).caseId;
    const ids = [...new Set(events.map(caseOf))];
    const rows: Array<{ case_id: string; header: HistoryCase }> = await tx.query(
      'SELECT case_id, header FROM rm_case_history_cases WHERE case_id = ANY($1::text[])',
      [ids],
    );
    const headers = new Map<string, HistoryCase | undefined>(rows.map((r) => [r.case_id, r.header]));
    await this.plans.load(
      tx,
      rows.map((r) => r.header.planKey),
    );
    const received = new Map<string, HistoryPlan>();
    const entries: HistoryEntry[] = [];
    for (const recorded of events) {
      const id = caseOf(recorded);
      const event = decodeCaseEventOnce(recorded);
      const header = evolveHistoryCase(headers.get(id), event, recorded);
      headers.set(id, header);
      if (header && (event.type === 'ApplicationReceived' || event.type === 'AcceptanceRefused') && !received.has(header.planKey)) {
        const plan = historyPlanOf(event);
        received.set(header.planKey, plan);
        this.plans.remember(header.planKey, plan);
      }
      entries.push(historyEntryOf(event, recorded, header && this.plans.get(header.planKey)));
    }
    // Every key of `headers` is one of `ids` (a linear scan of ids per header was quadratic in the batch).
    const changed = [...headers.values()].filter((h): h is HistoryCase => h !== undefined);
    // One statement (one round trip) for both tables: a live batch is a few events, and round trips are its cost.
    // The receipts' plans go with their headers (almost always stored already: a few distinct plans serve every case).
    const plans = [...received].map(([key, plan]) => ({ key, plan }));
    await writeWithBatch(
      tx,
      `WITH entries AS (
         INSERT INTO rm_case_history_entries (case_id, revision, position, entry)
         SELECT e->>'caseId', (e->>'revision')::int, (e->>'position')::bigint, e FROM jsonb_array_elements($1::jsonb) AS e
       ), plans AS (
         INSERT INTO ${HISTORY_PLANS_TABLE} (plan_key, plan)
         SELECT p->>'key', p->'plan' FROM jsonb_array_elements($3::jsonb) AS p ON CONFLICT (plan_key) DO NOTHING
       )
       INSERT INTO rm_case_history_cases (case_id, header, region, provider_org, sc_org, revision, position)
       SELECT h->>'caseId', h, h->>'region', h->>'providerOrganisation', h->>'stateCorporationOrganisation', (h->>'revision')::int, (h->>'position')::bigint
         FROM jsonb_array_elements($2::jsonb) AS h
       ON CONFLICT (case_id) DO UPDATE SET header = EXCLUDED.header, region = EXCLUDED.region, provider_org = EXCLUDED.provider_org,
         sc_org = EXCLUDED.sc_org, revision = EXCLUDED.revision, position = EXCLUDED.position`,
      [JSON.stringify(entries), JSON.stringify(changed), JSON.stringify(plans)],
    );
  }
}
