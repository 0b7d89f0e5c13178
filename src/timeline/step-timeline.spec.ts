import { buildTimeline } from '../audit/replay/case-timeline';
import { driveCase, kostanayOfficeScript, realWorld, recordInMemory } from '../audit/testing/case-history';
import { toCaseEvent } from '../cases/case-stream';
import type { CaseEvent } from '../cases/domain/case.events';
import { OfficeTimeMeter } from '../projections/step-timeline/office-time-meter';
import { reduceCaseEvent } from '../projections/step-timeline/timeline-reducer';
import type { CaseTrack, TimelineRow } from '../projections/step-timeline/timeline.model';
import { isPastDue, minutesPastDue, stepMoveOf } from './step-timeline';

const CASE = '7a1e2b1c-5f0c-4c1e-9d3a-0b6c2f1e9a11';
const recorded = recordInMemory(CASE, driveCase(CASE, kostanayOfficeScript(CASE)));
const events: CaseEvent[] = recorded.map(toCaseEvent);

/** The projection's rows, the last version of each. */
function projectedRows(meter: OfficeTimeMeter): TimelineRow[] {
  let track: CaseTrack | undefined;
  const rows = new Map<string, TimelineRow>();
  events.forEach((event, revision) => {
    const r = reduceCaseEvent(track, { event, revision }, meter);
    track = r.track;
    r.rows.forEach((row) => rows.set(row.rowKey, row));
  });
  return [...rows.values()];
}

describe('step timeline engine', () => {
  it('reads each event as the step it ends, the step it opens, or an action within a step', () => {
    expect(events.map((e) => stepMoveOf(e).kind)).toEqual([
      'step-ended',
      'step-ended',
      'step-ended',
      'step-ended',
      'step-ended',
      'off-path',
      'off-path',
    ]);
    expect(stepMoveOf(events[0])).toMatchObject({
      step: { stepId: 'office-1' },
      next: { stepId: 'office-2' },
      closesCase: false,
      at: '2019-03-04T04:00:00.000Z',
    });
    expect(stepMoveOf(events[4])).toMatchObject({
      step: { action: 'issued' },
      next: undefined,
      closesCase: true,
    });
    const draft = events[2];
    if (draft.type !== 'DraftPrepared') throw new Error(`expected a draft, got ${draft.type}`);
    const inside: CaseEvent = {
      type: 'DraftPrepared',
      data: {
        ...draft.data,
        step: { ...draft.data.step, withinStep: 'provider-13-days' },
      },
    };
    expect(stepMoveOf(inside)).toEqual({
      kind: 'within-step',
      withinStep: 'provider-13-days',
      action: 'draft-prepared',
      actor: draft.data.actor,
      at: draft.data.occurredAt,
    });
  });

  it('judges an end at the due instant on time, a minute after it late', () => {
    expect(isPastDue('2019-03-04T07:00:00Z', '2019-03-04T07:00:00Z')).toBe(false);
    expect(isPastDue('2019-03-04T07:00:00Z', new Date('2019-03-04T07:01:00Z'))).toBe(true);
    expect(minutesPastDue('2019-03-04T07:00:00Z', '2019-03-05T05:00:00Z')).toBe(22 * 60);
  });

  it('gives the projection and the audit the same start, due instant, end and lateness for every step of the path', () => {
    const { calendar } = realWorld();
    const meter = new OfficeTimeMeter(calendar);
    const rows = projectedRows(meter).filter((r) => r.kind === 'step');
    const audit = buildTimeline(recorded).steps.filter((s) => s.state === 'done');
    expect(audit.map((s) => s.stepId)).toEqual(rows.map((r) => r.stepId));
    for (const line of audit) {
      const row = rows.find((r) => r.stepId === line.stepId);
      expect({
        stepId: line.stepId,
        endedAt: line.completedAt,
        dueAt: line.dueAt,
        late: line.late,
      }).toEqual({
        stepId: row?.stepId,
        endedAt: row?.endedAt,
        dueAt: row?.dueAt,
        late: row?.status === 'late',
      });
      // The receipt's start is unknown to both: the projection measures none, the audit states none.
      if (line.startedAt !== null) expect(line.startedAt).toBe(row?.startedAt);
      else expect(row?.elapsedOfficeMinutes).toBeNull();
    }
  });
});
