import { parseAdminArgs } from './admin-args';

describe('projections:admin arguments', () => {
  it('reads status, retry and skip', () => {
    expect(parseAdminArgs(['status'])).toEqual({ kind: 'status' });
    expect(parseAdminArgs(['retry', 'case-history'])).toEqual({ kind: 'retry', name: 'case-history' });
    expect(parseAdminArgs(['skip', 'work-queue', '--event', 'e-1', '--reason', ' bad name '])).toEqual({
      kind: 'skip',
      name: 'work-queue',
      eventId: 'e-1',
      reason: 'bad name',
      actor: undefined,
    });
    expect(parseAdminArgs(['skip', 'work-queue', '--event=e-1', '--reason=x', '--actor', 'ops-1'])).toMatchObject({ actor: 'ops-1' });
  });

  it('answers --help', () => {
    expect(parseAdminArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseAdminArgs(['skip', '-h'])).toEqual({ kind: 'help' });
  });

  it('refuses what is missing or unknown', () => {
    expect(parseAdminArgs([])).toMatchObject({ kind: 'error', message: expect.stringMatching(/command is required/) });
    expect(parseAdminArgs(['retry'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/projection name/) });
    expect(parseAdminArgs(['skip', 'x', '--reason', 'r'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/--event/) });
    expect(parseAdminArgs(['skip', 'x', '--event', 'e'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/--reason/) });
    expect(parseAdminArgs(['skip', 'x', '--event', 'e', '--reason', '   '])).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/--reason/),
    });
    expect(parseAdminArgs(['skip', 'x', '--event', 'e', '--reason', 'r', '--actor', ' '])).toMatchObject({ kind: 'error' });
    expect(parseAdminArgs(['status', 'x'])).toMatchObject({ kind: 'error' });
    expect(parseAdminArgs(['reset', 'x'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/unknown command/) });
    expect(parseAdminArgs(['retry', 'x', '--force']).kind).toBe('error');
  });
});
