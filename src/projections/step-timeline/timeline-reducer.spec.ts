import type { CaseEvent } from '../../cases/domain/case.events';
import { OfficeTimeMeter } from './office-time-meter';
import { realDomain } from './testing/projection-harness';
import { reduceCaseEvent } from './timeline-reducer';
import type { CaseTrack, TimelineRow } from './timeline.model';

/** Folds a case's events through the reducer, collecting every row version. */
function fold(events: CaseEvent[], meter: OfficeTimeMeter): { track: CaseTrack | undefined; rows: TimelineRow[] } {
  let track: CaseTrack | undefined;
  const rows: TimelineRow[] = [];
  events.forEach((event, revision) => {
    const r = reduceCaseEvent(track, { event, revision }, meter);
    track = r.track;
    rows.push(...r.rows);
  });
  return { track, rows };
}

describe('timeline reducer', () => {
  const domain = realDomain();
  const meter = new OfficeTimeMeter(domain.calendar);

  it('closes a case whose only step is the receipt (TVET admission: the receipt is the result)', () => {
    const at = new Date('2016-07-04T05:00:00Z');
    const run = domain.open('tvet-1', 'west-kazakhstan-oblast', 'tvet-admission', 'provider-office', at, { providerOrg: 'college-1' });
    run.receive(at, 0, 'full-time');
    const { track, rows } = fold(run.events, meter);
    expect(track).toMatchObject({ outcome: 'completed', closedAt: at.toISOString(), closedMonth: '2016-07', open: null });
    expect(rows).toEqual([
      expect.objectContaining({ stepId: 'office-2', status: 'not-measured', elapsedOfficeMinutes: null, endedAt: at.toISOString() }),
    ]);
  });

  it('opens the next step at each completion, with the due instant the event recorded', () => {
    const at = new Date('2019-04-01T03:00:00Z');
    const run = domain.open('kst-1', 'kostanay-oblast', 'secondary-education-duplicates', 'provider-office', at, {
      providerOrg: 'school-7',
    });
    run.receive(at);
    const { track, rows } = fold(run.events, meter);
    const next = run.current.current!;
    expect(track?.open).toMatchObject({
      stepId: next.stepId,
      dueAt: next.dueAt,
      dueExplanation: next.explanation,
      startedAt: at.toISOString(),
      seq: 1,
    });
    expect(rows.map((r) => r.status)).toEqual(['not-measured', 'in-progress']);
  });

  it('ignores events of a case it never saw received, and a decision on an appeal never filed', () => {
    const at = new Date('2019-04-01T03:00:00Z');
    const run = domain.open('kst-2', 'kostanay-oblast', 'secondary-education-duplicates', 'provider-office', at, {
      providerOrg: 'school-7',
    });
    run.receive(at);
    run.advance(new Date('2019-04-01T03:10:00Z'));
    const step = run.events[1];
    expect(reduceCaseEvent(undefined, { event: step, revision: 1 }, meter)).toEqual({ track: undefined, rows: [] });
    const { track } = fold(run.events, meter);
    const decided: CaseEvent = {
      type: 'AppealDecided',
      data: {
        caseId: 'kst-2',
        actor: { id: 'h', role: 'head', organisation: 'school-7' },
        occurredAt: '2019-04-02T03:00:00Z',
        appealId: 'never',
        decision: 'rejected',
        reasoning: 'x',
        dueAt: '2019-04-09T13:30:00Z',
        late: false,
      },
    };
    expect(reduceCaseEvent(track, { event: decided, revision: 2 }, meter)).toEqual({ track, rows: [] });
  });

  it('notes a reassigned executor on the step in progress, its start and due instant unchanged, and ends no row', () => {
    const at = new Date('2019-04-01T03:00:00Z');
    const run = domain.open('kst-3', 'kostanay-oblast', 'secondary-education-duplicates', 'provider-office', at, {
      providerOrg: 'school-7',
    });
    run.receive(at);
    run.advance(new Date('2019-04-01T04:00:00Z'));
    const { track } = fold(run.events, meter);
    const reassigned: CaseEvent = {
      type: 'ExecutorReassigned',
      data: {
        caseId: 'kst-3',
        actor: { id: 'u-head', role: 'head', organisation: 'school-7' },
        occurredAt: '2019-04-01T05:00:00Z',
        previousExecutorId: 'u-exce',
        executorId: 'u-exec',
        reason: 'mistyped',
      },
    };
    const r = reduceCaseEvent(track, { event: reassigned, revision: 2 }, meter);
    expect(r.rows).toEqual([]);
    expect(r.track?.open).toEqual({
      ...track?.open,
      reassignments: [{ at: '2019-04-01T05:00:00Z', by: 'u-head', from: 'u-exce', to: 'u-exec', reason: 'mistyped' }],
    });
    expect(reduceCaseEvent(undefined, { event: reassigned, revision: 2 }, meter)).toEqual({ track: undefined, rows: [] });
  });
});

describe('the State Corporation’s registration, old and new event type (#17 item 8)', () => {
  const domain = realDomain();
  const meter = new OfficeTimeMeter(domain.calendar);

  it('RegisteredAtStateCorporation, and RegisteredAtProvider as recorded before it, give the same rows', () => {
    const at = new Date('2019-03-04T04:00:00Z');
    const run = domain.open('kst-sc-reg', 'kostanay-oblast', 'secondary-education-duplicates', 'state-corporation', at, {
      providerOrg: 'school-7',
      scOrg: 'sc-kostanay',
    });
    run.receive(at);
    run.advance(new Date('2019-03-04T04:04:00Z'));
    run.advance(new Date('2019-03-05T05:00:00Z'));
    expect(run.events.map((e) => e.type)).toEqual(['ApplicationReceived', 'RegisteredAtStateCorporation', 'ForwardedToProvider']);
    const old = run.events.map((e): CaseEvent =>
      e.type === 'RegisteredAtStateCorporation' ? { type: 'RegisteredAtProvider', data: e.data } : e,
    );
    const rename = (rows: unknown[]) => JSON.parse(JSON.stringify(rows).replaceAll('RegisteredAtStateCorporation', 'RegisteredAtProvider'));
    const now = fold(run.events, meter);
    expect(now.rows.filter((r) => r.stepId === 'sc-2').at(-1)).toMatchObject({ status: 'on-time' });
    expect(rename(now.rows)).toEqual(fold(old, meter).rows);
  });
});
