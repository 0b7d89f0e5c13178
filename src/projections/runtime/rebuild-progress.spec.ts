import { formatProgress, ProgressReporter } from './rebuild-progress';

describe('rebuild progress', () => {
  it('shows done/total, percentage, rate and ETA', () => {
    expect(formatProgress('work-queue', { done: 4000, total: 10_000, elapsedMs: 2000 }, 10)).toBe(
      'work-queue [####------] 4000/10000 40.0% 2000 ev/s ETA 00:03',
    );
  });

  it('is complete for an empty log and never shows more done than total', () => {
    expect(formatProgress('x', { done: 0, total: 0, elapsedMs: 0 }, 4)).toBe('x [####] 0/0 100.0% 0 ev/s ETA 00:00');
    expect(formatProgress('x', { done: 12, total: 10, elapsedMs: 1000 }, 4)).toContain('12/12 100.0%');
  });

  it('shows hours in a long ETA and no ETA before the first event', () => {
    expect(formatProgress('x', { done: 1, total: 7201, elapsedMs: 1000 }, 4)).toContain('ETA 2:00:00');
    expect(formatProgress('x', { done: 0, total: 5, elapsedMs: 0 }, 4)).toContain('ETA --:--');
  });

  it('writes plain throttled lines when stderr is not a terminal', () => {
    const out: string[] = [];
    let now = 0;
    const reporter = new ProgressReporter('p', { write: (t) => out.push(t), isTTY: false }, () => now, 1000);
    reporter.update(1, 10);
    now = 500;
    reporter.update(5, 10);
    now = 1500;
    reporter.update(7, 10);
    reporter.finish(10, 10);
    expect(out).toHaveLength(3);
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(out[2]).toContain('10/10 100.0%');
  });

  it('redraws one line on a terminal', () => {
    const out: string[] = [];
    const reporter = new ProgressReporter('p', { write: (t) => out.push(t), isTTY: true }, () => 0, 0);
    reporter.update(1, 2);
    reporter.finish(2, 2);
    expect(out[0].startsWith('\r')).toBe(true);
    expect(out[out.length - 1]).toBe('\n');
  });
});
