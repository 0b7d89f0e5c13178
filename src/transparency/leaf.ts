import type { RecordedEvent } from '../event-store/event-store.port';
import { hash } from 'node:crypto';

/**
 * The entry of the transparency log for one event: the bytes whose RFC 6962
 * leaf hash goes into the tree. It commits to where the event sits (stream id,
 * revision), what it is (event id, type, schema version), its content exactly
 * as the store yields it and as the hash chain hashes it (`rawData`,
 * `rawMetadata`: the stored JSON text, never a re-serialisation), and the
 * event's chain hash as stored (hex text).
 *
 * Layout, all integers big-endian:
 *   u8  format version (1)
 *   then for each field in this order, u32 byte length + bytes:
 *   stream id (UTF-8) · revision (u64) · event id (UTF-8) · type (UTF-8) ·
 *   schema version (u32) · data text (UTF-8) · metadata text (UTF-8) ·
 *   chain hash text (UTF-8)
 * Every field is length-prefixed, so no two different events share an encoding.
 * A new layout gets a new version byte; a leaf is always read by its own version.
 */
export const LEAF_FORMAT_VERSION = 1;

/** What a leaf commits to: a RecordedEvent has all of it, so does an event in an offline bundle. */
export type LeafSource = Pick<
  RecordedEvent,
  'streamId' | 'revision' | 'id' | 'type' | 'schemaVersion' | 'rawData' | 'rawMetadata' | 'hash'
>;

export function encodeLeaf(event: LeafSource): Buffer {
  return encodeWithPrefix(event, 0);
}

/**
 * The encoding written into one buffer after `prefix` reserved bytes (one
 * allocation, no intermediate buffers: the notary hashes every event of the
 * log, so this is on its hot path).
 */
function encodeWithPrefix(event: LeafSource, prefix: number): Buffer {
  checkU64(event.revision);
  checkU32(event.schemaVersion);
  const texts = [event.streamId, event.id, event.type, event.rawData, event.rawMetadata, event.hash];
  const lengths = texts.map((text) => Buffer.byteLength(text, 'utf8'));
  for (const length of lengths) checkU32(length);
  const size = prefix + 1 + 8 * 4 + 8 + 4 + lengths.reduce((sum, length) => sum + length, 0);
  const out = Buffer.allocUnsafe(size);
  out.fill(0, 0, prefix);
  let at = prefix;
  at = out.writeUInt8(LEAF_FORMAT_VERSION, at);
  const text = (i: number): void => {
    at = out.writeUInt32BE(lengths[i], at);
    at += out.write(texts[i], at, 'utf8');
  };
  text(0); // stream id
  at = out.writeUInt32BE(8, at);
  at = out.writeBigUInt64BE(BigInt(event.revision), at);
  text(1); // event id
  text(2); // type
  at = out.writeUInt32BE(4, at);
  at = out.writeUInt32BE(event.schemaVersion, at);
  text(3); // data
  text(4); // metadata
  text(5); // chain hash
  return out;
}

function checkU32(value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${value} does not fit a leaf's u32 field`);
  }
}

function checkU64(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${value} is not a stream revision`);
  }
}

/** The event's leaf hash in the tree: H(0x00 || encodeLeaf(event)). */
export function eventLeafHash(event: LeafSource): Buffer {
  // The 0x00 leaf prefix is the reserved first byte: one buffer, one one-shot hash.
  return hash('sha256', encodeWithPrefix(event, 1), 'buffer');
}
