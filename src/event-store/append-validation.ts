import { isUuid } from '../common/ids';
import { isStorableText } from '../common/storable-text';
import { ExpectedRevision, InvalidAppendError, NewEvent, UnstorableTextError } from './event-store.port';
import { messageOf } from '../common/error-message';

/**
 * What the port accepts in an append, the same for every adapter, so that a
 * store can move between PostgreSQL and EventStoreDB without finding events
 * one of them could not hold. Each limit exists for one adapter or for the
 * hash chain, and binds both.
 */

/** The PostgreSQL global position keeps 20 bits for the index of an event within its append. */
export const MAX_EVENTS_PER_APPEND = 2 ** 20 - 1;
const MAX_NAME_LENGTH = 500;
const MAX_SCHEMA_VERSION = 2 ** 31 - 1;
// Names are joined by '\n' in the hash input; control characters would make it ambiguous.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/** Streams and types starting with '$' are EventStoreDB's own (system streams and events). */
const RESERVED_PREFIX = '$';
/** The metadata key under which the EventStoreDB adapter stores the fields it has no native home for. */
export const ADAPTER_METADATA_KEY = '$kz';

/** An append checked and serialised: parallel arrays, ids in lower case, JSON as the text to hash and store. */
export interface AppendParameters {
  expected: string;
  ids: string[];
  types: string[];
  versions: number[];
  data: string[];
  metadata: string[];
}

export const checkStreamId = (streamId: unknown): string => checkName(streamId, 'stream id');

function checkName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH || CONTROL_CHARACTER.test(value)) {
    throw new InvalidAppendError(`${what} must be 1 to ${MAX_NAME_LENGTH} characters without control characters`);
  }
  if (!isStorableText(value)) throw new UnstorableTextError(what);
  if (value.startsWith(RESERVED_PREFIX))
    throw new InvalidAppendError(`${what} "${value}": names starting with '${RESERVED_PREFIX}' are reserved`);
  return value;
}

/**
 * Well-formed JSON.stringify writes a NUL as \u0000 and an unpaired surrogate as
 * \udXXX, and never escapes anything else that way (a valid pair is written as
 * is). The quick test finds candidates; the scan reads escapes left to right
 * so that an escaped backslash followed by "u0000" is not taken for one.
 */
const CANDIDATE = /\\u(?:0000|d[89a-f])/i;
const ESCAPE = /\\(u[0-9a-f]{4}|.)/gi;
const UNSTORABLE_ESCAPE = /^u(?:0000|d[89a-f][0-9a-f]{2})$/i;

function holdsUnstorableText(json: string): boolean {
  if (!CANDIDATE.test(json)) return false;
  for (const [, escape] of json.matchAll(ESCAPE)) if (UNSTORABLE_ESCAPE.test(escape)) return true;
  return false;
}

function toJson(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new InvalidAppendError(`${what} is not serialisable to JSON: ${messageOf(error)}`);
  }
  if (typeof text !== 'string') throw new InvalidAppendError(`${what} is not serialisable to JSON`);
  if (holdsUnstorableText(text)) throw new UnstorableTextError(what);
  return text;
}

export function expectedText(expected: ExpectedRevision): string {
  if (expected === 'any' || expected === 'no-stream' || expected === 'stream-exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return String(expected);
  throw new InvalidAppendError(`expected revision must be 'any', 'no-stream', 'stream-exists' or a revision >= 0, got ${String(expected)}`);
}

/** One event checked and serialised (the id in lower case). */
export interface EventParameters {
  id: string;
  type: string;
  version: number;
  data: string;
  metadata: string;
}

/** Checks one event of an append or import; `what` names it in errors. */
export function toEventParameters(event: NewEvent, what: string): EventParameters {
  if (typeof event?.id !== 'string' || !isUuid(event.id)) throw new InvalidAppendError(`${what}: id must be a UUID`);
  const { schemaVersion, metadata } = event;
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > MAX_SCHEMA_VERSION) {
    throw new InvalidAppendError(`${what}: schemaVersion must be a whole number from 1 to ${MAX_SCHEMA_VERSION}`);
  }
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new InvalidAppendError(`${what}: metadata must be an object`);
  }
  if (Object.prototype.hasOwnProperty.call(metadata, ADAPTER_METADATA_KEY)) {
    throw new InvalidAppendError(`${what}: the metadata key "${ADAPTER_METADATA_KEY}" is reserved`);
  }
  return {
    id: event.id.toLowerCase(),
    type: checkName(event.type, `${what}: type`),
    version: schemaVersion,
    data: toJson(event.data, `${what}: data`),
    metadata: toJson(metadata, `${what}: metadata`),
  };
}

/** Checks an append and serialises it; throws InvalidAppendError before anything reaches a store. */
export function toAppendParameters(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendParameters {
  checkStreamId(streamId);
  const params: AppendParameters = { expected: expectedText(expected), ids: [], types: [], versions: [], data: [], metadata: [] };
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError('an append needs at least one event');
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppendError(`an append holds at most ${MAX_EVENTS_PER_APPEND} events`);
  }
  const seen = new Set<string>();
  events.forEach((event: NewEvent, index) => {
    const what = `event ${index}`;
    const e = toEventParameters(event, what);
    if (seen.has(e.id)) throw new InvalidAppendError(`${what}: id ${e.id} appears twice in the append`);
    seen.add(e.id);
    params.ids.push(e.id);
    params.types.push(e.type);
    params.versions.push(e.version);
    params.data.push(e.data);
    params.metadata.push(e.metadata);
  });
  return params;
}
