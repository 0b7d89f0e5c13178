import type { LeafSource } from '../../transparency/leaf';
import { eventLeafHash } from '../../transparency/leaf';
import { MerkleFrontier } from '../../transparency/merkle';
import type { AnchorFinding, TrustedCheckpoint } from './checkpoint-check';

/** A leaf row as the tree stores it. */
export interface TreeLeafRow {
  leafIndex: number;
  position: bigint;
  streamId: string;
  revision: number;
}

/**
 * Recomputes the tree from the events themselves, in global order, and checks
 * that it still yields every signed checkpoint's root; also that the stored
 * leaf indexes run without a gap. Fed the events (up to the notary's position)
 * and, separately, the leaf rows, each in order; pure and streaming, so a full
 * audit holds O(log n) hashes, never the log.
 */
export class LogReproduction {
  private readonly frontier = new MerkleFrontier();
  private readonly pending: TrustedCheckpoint[];
  private readonly findings: AnchorFinding[] = [];
  private nextLeafIndex = 0;
  private lastEvent: LeafSource | undefined;
  private lastLeaf: TreeLeafRow | undefined;

  constructor(checkpoints: readonly TrustedCheckpoint[]) {
    this.pending = [...checkpoints].filter((c) => c.treeSize > 0).sort((a, b) => a.treeSize - b.treeSize);
  }

  /** The next event in global order (only events the notary has passed). */
  event(event: LeafSource): void {
    this.frontier.append(eventLeafHash(event));
    this.lastEvent = event;
    while (this.pending.length > 0 && this.pending[0].treeSize === this.frontier.size) {
      const checkpoint = this.pending.shift();
      if (checkpoint === undefined) break;
      if (!this.frontier.root().equals(checkpoint.root)) {
        this.findings.push({
          reason: 'checkpoint-not-reproduced-by-events',
          checkpoint: { treeSize: checkpoint.treeSize, source: checkpoint.sources.join(', ') },
          streamId: event.streamId,
          revision: event.revision,
          detail:
            `The first ${checkpoint.treeSize} events in the store (the last: ${event.streamId} revision ${event.revision}) do not hash to the signed root: ` +
            'an event before it was changed, inserted or deleted (the stream checks name which)',
        });
      }
    }
  }

  /** The next leaf row in leaf-index order. */
  leaf(row: TreeLeafRow): void {
    if (row.leafIndex !== this.nextLeafIndex) {
      const after = this.lastLeaf ? ` after ${this.lastLeaf.streamId} revision ${this.lastLeaf.revision}` : '';
      this.findings.push({
        reason: 'tree-leaves-not-contiguous',
        checkpoint: null,
        streamId: row.streamId,
        revision: row.revision,
        leafIndex: this.nextLeafIndex,
        detail: `Tree leaves ${this.nextLeafIndex}..${row.leafIndex - 1} are missing${after}, before ${row.streamId} revision ${row.revision}: leaf rows were deleted`,
      });
    }
    this.nextLeafIndex = row.leafIndex + 1;
    this.lastLeaf = row;
  }

  finish(): AnchorFinding[] {
    for (const checkpoint of this.pending) {
      const last = this.lastEvent ? ` (the last: ${this.lastEvent.streamId} revision ${this.lastEvent.revision})` : '';
      this.findings.push({
        reason: 'checkpoint-not-reproduced-by-events',
        checkpoint: { treeSize: checkpoint.treeSize, source: checkpoint.sources.join(', ') },
        ...(this.lastEvent ? { streamId: this.lastEvent.streamId, revision: this.lastEvent.revision } : {}),
        detail: `The checkpoint of ${checkpoint.treeSize} leaves was signed, but the store yields only ${this.frontier.size} events up to the notary's position${last}: events were deleted`,
      });
    }
    this.pending.length = 0;
    return this.findings;
  }
}
