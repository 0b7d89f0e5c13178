import { createHash } from 'node:crypto';

/**
 * Tamper evidence: each event's hash covers its stream, revision, type, schema
 * version and the exact stored JSON of data and metadata, chained to the hash
 * of the stream's previous event. Editing any stored event breaks the chain
 * from that event on. Both adapters compute it with this one function (the
 * PostgreSQL adapter mirrors it in SQL, and a contract test checks they agree).
 */
export interface HashInput {
  prevHash: string;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  rawData: string;
  rawMetadata: string;
}

export function chainHash(input: HashInput): string {
  const text = [
    input.prevHash,
    input.streamId,
    String(input.revision),
    input.type,
    String(input.schemaVersion),
    input.rawData,
    input.rawMetadata,
  ].join('\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first event whose stored hash or link does not match, if any. */
  firstMismatch?: { revision: number; eventId: string; reason: 'hash-mismatch' | 'broken-link' | 'revision-gap' };
}

export function verifyChain(events: ReadonlyArray<HashInput & { hash: string; id: string }>): ChainVerdict {
  let prevHash = '';
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.revision !== i) {
      return { ok: false, checked: i, firstMismatch: { revision: event.revision, eventId: event.id, reason: 'revision-gap' } };
    }
    if (event.prevHash !== prevHash) {
      return { ok: false, checked: i, firstMismatch: { revision: event.revision, eventId: event.id, reason: 'broken-link' } };
    }
    if (chainHash(event) !== event.hash) {
      return { ok: false, checked: i, firstMismatch: { revision: event.revision, eventId: event.id, reason: 'hash-mismatch' } };
    }
    prevHash = event.hash;
  }
  return { ok: true, checked: events.length };
}
