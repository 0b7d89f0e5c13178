import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { GlobalPosition } from '../../event-store/event-store.port';
import { readCheckpoints } from './checkpoints';
import type { Projection } from './projection';
import { PROJECTIONS, READ_MODELS_DATA_SOURCE } from './tokens';

/** How often the checkpoints are read again when no local commit wakes the waiter (another instance runs the projections). */
const RECHECK_MS = 50;

/**
 * Read-your-own-writes: a query that carries the position its command answered
 * with waits until the named projections reflect it. Every checkpoint moves to
 * where its subscription has read the log, events it applies or not
 * (nextCheckpoint), so a projection reflects `position` exactly when its
 * checkpoint is at or past it. The checkpoints are read from the database, so
 * this works whichever instance runs the projections.
 */
@Injectable()
export class ProjectionWaiter {
  private readonly names: Set<string>;
  private readonly wakers = new Set<() => void>();

  constructor(
    @Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PROJECTIONS) projections: Projection[],
  ) {
    this.names = new Set(projections.map((p) => p.name));
  }

  /** True when every projection reflects `position` within `timeoutMs`; false when the time ran out. */
  async waitFor(position: GlobalPosition, projections: string[], timeoutMs: number): Promise<boolean> {
    for (const name of projections) if (!this.names.has(name)) throw new Error(`unknown projection "${name}"`);
    const deadline = Date.now() + timeoutMs;
    let pending = [...projections];
    for (;;) {
      pending = await this.notYetAt(position, pending);
      if (pending.length === 0) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.nextCommitOr(Math.min(RECHECK_MS, left));
    }
  }

  /** Called by the local runners after each commit: waiters re-check at once. */
  notifyCommitted(): void {
    for (const wake of [...this.wakers]) wake();
  }

  private async notYetAt(position: GlobalPosition, names: string[]): Promise<string[]> {
    const checkpoints = await readCheckpoints(this.dataSource, names);
    return names.filter((n) => (checkpoints.get(n)?.position ?? 0n) < position);
  }

  private nextCommitOr(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
