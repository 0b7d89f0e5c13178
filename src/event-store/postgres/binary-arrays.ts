/**
 * One-dimensional arrays in PostgreSQL's binary wire format. pg sends a Buffer
 * parameter as binary, so the ~1 KB JSON texts of an append reach the server as
 * length-prefixed bytes instead of a quoted, backslash-escaped array literal: the
 * server's text-format array parser cost more CPU than validating the JSON itself,
 * and the client no longer escapes every quote.
 *
 * Layout (array_recv): ndim, has-nulls flag, element type oid, then per
 * dimension its length and lower bound, then each element as int32 length + bytes.
 */
const TEXT_OID = 25;
const INT4_OID = 23;
const UUID_OID = 2950;
const HEADER_BYTES = 20;

function header(buffer: Buffer, elementOid: number, count: number): number {
  buffer.writeInt32BE(1, 0); // dimensions
  buffer.writeInt32BE(0, 4); // no NULL elements
  buffer.writeUInt32BE(elementOid, 8);
  buffer.writeInt32BE(count, 12);
  buffer.writeInt32BE(1, 16); // lower bound
  return HEADER_BYTES;
}

export function textArray(values: readonly string[]): Buffer {
  // A UTF-16 code unit takes at most 3 bytes in UTF-8: allocate for the worst
  // case and write each string once, instead of measuring it first.
  let capacity = HEADER_BYTES;
  for (const value of values) capacity += 4 + 3 * value.length;
  const buffer = Buffer.allocUnsafe(capacity);
  let offset = header(buffer, TEXT_OID, values.length);
  for (const value of values) {
    const bytes = buffer.write(value, offset + 4, 'utf8');
    buffer.writeInt32BE(bytes, offset);
    offset += 4 + bytes;
  }
  return buffer.subarray(0, offset);
}

/** Values must be valid UUIDs (append-validation.ts checks them). */
export function uuidArray(values: readonly string[]): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + values.length * 20);
  let offset = header(buffer, UUID_OID, values.length);
  for (const value of values) {
    buffer.writeInt32BE(16, offset);
    buffer.write(value.replace(/-/g, ''), offset + 4, 'hex');
    offset += 20;
  }
  return buffer;
}

/** Values must be 32-bit integers. */
export function int4Array(values: readonly number[]): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + values.length * 8);
  let offset = header(buffer, INT4_OID, values.length);
  for (const value of values) {
    buffer.writeInt32BE(4, offset);
    buffer.writeInt32BE(value, offset + 4);
    offset += 8;
  }
  return buffer;
}
