import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WorkingCalendar } from '../../calendar/working-calendar.service';
import { CASE_STREAM_PREFIX } from '../../cases/domain/case.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../runtime/projection';
import { CaseTrackStore, type AlongsideWrite } from './case-track.store';
import { OfficeTimeMeter } from './office-time-meter';
import { reduceBatch, type EndedRow } from './timeline-batch';
import { TIMELINE_EVENT_TYPES } from '../../timeline/step-timeline';

export const STEP_TIMELINE_PROJECTION = 'step-timeline';
export const STEP_TIMELINE_TABLE = 'rm_step_timeline';

/** Stored rows are ended steps; a step in progress lives in the case's track until it ends. */
export function timelineRowsWrite(ended: EndedRow[]): AlongsideWrite | undefined {
  if (ended.length === 0) return undefined;
  const col = <T>(pick: (e: EndedRow['row']) => T): T[] => ended.map((e) => pick(e.row));
  return {
    sql: `INSERT INTO ${STEP_TIMELINE_TABLE} (case_id, row_key, seq, kind, step_id, action, role, within_step, term_value, term_unit, term_note,
       due_at, due_explanation, started_at, ended_at, elapsed_office_minutes, allowed_office_minutes, overrun_minutes, overrun_basis,
       status, actor_id, actor_role, closed_by)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::float8[], $10::text[], $11::text[], $12::timestamptz[], $13::text[], $14::timestamptz[], $15::timestamptz[], $16::float8[],
       $17::float8[], $18::float8[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[])
     ON CONFLICT (case_id, row_key) DO NOTHING`,
    params: [
      col((r) => r.caseId),
      col((r) => r.rowKey),
      col((r) => r.seq),
      col((r) => r.kind),
      col((r) => r.stepId),
      col((r) => r.action),
      col((r) => r.role),
      col((r) => r.withinStep),
      col((r) => (r.term && 'value' in r.term ? r.term.value : null)),
      col((r) => (r.term && 'value' in r.term ? r.term.unit : null)),
      col((r) => (r.term && 'note' in r.term ? r.term.note : null)),
      col((r) => r.dueAt),
      col((r) => r.dueExplanation),
      col((r) => r.startedAt),
      col((r) => r.endedAt),
      col((r) => r.elapsedOfficeMinutes),
      col((r) => r.allowedOfficeMinutes),
      col((r) => r.overrunMinutes),
      col((r) => r.overrunBasis),
      col((r) => r.status),
      col((r) => r.actorId),
      col((r) => r.actorRole),
      col((r) => r.closedBy),
    ],
  };
}

/**
 * Per case and regulated step: the regulated duration, due instant, actual
 * start and end, elapsed office time and overrun, computed once at apply time.
 */
@Injectable()
export class StepTimelineProjection implements Projection {
  readonly name = STEP_TIMELINE_PROJECTION;
  readonly eventTypes = [...TIMELINE_EVENT_TYPES];
  readonly streamPrefixes = [CASE_STREAM_PREFIX];
  readonly store = new CaseTrackStore(STEP_TIMELINE_TABLE);
  readonly tables = [STEP_TIMELINE_TABLE, ...this.store.tables];
  private readonly meter: OfficeTimeMeter;

  constructor(@Inject(WorkingCalendar) calendar: WorkingCalendar) {
    this.meter = new OfficeTimeMeter(calendar);
  }

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const outcome = await reduceBatch(events, tx, this.store, this.meter);
    // The ended steps' rows go in the tracks' statement: one round trip for the batch's writes.
    await this.store.save(tx, outcome.tracks, outcome.created, timelineRowsWrite(outcome.ended));
  }
}
