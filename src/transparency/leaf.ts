import type { RecordedEvent } from '../event-store/event-store.port';
import { leafHash } from './merkle';

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
  const fields: Buffer[] = [
    utf8(event.streamId),
    u64(event.revision),
    utf8(event.id),
    utf8(event.type),
    u32(event.schemaVersion),
    utf8(event.rawData),
    utf8(event.rawMetadata),
    utf8(event.hash),
  ];
  const parts: Buffer[] = [Buffer.from([LEAF_FORMAT_VERSION])];
  for (const field of fields) parts.push(u32(field.length), field);
  return Buffer.concat(parts);
}

function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

function u32(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${value} does not fit a leaf's u32 field`);
  }
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function u64(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${value} is not a stream revision`);
  }
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

/** The event's leaf hash in the tree: H(0x00 || encodeLeaf(event)). */
export function eventLeafHash(event: LeafSource): Buffer {
  return leafHash(encodeLeaf(event));
}
