import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import type { LogLeaf } from '../../transparency/transparency-log';
import type { StreamLeaf } from './leaf-check';
import { judgeStream, LogCheck, StreamHead, StreamVerdict } from './stream-verdict';

/** Everything the audit compares for one stream, read together. */
export interface StreamEvidence {
  events: RecordedEvent[];
  /** Present only where the store keeps heads. */
  headCheck?: { head: StreamHead | undefined; sameSnapshot?: boolean };
  /** Present only where the transparency log can be read. */
  logCheck?: LogCheck;
}

export interface StreamEvidenceReader {
  read(streamId: string): Promise<StreamEvidence>;
}

export function judgeEvidence(streamId: string, evidence: StreamEvidence): StreamVerdict {
  return judgeStream(streamId, evidence.events, evidence.headCheck, evidence.logCheck);
}

/** The log's reads this reader needs: TransparencyLog has them. */
export interface StreamLeafReads {
  leavesOfStream(streamId: string): Promise<LogLeaf[]>;
  notaryPosition(): Promise<bigint>;
}

export const toStreamLeaf = (leaf: LogLeaf): StreamLeaf => ({
  leafIndex: leaf.leafIndex,
  position: leaf.position,
  revision: leaf.revision,
  eventId: leaf.eventId,
  leafHash: leaf.leafHash,
});

/**
 * Any store (EventStoreDB: no heads, no shared snapshot with the tree): the
 * leaves and the notary's position first, then the events. Events are never
 * removed legitimately and the notary only logs committed events, so every
 * leaf read first must still have its event.
 */
export class LogStreamEvidence implements StreamEvidenceReader {
  constructor(
    private readonly store: EventStore,
    private readonly log: StreamLeafReads,
  ) {}

  async read(streamId: string): Promise<StreamEvidence> {
    const notaryPosition = await this.log.notaryPosition();
    const leaves = (await this.log.leavesOfStream(streamId)).map(toStreamLeaf);
    const events = await this.store.readStream(streamId);
    return { events, logCheck: { leaves, notaryPosition } };
  }
}
