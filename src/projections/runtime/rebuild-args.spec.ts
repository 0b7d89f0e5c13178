import { parseRebuildArgs } from './rebuild-args';

describe('projections:rebuild arguments', () => {
  it('takes names and options', () => {
    expect(parseRebuildArgs(['work-queue', '--batch-size', '200', '--wait-seconds=5'])).toEqual({
      kind: 'rebuild',
      names: ['work-queue'],
      batchSize: 200,
      waitSeconds: 5,
      skipDiskCheck: false,
    });
  });

  it('rebuilds everything without a name', () => {
    expect(parseRebuildArgs([])).toEqual({ kind: 'rebuild', names: [], batchSize: 10_000, waitSeconds: 120, skipDiskCheck: false });
  });

  it('takes --skip-disk-check', () => {
    expect(parseRebuildArgs(['oversight', '--skip-disk-check'])).toMatchObject({
      kind: 'rebuild',
      names: ['oversight'],
      skipDiskCheck: true,
    });
  });

  it('answers --help and --list', () => {
    expect(parseRebuildArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseRebuildArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseRebuildArgs(['--list'])).toEqual({ kind: 'list' });
  });

  it('refuses unknown flags and bad numbers', () => {
    expect(parseRebuildArgs(['--force']).kind).toBe('error');
    expect(parseRebuildArgs(['--batch-size', '0'])).toEqual({
      kind: 'error',
      message: '--batch-size must be a whole number from 1 to 100000',
    });
    expect(parseRebuildArgs(['--wait-seconds', 'soon']).kind).toBe('error');
  });
});
