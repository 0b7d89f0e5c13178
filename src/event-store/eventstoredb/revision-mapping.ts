import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client';
import type { ExpectedRevision, StreamRevision } from '../event-store.port';

/** Our expected revision in the client's terms ('any' → ANY, N → BigInt(N), ...). */
export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/**
 * The exact revision the stream must be at for an append to go through: the
 * adapter always appends with one (never ANY / STREAM_EXISTS), because the hash
 * chain was computed against the tail it read.
 */
export function pinnedRevision(observed: StreamRevision): AppendExpectedRevision {
  return observed < 0 ? NO_STREAM : BigInt(observed);
}

/** The client's current revision ('no_stream' or a bigint) as ours (-1 for no stream). */
export function fromClientRevision(revision: CurrentRevision): StreamRevision {
  if (revision === NO_STREAM || revision < 0n) return -1;
  return Number(revision);
}

/** The revision the caller's numeric / 'no-stream' expectation names (-1 for no stream). */
export function exactTarget(expected: number | 'no-stream'): StreamRevision {
  return expected === 'no-stream' ? -1 : expected;
}
