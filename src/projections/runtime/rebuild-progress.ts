/** Progress of a rebuild on stderr: a redrawn bar on a terminal, plain lines otherwise (logs, CI). */

export interface ProgressSnapshot {
  done: number;
  /** Events to replay as counted at the start (new events may push `done` past it). */
  total: number;
  elapsedMs: number;
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/** "[########------------]  4000/10000  40.0%  2000 ev/s  ETA 00:03" */
export function formatProgress(name: string, p: ProgressSnapshot, barWidth = 24): string {
  const total = Math.max(p.total, p.done);
  const fraction = total === 0 ? 1 : p.done / total;
  const filled = Math.round(fraction * barWidth);
  const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
  const eta = rate > 0 ? (total - p.done) / rate : total === p.done ? 0 : Infinity;
  return `${name} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${p.done}/${total} ${(fraction * 100).toFixed(1)}% ${Math.round(rate)} ev/s ETA ${clock(eta)}`;
}

export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Redraws at most every `intervalMs` on a TTY; writes a line every `lineEveryMs` otherwise. */
export class ProgressReporter {
  private lastAt = -Infinity;
  private readonly started: number;

  constructor(
    private readonly name: string,
    private readonly sink: ProgressSink,
    private readonly now: () => number = () => Date.now(),
    private readonly intervalMs = sink.isTTY ? 100 : 5_000,
  ) {
    this.started = now();
  }

  update(done: number, total: number): void {
    const at = this.now();
    if (at - this.lastAt < this.intervalMs) return;
    this.lastAt = at;
    this.draw(done, total);
  }

  finish(done: number, total: number): void {
    this.draw(done, total);
    if (this.sink.isTTY) this.sink.write('\n');
  }

  private draw(done: number, total: number): void {
    const line = formatProgress(this.name, { done, total, elapsedMs: this.now() - this.started });
    this.sink.write(this.sink.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
  }
}
