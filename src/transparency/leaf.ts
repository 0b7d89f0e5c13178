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
  return Buffer.from(scratchOf(event, 0));
}

/** Bytes of fixed-size fields and length prefixes: version, 8 prefixes, revision, schema version. */
const FIXED_BYTES = 1 + 8 * 4 + 8 + 4;

/**
 * One buffer reused for every encoding: the notary hashes every event of the
 * log, and a fresh ~1.5 KB buffer per event was a good part of its garbage.
 * Only ever used synchronously, between writing and hashing.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The encoding written after `prefix` zero bytes into the shared scratch
 * buffer: valid until the next call. Each text is encoded once, straight into
 * place (a UTF-16 code unit takes at most 3 UTF-8 bytes, so room for 3 per
 * unit is always enough), and its length is written in front afterwards.
 */
function scratchOf(event: LeafSource, prefix: number): Buffer {
  checkU64(event.revision);
  checkU32(event.schemaVersion);
  const { streamId, id, type, rawData, rawMetadata, hash: chainHash } = event;
  const worst =
    prefix + FIXED_BYTES + 3 * (streamId.length + id.length + type.length + rawData.length + rawMetadata.length + chainHash.length);
  if (worst > scratch.length) scratch = Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(worst)));
  const out = scratch;
  out.fill(0, 0, prefix);
  let at = prefix;
  at = out.writeUInt8(LEAF_FORMAT_VERSION, at);
  const text = (value: string): void => {
    const length = out.write(value, at + 4, 'utf8');
    checkU32(length);
    out.writeUInt32BE(length, at);
    at += 4 + length;
  };
  text(streamId);
  at = out.writeUInt32BE(8, at);
  at = out.writeBigUInt64BE(BigInt(event.revision), at);
  text(id);
  text(type);
  at = out.writeUInt32BE(4, at);
  at = out.writeUInt32BE(event.schemaVersion, at);
  text(rawData);
  text(rawMetadata);
  text(chainHash);
  return out.subarray(0, at);
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
  return hash('sha256', scratchOf(event, 1), 'buffer');
}
