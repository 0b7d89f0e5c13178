import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter, type FilterBase } from '@eventstore/db-client';
import type { EventFilter } from '../event-store.port';

/**
 * EventStoreDB's own events ($stats, $metadata, $epoch-information, ...) live in
 * streams and under types that start with '$'; readers of the port never see them.
 */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** The port's filter, checked in the process (an absent list does not constrain, an empty one lets nothing through). */
export function matchesFilter(event: { streamId: string; type: string }, filter?: EventFilter): boolean {
  if (isSystemEvent(event)) return false;
  const prefixes = filter?.streamPrefixes;
  if (prefixes && !prefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  const types = filter?.eventTypes;
  if (types && !types.includes(event.type)) return false;
  return true;
}

/** Escapes a literal for the server's (.NET) regular expressions; the syntax overlaps JavaScript's here. */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An anchored alternation that matches exactly these event types (a prefix filter would also match longer names). */
export function exactTypesRegex(types: readonly string[]): string {
  return `^(?:${types.map(escapeRegex).join('|')})$`;
}

/**
 * The server-side filter of a subscription. The client takes one filter, on
 * either the event type or the stream name: event types go to the server when
 * given (usually the more selective of the two), else stream prefixes, else
 * only system events are excluded (also for empty lists, which let nothing
 * through). Whatever the server does not check, matchesFilter checks on
 * arrival, so the result is the same either way. With `checkpointReached`
 * the server reports how far its filter has read as often as it can
 * (interval 1: after each search window of events it examined).
 */
export function serverFilterFor(filter?: EventFilter, checkpointReached?: FilterBase['checkpointReached']): Filter {
  const checkpoints = checkpointReached ? { checkpointInterval: 1, checkpointReached } : {};
  if (filter?.eventTypes?.length) return eventTypeFilter({ regex: exactTypesRegex(filter.eventTypes), ...checkpoints });
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: [...filter.streamPrefixes], ...checkpoints });
  return excludeSystemEvents(checkpoints);
}
