import { describeLogHold } from './projection-status';

describe('describeLogHold', () => {
  it('says the log is not held, and by nobody, when nothing holds it', () => {
    expect(describeLogHold(null)).toEqual({ logHeld: false, logHeldBy: null });
  });

  it('names the holding session in JSON form', () => {
    const hold = { pid: 4242, transactionStartedAt: new Date('2026-05-20T08:00:00.000Z'), applicationName: 'psql' };
    expect(describeLogHold(hold)).toEqual({
      logHeld: true,
      logHeldBy: { pid: 4242, transactionStartedAt: '2026-05-20T08:00:00.000Z', applicationName: 'psql' },
    });
  });

  it('keeps what the server would not show as null', () => {
    expect(describeLogHold({ pid: null, transactionStartedAt: null, applicationName: null })).toEqual({
      logHeld: true,
      logHeldBy: { pid: null, transactionStartedAt: null, applicationName: null },
    });
  });
});
