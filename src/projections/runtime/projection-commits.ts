import { Injectable } from '@nestjs/common';
import type { GlobalPosition } from '../../event-store/event-store.port';

export type CommitListener = (projection: string, position: GlobalPosition) => void;

/**
 * "A read model changed": the runtime publishes here after a projection's
 * batch and checkpoint committed in this process (live pages listen; see the
 * console's queue). Other instances' commits are not seen here: a listener
 * that must not miss them also polls the checkpoint.
 */
@Injectable()
export class ProjectionCommits {
  private readonly listeners = new Set<CommitListener>();

  subscribe(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(projection: string, position: GlobalPosition): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(projection, position);
      } catch {
        // a listener's fault never reaches the runner
      }
    }
  }
}
