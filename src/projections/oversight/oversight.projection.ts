import { Inject, Injectable } from '@nestjs/common';
import { writeWithBatch } from '../runtime/batch-writes';
import type { EntityManager } from 'typeorm';
import { WorkingCalendar } from '../../calendar/working-calendar.service';
import { CASE_STREAM_PREFIX } from '../../cases/domain/case.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../runtime/projection';
import { CaseTrackStore } from '../step-timeline/case-track.store';
import { OfficeTimeMeter } from '../step-timeline/office-time-meter';
import { reduceBatch, type EndedRow } from '../step-timeline/timeline-batch';
import { TIMELINE_EVENT_TYPES } from '../../timeline/step-timeline';
import {
  ADD_CASE_COUNTS,
  caseCountDeltas,
  caseCountValues,
  OVERSIGHT_MONTHLY,
  OVERSIGHT_STEP_STATS,
  withFactRollups,
} from './oversight-rollups';

export const OVERSIGHT_PROJECTION = 'oversight';
export const OVERSIGHT_CASES = 'rm_oversight_cases';
export const OVERSIGHT_FACTS = 'rm_oversight_step_facts';

/**
 * Oversight statistics: one fact per ended step (path steps, recalls, appeals;
 * not the actions inside a step), with the case's region, provider and service
 * and the month of the step's end in the provider's local time; plus one row
 * per case (rm_oversight_cases: received, completed, refused); and the
 * rollups of both that the queries read (oversight-rollups.ts), kept in the
 * same statements and transaction as the rows they count.
 */
@Injectable()
export class OversightProjection implements Projection {
  readonly name = OVERSIGHT_PROJECTION;
  readonly eventTypes = [...TIMELINE_EVENT_TYPES];
  readonly streamPrefixes = [CASE_STREAM_PREFIX];
  readonly store = new CaseTrackStore('rm_oversight');
  readonly tables = [OVERSIGHT_FACTS, ...this.store.tables, OVERSIGHT_MONTHLY, OVERSIGHT_STEP_STATS];
  private readonly meter: OfficeTimeMeter;

  constructor(@Inject(WorkingCalendar) calendar: WorkingCalendar) {
    this.meter = new OfficeTimeMeter(calendar);
  }

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const outcome = await reduceBatch(events, tx, this.store, this.meter);
    const counts = caseCountDeltas(outcome.tracks, outcome.previous);
    // The case counts go in the tracks' statement (one round trip); not in the facts' one, whose rollups add to the same monthly rows.
    await this.store.save(
      tx,
      outcome.tracks,
      outcome.created,
      counts.length > 0 ? { sql: ADD_CASE_COUNTS, params: caseCountValues(counts) } : undefined,
    );
    await this.insertFacts(
      tx,
      outcome.ended.filter((e) => e.row.kind !== 'within-step'),
    );
  }

  private async insertFacts(tx: EntityManager, ended: EndedRow[]): Promise<void> {
    if (ended.length === 0) return;
    const col = <T>(pick: (e: EndedRow) => T): T[] => ended.map(pick);
    await writeWithBatch(
      tx,
      withFactRollups(`INSERT INTO ${OVERSIGHT_FACTS} (case_id, row_key, region, provider_org, service, channel, kind, step_id, action, role, month,
         started_at, ended_at, due_at, term_value, term_unit, allowed_office_minutes, elapsed_office_minutes, overrun_minutes, overrun_basis,
         status, actor_id, actor_role, closed_by)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], $15::float8[], $16::text[], $17::float8[],
         $18::float8[], $19::float8[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[])
       ON CONFLICT (case_id, row_key) DO NOTHING`),
      [
        col((e) => e.row.caseId),
        col((e) => e.row.rowKey),
        col((e) => e.track.region),
        col((e) => e.track.providerOrg),
        col((e) => e.track.service),
        col((e) => e.track.channel),
        col((e) => e.row.kind),
        col((e) => e.row.stepId),
        col((e) => e.row.action),
        col((e) => e.row.role),
        col((e) => this.meter.localMonth(new Date(e.endedAt), e.track.region)),
        col((e) => e.row.startedAt),
        col((e) => e.row.endedAt),
        col((e) => e.row.dueAt),
        col((e) => (e.row.term && 'value' in e.row.term ? e.row.term.value : null)),
        col((e) => (e.row.term && 'value' in e.row.term ? e.row.term.unit : null)),
        col((e) => e.row.allowedOfficeMinutes),
        col((e) => e.row.elapsedOfficeMinutes),
        col((e) => e.row.overrunMinutes),
        col((e) => e.row.overrunBasis),
        col((e) => e.row.status),
        col((e) => e.row.actorId),
        col((e) => e.row.actorRole),
        col((e) => e.row.closedBy),
      ],
    );
  }
}
