import { parseProjectionsBenchOptions, PROJECTIONS_BENCH_HELP } from './bench-options';

describe('projections bench options', () => {
  it('documents the console phase and its targets in --help', () => {
    expect(parseProjectionsBenchOptions(['--help'])).toBe('help');
    for (const text of [
      '--queue-pages',
      '--sse-changes',
      '--skip-console',
      '--console-only',
      '/console/queue',
      'p95 <= 50 ms',
      'p95 <= 1 s',
    ])
      expect(PROJECTIONS_BENCH_HELP).toContain(text);
  });

  it('reads the console flags, and takes only a kept benchmark database for --console-only', () => {
    const options = parseProjectionsBenchOptions(['--queue-pages=10', '--sse-changes=5', '--console-only=projections_bench_0a1b2c3d']);
    expect(options).toMatchObject({ queuePages: 10, sseChanges: 5, skipConsole: false, consoleOnly: 'projections_bench_0a1b2c3d' });
    expect(parseProjectionsBenchOptions(['--skip-console'])).toMatchObject({ skipConsole: true, consoleOnly: undefined });
    expect(() => parseProjectionsBenchOptions(['--console-only=postgres; DROP DATABASE x'])).toThrow(/console-only/);
    expect(() => parseProjectionsBenchOptions(['--queue-pages=0'])).toThrow(/queue-pages/);
  });
});
