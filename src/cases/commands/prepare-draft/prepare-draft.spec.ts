import { clerk, head, run, staff, violation, receiveAtOffice } from '../../domain/testing/decide-fixtures';

describe('prepare the draft', () => {
  it('lets only the named executor draft', () => {
    const history = run([], receiveAtOffice, clerk);
    history.push(...run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, head));
    const other = staff('u-other', 'executor');
    expect(violation(() => run(history, { type: 'PrepareDraft' }, other)).code).toBe('not-the-named-executor');
  });
});
