import { Principal } from '../../auth/principal';
import { foldRecorded } from '../../cases/case-stream';
import { toProblem } from '../../common/problem.filter';
import { ReplayPointError } from '../../common/rule-violation';
import { APPEAL_ID, driveCase, kostanayOfficeScript, recordInMemory, SCHOOL } from '../testing/case-history';
import { parseReplayPoint, selectEvents } from './replay-point';
import { replayCase, replaySteps } from './replay';

const CASE = '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11';
const events = recordInMemory(CASE, driveCase(CASE, kostanayOfficeScript(CASE)));
const reviewer: Principal = { userId: 'u-rev', roles: ['appeal-reviewer'], organisation: 'appeals', region: 'kostanay-oblast' };
const oversight: Principal = { userId: 'u-ov', roles: ['oversight'], organisation: 'ed-dept', region: 'kostanay-oblast' };
const now = new Date('2019-04-01T00:00:00Z');
const ctx = { caseId: CASE, principal: reviewer, now };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ReplayPointError)) return String(error);
    // Pure logic throws a typed error; the status is the edge's (the problem filter's) to give.
    const problem = toProblem(error);
    return `${problem.status} ${problem.code}`;
  }
  return 'no error';
};

describe('replay points', () => {
  it('parses instants with a zone, revisions, and nothing (latest)', () => {
    expect(parseReplayPoint({})).toEqual({ kind: 'latest' });
    expect(parseReplayPoint({ revision: '3' })).toEqual({ kind: 'revision', revision: 3 });
    expect(parseReplayPoint({ at: '2019-03-04T10:00:00+06:00' })).toEqual({ kind: 'at', at: new Date('2019-03-04T04:00:00Z') });
    expect(parseReplayPoint({ at: '2019-03-04T04:00Z' })).toEqual({ kind: 'at', at: new Date('2019-03-04T04:00:00Z') });
  });

  it('refuses bad instants and revisions with stable codes', () => {
    expect(codeOf(() => parseReplayPoint({ at: '2019-03-04' }))).toBe('400 invalid-at');
    expect(codeOf(() => parseReplayPoint({ at: '2019-03-04T10:00:00' }))).toBe('400 invalid-at');
    expect(codeOf(() => parseReplayPoint({ at: '2019-02-30T10:00:00Z' }))).toBe('400 invalid-at');
    expect(codeOf(() => parseReplayPoint({ at: 'yesterday' }))).toBe('400 invalid-at');
    expect(codeOf(() => parseReplayPoint({ revision: '-1' }))).toBe('400 invalid-revision');
    expect(codeOf(() => parseReplayPoint({ revision: '1.5' }))).toBe('400 invalid-revision');
    expect(codeOf(() => parseReplayPoint({ revision: '' }))).toBe('400 invalid-revision');
    expect(codeOf(() => parseReplayPoint({ at: '2019-03-04T04:00:00Z', revision: '1' }))).toBe('400 replay-point-ambiguous');
    expect(codeOf(() => selectEvents(events, { kind: 'revision', revision: events.length }))).toBe('400 revision-beyond-stream');
  });

  it('selects by occurredAt (inclusive) and by revision', () => {
    expect(selectEvents(events, { kind: 'at', at: new Date('2019-03-04T03:59:59Z') }).events).toHaveLength(0);
    expect(selectEvents(events, { kind: 'at', at: new Date('2019-03-04T04:00:00Z') }).events).toHaveLength(1);
    expect(selectEvents(events, { kind: 'at', at: new Date('2019-03-06T05:59:59Z') }).events.map((e) => e.type)).toEqual([
      'ApplicationReceived',
      'VisaImposed',
      'DraftPrepared',
    ]);
    expect(selectEvents(events, { kind: 'revision', revision: 1 }).events.map((e) => e.revision)).toEqual([0, 1]);
  });

  it('never skips an event to take a later one: an out-of-order instant stops the prefix and is reported', () => {
    const skewed = events.slice(0, 3).map((e) => ({ ...e, metadata: { ...e.metadata } }));
    skewed[2].metadata.occurredAt = '2019-03-05T04:00:00Z'; // earlier than revision 1
    const selection = selectEvents(skewed, { kind: 'at', at: new Date('2019-03-05T04:30:00Z') });
    expect(selection.events.map((e) => e.revision)).toEqual([0]);
    expect(selection.warnings[0]).toMatch(/revision 2/);
  });
});

