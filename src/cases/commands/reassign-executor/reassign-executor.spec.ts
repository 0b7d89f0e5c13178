import { Caller } from '../../domain/case.decide';
import { CaseEvent } from '../../domain/case.events';
import { foldCase } from '../../domain/case.state';
import { ORG, staff, clerk, head, executor, operator, hours, run, violation, receiveAtOffice } from '../../domain/testing/decide-fixtures';

describe('reassign the executor', () => {
  const visaFor = (executorId: string) => {
    const history = run([], receiveAtOffice, clerk);
    history.push(...run(history, { type: 'ImposeVisa', executorId }, head, hours(1)));
    return history;
  };
  const reassign = (history: CaseEvent[], who: Caller, executorId = 'u-exec', reason = 'the visa named a mistyped user') =>
    run(history, { type: 'ReassignExecutor', executorId, reason }, who, hours(2));

  it('lets the head name another executor: the new one drafts, the old one no longer can, and the deadline stays', () => {
    const history = visaFor('u-exce');
    const before = foldCase(history);
    expect(violation(() => run(history, { type: 'PrepareDraft' }, executor, hours(2))).code).toBe('not-the-named-executor');
    const [event] = reassign(history, head);
    expect(event).toEqual({
      type: 'ExecutorReassigned',
      data: {
        caseId: 'c-1',
        actor: { id: 'u-head', role: 'head', organisation: ORG },
        occurredAt: hours(2).toISOString(),
        previousExecutorId: 'u-exce',
        executorId: 'u-exec',
        reason: 'the visa named a mistyped user',
        stepId: before.current?.stepId,
      },
    });
    history.push(event);
    const after = foldCase(history);
    expect(after.executorId).toBe('u-exec');
    expect(after.current).toEqual(before.current);
    expect(after.currentSince).toBe(before.currentSince);
    expect(after.cursor).toBe(before.cursor);
    expect(run(history, { type: 'PrepareDraft' }, executor, hours(3))[0].type).toBe('DraftPrepared');
    const mistyped = staff('u-exce', 'executor');
    expect(violation(() => run(history, { type: 'PrepareDraft' }, mistyped, hours(3))).code).toBe('not-the-named-executor');
  });

  it('is the head’s, of the case’s provider only', () => {
    const history = visaFor('u-exce');
    expect(violation(() => reassign(history, clerk)).code).toBe('wrong-role');
    expect(violation(() => reassign(history, executor)).code).toBe('wrong-role');
    expect(violation(() => reassign(history, staff('u-h9', 'head', 'school-99'))).code).toBe('case-not-found');
    expect(violation(() => reassign(history, { ...head, region: 'astana' })).code).toBe('case-not-found');
    expect(violation(() => reassign(history, operator)).code).toBe('case-not-found');
  });

  it('needs a visa to change, a reason and a different executor, on an open case', () => {
    expect(violation(() => reassign(run([], receiveAtOffice, clerk), head)).code).toBe('no-executor-named');
    const history = visaFor('u-exce');
    expect(violation(() => reassign(history, head, 'u-exec', '   ')).code).toBe('reason-required');
    expect(violation(() => reassign(history, head, 'u-exce')).code).toBe('executor-unchanged');
    history.push(...run(history, { type: 'RefuseService', grounds: 'incomplete' }, head, hours(1)));
    expect(violation(() => reassign(history, head)).code).toBe('case-closed');
  });
});
