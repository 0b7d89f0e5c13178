import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EVENT_STORE, EventStore, GlobalPosition } from '../../event-store/event-store.port';
import { readCheckpoints } from './checkpoints';
import type { Projection } from './projection';
import { filterOf } from './projection-filter';
import { PROJECTIONS, READ_MODELS_DATA_SOURCE } from './tokens';

const POLL_MS = 50;

/**
 * Read-your-own-writes: a query that carries the position its command answered
 * with waits until the named projections reflect it. The checkpoints are read
 * from the database, so this works whichever instance runs the projections.
 */
@Injectable()
export class ProjectionWaiter {
  private readonly byName: Map<string, Projection>;
  private readonly wakers = new Set<() => void>();

  constructor(
    @Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) projections: Projection[],
  ) {
    this.byName = new Map(projections.map((p) => [p.name, p]));
  }

  /** True when every projection reflects `position` within `timeoutMs`; false when the time ran out. */
  async waitFor(position: GlobalPosition, projections: string[], timeoutMs: number): Promise<boolean> {
    for (const name of projections) if (!this.byName.has(name)) throw new Error(`unknown projection "${name}"`);
    const deadline = Date.now() + timeoutMs;
    let pending = [...projections];
    for (;;) {
      pending = await this.notYetAt(position, pending);
      if (pending.length === 0) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.nextCommitOr(Math.min(POLL_MS, left));
    }
  }

  /** Called by the local runners after each commit: waiters re-check at once. */
  notifyCommitted(): void {
    for (const wake of [...this.wakers]) wake();
  }

  private async notYetAt(position: GlobalPosition, names: string[]): Promise<string[]> {
    const checkpoints = await readCheckpoints(this.dataSource, names);
    const behind = names.filter((n) => (checkpoints.get(n)?.position ?? 0n) < position);
    if (behind.length === 0) return [];
    // A projection's checkpoint only moves on events it subscribes to: it is
    // also at `position` when nothing it would apply lies in (checkpoint, position].
    // That holds only once `position` itself is visible to readers.
    if ((await this.store.headPosition()) < position) return behind;
    const still: string[] = [];
    for (const name of behind) {
      const p = this.byName.get(name)!;
      const next = await this.store.readAll({
        after: checkpoints.get(name)?.position ?? 0n,
        maxCount: 1,
        filter: filterOf(p),
      });
      if (next.length > 0 && next[0].position <= position) still.push(name);
    }
    return still;
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
