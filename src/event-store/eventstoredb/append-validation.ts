import { isUuid } from '../../common/ids';
import { InvalidAppendError, type ExpectedRevision, type NewEvent } from '../event-store.port';
import { KZ_METADATA_KEY } from './event-encoding';

const MAX_NAME_LENGTH = 500;
const MAX_SCHEMA_VERSION = 2 ** 31 - 1;
// Names are joined by '\n' in the hash input; control characters would make it ambiguous.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH && !CONTROL_CHARACTER.test(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function serialisable(value: unknown): boolean {
  try {
    return typeof JSON.stringify(value) === 'string';
  } catch {
    return false; // cycles, BigInt
  }
}

/**
 * Rejects input the store must never hold, with the same limits as the
 * PostgreSQL adapter (names of 1 to 500 characters without control
 * characters, schema versions that fit 32 bits). Names starting with '$' belong to
 * EventStoreDB itself (system streams and types, hidden from every reader of
 * the port), and the metadata key '$kz' is the adapter's own.
 */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (!isName(streamId)) throw new InvalidAppendError(`The stream id must be 1 to ${MAX_NAME_LENGTH} characters without control characters`);
  if (streamId.startsWith('$')) throw new InvalidAppendError(`Stream id "${streamId}": ids starting with '$' are reserved`);
  if (
    !['any', 'no-stream', 'stream-exists'].includes(expected as string) &&
    !(typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0)
  ) {
    throw new InvalidAppendError(`Unknown expected revision ${String(expected)}`);
  }
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError('An append needs at least one event');
  const seen = new Set<string>();
  events.forEach((event, i) => {
    const at = `Event #${i}`;
    if (typeof event.id !== 'string' || !isUuid(event.id)) throw new InvalidAppendError(`${at}: id must be a UUID`);
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new InvalidAppendError(`${at}: id ${event.id} appears twice in the batch`);
    seen.add(id);
    if (!isName(event.type)) throw new InvalidAppendError(`${at}: type must be 1 to ${MAX_NAME_LENGTH} characters without control characters`);
    if (event.type.startsWith('$')) throw new InvalidAppendError(`${at}: types starting with '$' are reserved`);
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1 || event.schemaVersion > MAX_SCHEMA_VERSION) {
      throw new InvalidAppendError(`${at}: schemaVersion must be a whole number from 1 to ${MAX_SCHEMA_VERSION}`);
    }
    if (!serialisable(event.data)) throw new InvalidAppendError(`${at}: data must be JSON-serialisable`);
    if (!isPlainObject(event.metadata) || !serialisable(event.metadata)) {
      throw new InvalidAppendError(`${at}: metadata must be a JSON-serialisable object`);
    }
    if (Object.prototype.hasOwnProperty.call(event.metadata, KZ_METADATA_KEY)) {
      throw new InvalidAppendError(`${at}: the metadata key "${KZ_METADATA_KEY}" is reserved`);
    }
  });
}
