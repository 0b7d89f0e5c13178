import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { WorkingCalendar } from '../../calendar/working-calendar.service';
import { CLOCK, type Clock } from '../../common/clock';
import { assertCanSee, caseNotFoundProblem, partiesFromRow } from '../../cases/case-access';
import { READ_MODELS_DATA_SOURCE } from '../runtime/tokens';
import { CaseTrackStore } from './case-track.store';
import { OfficeTimeMeter } from './office-time-meter';
import type { CaseTimelineDto, TimelineDurationDto, TimelineStepDto } from './step-timeline.dto';
import { STEP_TIMELINE_TABLE } from './step-timeline.projection';
import { allowedOfficeMinutes } from '../../timeline/step-timeline';
import { openTerm } from './timeline-reducer';
import type { CaseTrack, OpenStep, Term } from './timeline.model';

interface RowSql {
  row_key: string;
  seq: number;
  kind: string;
  step_id: string;
  action: string;
  role: string;
  within_step: string | null;
  term_value: number | null;
  term_unit: string | null;
  term_note: string | null;
  due_at: Date | null;
  due_explanation: string | null;
  started_at: Date;
  ended_at: Date;
  elapsed_office_minutes: number | null;
  allowed_office_minutes: number | null;
  overrun_minutes: number | null;
  overrun_basis: string | null;
  status: TimelineStepDto['status'];
  actor_id: string | null;
  actor_role: string | null;
  closed_by: string | null;
}

const roundTo2 = (v: number): number => Math.round(v * 100) / 100;
const round = (v: number | null): number | null => (v === null ? null : roundTo2(v));

function durationOf(value: number | null, unit: string | null, note: string | null, kind: string): TimelineDurationDto | null {
  if (kind === 'within-step') return null;
  if (value !== null && unit !== null) return { regulated: true, value, unit };
  return { regulated: false, ...(note !== null ? { note } : {}) };
}

const termDuration = (term: Term | null, kind: string): TimelineDurationDto | null =>
  durationOf(
    term && 'value' in term ? term.value : null,
    term && 'value' in term ? term.unit : null,
    term && 'note' in term ? term.note : null,
    kind,
  );

/** GET /cases/:id/timeline: ended steps from rm_step_timeline, steps in progress from the case's track. */
@Injectable()
export class StepTimelineQuery {
  private readonly store = new CaseTrackStore(STEP_TIMELINE_TABLE);
  private readonly meter: OfficeTimeMeter;

  constructor(
    @Inject(READ_MODELS_DATA_SOURCE) private readonly db: DataSource,
    @Inject(WorkingCalendar) calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.meter = new OfficeTimeMeter(calendar);
  }

  async timeline(caseId: string, principal: Principal): Promise<CaseTimelineDto> {
    const track = await this.store.loadOne(this.db, caseId);
    if (!track) throw caseNotFoundProblem();
    assertCanSee(principal, partiesFromRow(track.region, track.providerOrg, track.scOrg));
    const rows: RowSql[] = await this.db.query(`SELECT * FROM ${STEP_TIMELINE_TABLE} WHERE case_id = $1 ORDER BY seq, row_key`, [caseId]);
    const now = this.clock.now();
    const ended = rows.map((r) => ({ seq: r.seq, step: this.endedStep(r) }));
    const open = [track.open, ...Object.values(track.appeals)]
      .filter((o): o is OpenStep => o !== null)
      .map((o) => ({ seq: o.seq, step: this.openStep(track, o, now) }));
    return {
      caseId: track.caseId,
      region: track.region,
      service: track.service,
      channel: track.channel,
      regulationVersionId: track.regulationVersionId,
      providerOrganisation: track.providerOrg,
      stateCorporationOrganisation: track.scOrg,
      outcome: track.outcome,
      receivedAt: track.receivedAt,
      closedAt: track.closedAt,
      asOf: now.toISOString(),
      steps: [...ended, ...open].sort((a, b) => a.seq - b.seq).map((s) => s.step),
    };
  }

  private endedStep(r: RowSql): TimelineStepDto {
    return {
      stepId: r.step_id,
      kind: r.kind,
      action: r.action,
      role: r.role,
      withinStep: r.within_step,
      regulatedDuration: durationOf(r.term_value, r.term_unit, r.term_note, r.kind),
      dueAt: r.due_at?.toISOString() ?? null,
      dueExplanation: r.due_explanation,
      startedAt: r.started_at.toISOString(),
      endedAt: r.ended_at.toISOString(),
      elapsedOfficeMinutes: round(r.elapsed_office_minutes),
      allowedOfficeMinutes: r.allowed_office_minutes,
      overrun:
        r.overrun_minutes === null || r.overrun_basis === null ? null : { minutes: roundTo2(r.overrun_minutes), basis: r.overrun_basis },
      status: r.status,
      actor: r.actor_id === null ? null : { id: r.actor_id, role: r.actor_role ?? '' },
      endedBy: r.closed_by,
    };
  }

  private openStep(track: CaseTrack, open: OpenStep, now: Date): TimelineStepDto {
    const term = openTerm(track, open);
    return {
      stepId: open.stepId,
      kind: open.kind,
      action: open.action,
      role: open.role,
      withinStep: null,
      regulatedDuration: termDuration(term, open.kind),
      dueAt: open.dueAt,
      dueExplanation: open.dueExplanation,
      startedAt: open.startedAt,
      endedAt: null,
      elapsedOfficeMinutes: round(this.meter.elapsedMinutes(new Date(open.startedAt), now, track.region)),
      allowedOfficeMinutes: allowedOfficeMinutes(term),
      overrun: null,
      status: 'in-progress',
      overdue: open.dueAt !== null && now.getTime() > Date.parse(open.dueAt),
      actor: null,
      endedBy: null,
      ...(open.reassignments?.length ? { reassignments: open.reassignments } : {}),
    };
  }
}
