import { ExpectedRevision } from '../event-store.port';

/** The last event of a stream as this instance saw it (-1 and '' for a stream without events). */
export interface StreamHead {
  revision: number;
  hash: string;
}

const NO_STREAM: StreamHead = { revision: -1, hash: '' };

/**
 * What this instance last saw of each stream's head: from the appends it made
 * and the streams it read. Only stored facts go in, but other instances may
 * have appended since, so an entry is a guess that the fast append path has the
 * server verify (see migrations/003-fast-append-support.ts). Bounded: beyond its
 * capacity the stream updated longest ago goes first. Capacity 0 disables the
 * fast path.
 */
export class StreamHeads {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity: number) {}

  /** The head an append with this expected revision can be built on, if this instance knows one. */
  forAppend(streamId: string, expected: ExpectedRevision): StreamHead | undefined {
    if (this.capacity === 0) return undefined;
    const head = this.heads.get(streamId);
    // A stream this instance saw exists: 'no-stream' would only fail, and es_append reports how.
    if (expected === 'no-stream') return head === undefined ? NO_STREAM : undefined;
    if (head === undefined) return undefined;
    if (expected === 'any' || expected === 'stream-exists' || expected === head.revision) return head;
    return undefined;
  }

  /** After an append: the stream's head is now `head`. */
  remember(streamId: string, head: StreamHead): void {
    if (this.capacity === 0) return;
    this.heads.delete(streamId); // re-inserted last: Map order is update order
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }

  /** After a read: an event of the stream, kept if it is later than what is known. */
  saw(streamId: string, event: StreamHead): void {
    const known = this.heads.get(streamId);
    if (known === undefined || known.revision < event.revision) this.remember(streamId, { revision: event.revision, hash: event.hash });
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }
}
