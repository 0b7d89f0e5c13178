import type { AllStreamResolvedEvent, JSONEventData, ResolvedEvent } from '@eventstore/db-client';
import { EventStoreUnavailableError, type EventMetadata, type NewEvent, type RecordedEvent } from '../event-store.port';
import { ADAPTER_METADATA_KEY } from '../append-validation';
import { chainHash } from '../hash-chain';

/**
 * Our fields without a native home in EventStoreDB, carried in the event's
 * metadata under the reserved key ADAPTER_METADATA_KEY ('$kz'); everything else
 * in the metadata is the caller's, kept as given (so EventStoreDB tools still
 * see correlation ids etc.).
 */
export interface KzEnvelope {
  schemaVersion: number;
  prevHash: string;
  hash: string;
}

/** The last event of a stream as far as the chain is concerned (-1 / '' when the stream is empty). */
export interface ChainTail {
  revision: number;
  hash: string;
}

export const EMPTY_TAIL: ChainTail = { revision: -1, hash: '' };

/**
 * Client events for `events`, appended after `tail`. The hash covers the exact
 * texts JSON.stringify produces; the client stringifies data and metadata again
 * on the wire, and because JSON.stringify(JSON.parse(s)) === s for any text
 * JSON.stringify produced, what the server stores is byte for byte what we hashed.
 * Passing the re-parsed values (not the caller's objects) makes that hold even
 * for objects whose toJSON is not deterministic.
 */
export function encodeEvents(streamId: string, events: readonly NewEvent[], tail: ChainTail): JSONEventData[] {
  let prevHash = tail.hash;
  let revision = tail.revision;
  return events.map((event) => {
    revision += 1;
    const rawData = JSON.stringify(event.data);
    const rawMetadata = JSON.stringify(event.metadata);
    const hash = chainHash({
      prevHash,
      streamId,
      revision,
      type: event.type,
      schemaVersion: event.schemaVersion,
      rawData,
      rawMetadata,
    });
    const envelope: KzEnvelope = { schemaVersion: event.schemaVersion, prevHash, hash };
    const metadata = { ...(JSON.parse(rawMetadata) as Record<string, unknown>), [ADAPTER_METADATA_KEY]: envelope };
    prevHash = hash;
    return {
      id: event.id,
      contentType: 'application/json',
      type: event.type,
      data: JSON.parse(rawData) as JSONEventData['data'],
      metadata,
    };
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function asEnvelope(value: unknown): KzEnvelope | undefined {
  if (!isPlainObject(value)) return undefined;
  const { schemaVersion, prevHash, hash } = value;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion)) return undefined;
  if (typeof prevHash !== 'string' || typeof hash !== 'string') return undefined;
  return { schemaVersion, prevHash, hash };
}

/** Splits stored metadata into the caller's part (key order kept) and our envelope. */
export function splitMetadata(stored: unknown): { user: EventMetadata; envelope?: KzEnvelope } {
  if (!isPlainObject(stored)) return { user: {} };
  const { [ADAPTER_METADATA_KEY]: envelope, ...user } = stored;
  return { user, envelope: asEnvelope(envelope) };
}

/**
 * A record as the client hands it back, as our RecordedEvent; undefined for a
 * link whose target is gone. The client parsed the stored JSON; rawData and
 * rawMetadata are JSON.stringify of the parsed values, which gives back the
 * stored texts (see encodeEvents), so the hashes can be recomputed. Events written without this adapter (no envelope)
 * come back with schemaVersion 1 and empty hashes, which chain verification
 * reports, rather than failing every reader of $all.
 */
export function decodeResolvedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const position = event.position?.commit ?? resolved.commitPosition;
  if (position === undefined) {
    // Stream reads carry positions from EventStoreDB 22.6 on; older servers are not supported.
    throw new EventStoreUnavailableError(`Event ${event.id} of ${event.streamId} came without a position (server older than 22.6?)`);
  }
  const { user, envelope } = splitMetadata(event.metadata);
  let data: unknown;
  let rawData: string;
  if (event.isJson) {
    data = event.data;
    rawData = JSON.stringify(event.data);
  } else {
    rawData = Buffer.from(event.data).toString('utf8');
    data = rawData;
  }
  return {
    id: event.id,
    type: event.type,
    schemaVersion: envelope?.schemaVersion ?? 1,
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    recordedAt: event.created,
    data,
    metadata: user,
    prevHash: envelope?.prevHash ?? '',
    hash: envelope?.hash ?? '',
    rawData,
    rawMetadata: JSON.stringify(user),
  };
}