describe('replaying a case from its own events', () => {
  it('before the receipt: nothing existed yet', () => {
    const replay = replayCase(events, { kind: 'at', at: new Date('2019-03-01T00:00:00Z') }, ctx);
    expect(replay).toMatchObject({ received: false, revision: -1, status: 'new', currentStep: null, regulation: null, events: [] });
  });

  it('between receipt and visa: the visa is due by 13:00 local, as recorded, and overdue by the evening', () => {
    const at = new Date('2019-03-04T12:00:00Z'); // 18:00 in Kostanay
    const replay = replayCase(events, { kind: 'at', at }, ctx);
    const recordedNext = (events[0].data as { next: { dueAt: string } }).next;
    expect(replay).toMatchObject({
      received: true,
      revision: 0,
      status: 'open',
      asOf: at.toISOString(),
      currentStep: {
        stepId: 'office-2',
        action: 'visa-imposed',
        role: 'head',
        dueAt: recordedNext.dueAt,
        since: '2019-03-04T04:00:00.000Z',
        overdue: true,
        responsible: { role: 'head', organisation: SCHOOL, executorId: null },
      },
    });
    expect(recordedNext.dueAt).toBe('2019-03-04T07:00:00.000Z');
    expect(replay.regulation).toMatchObject({ versionId: 'kostanay-oblast/secondary-education-duplicates/v2', channel: 'provider-office' });
    expect(replay.regulation!.steps.every((s) => s.citation.paragraph && s.citation.quote)).toBe(true);
    expect(replay.breaches).toEqual([
      expect.objectContaining({ kind: 'step-overdue', subject: 'office-2', actualAt: null, byMinutes: 300 }),
    ]);
    expect(replay.events).toEqual([
      expect.objectContaining({
        type: 'ApplicationReceived',
        revision: 0,
        occurredAt: '2019-03-04T04:00:00.000Z',
        actor: { id: 'u-clerk', role: 'clerk', organisation: SCHOOL },
      }),
    ]);
    expect(replay.personalData).toEqual({
      applicant: { iin: '900101300017', name: 'Иванов Иван Иванович' },
      representative: null,
      masked: false,
    });
  });

  it('at a revision: the named executor is responsible for the draft, and the late visa is a breach', () => {
    const replay = replayCase(events, { kind: 'revision', revision: 1 }, ctx);
    expect(replay.asOf).toBeNull();
    expect(replay.currentStep).toMatchObject({ action: 'draft-prepared', responsible: { role: 'executor', executorId: 'u-exec' } });
    expect(replay.currentStep).not.toHaveProperty('overdue');
    expect(replay.namedExecutor).toBe('u-exec');
    const visa = replay.steps.find((s) => s.stepId === 'office-2')!;
    expect(visa).toMatchObject({
      state: 'done',
      late: true,
      dueAt: '2019-03-04T07:00:00.000Z',
      completedAt: '2019-03-05T05:00:00.000Z',
      lateByMinutes: 22 * 60,
    });
    expect(replay.breaches.map((b) => [b.kind, b.subject])).toEqual([['step-late', 'office-2']]);
    expect(replay.steps.map((s) => s.state)).toEqual(['done', 'done', 'current', 'pending', 'pending']);
  });

  it('latest: completed, the appeal decided late, everything from the stream', () => {
    const replay = replayCase(events, { kind: 'latest' }, ctx);
    expect(replay).toMatchObject({ status: 'completed', revision: events.length - 1, currentStep: null, asOf: now.toISOString() });
    expect(replay.events).toHaveLength(events.length);
    expect(replay.breaches.map((b) => [b.kind, b.subject])).toEqual([
      ['step-late', 'office-2'],
      ['appeal-late', APPEAL_ID],
    ]);
    const appeal = replay.deadlines.find((d) => d.kind === 'appeal')!;
    expect(appeal).toMatchObject({ dueAt: (events[5].data as { dueAt: string }).dueAt, late: true, metInRevision: 6 });
    expect(replay.appeals).toEqual([expect.objectContaining({ appealId: APPEAL_ID, decision: 'upheld' })]);
  });

  it('masks the applicant for oversight', () => {
    const replay = replayCase(events, { kind: 'latest' }, { ...ctx, principal: oversight });
    expect(replay.personalData).toEqual({ applicant: { iin: '900101******', name: 'И. И. И.' }, representative: null, masked: true });
  });

  it('steps mode: each event with the state before and after it, ending where the fold ends', () => {
    const replay = replaySteps(events, { kind: 'revision', revision: 2 }, ctx);
    expect(replay.steps.map((s) => [s.event.type, s.before.revision, s.after.revision])).toEqual([
      ['ApplicationReceived', -1, 0],
      ['VisaImposed', 0, 1],
      ['DraftPrepared', 1, 2],
    ]);
    expect(replay.steps[0].before.status).toBe('new');
    expect(replay.steps[1].before.currentStep?.action).toBe('visa-imposed');
    expect(replay.steps[1].after.currentStep?.action).toBe('draft-prepared');
    expect(replay.steps[1].after.namedExecutor).toBe('u-exec');
    const folded = foldRecorded(events.slice(0, 3));
    expect(replay.steps[2].after).toMatchObject({ status: folded.status, currentStep: expect.objectContaining(folded.current) });
    expect(JSON.stringify(replay.steps)).not.toContain('900101300017');
  });
});
