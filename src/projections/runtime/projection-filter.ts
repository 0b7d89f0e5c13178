import type { EventFilter, RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from './projection';

type Filtered = Pick<Projection, 'eventTypes' | 'streamPrefixes'>;

/** The server-side filter a projection subscribes with (undefined: every event). */
export function filterOf(projection: Filtered): EventFilter | undefined {
  if (!projection.eventTypes && !projection.streamPrefixes) return undefined;
  return { eventTypes: projection.eventTypes, streamPrefixes: projection.streamPrefixes };
}

/** One filter that lets through every event any of the projections asks for (one read of the log feeds them all). */
export function unionFilterOf(projections: Filtered[]): EventFilter | undefined {
  const union = (pick: (p: Filtered) => string[] | undefined): string[] | undefined =>
    projections.some((p) => pick(p) === undefined) ? undefined : [...new Set(projections.flatMap((p) => pick(p) ?? []))];
  const eventTypes = union((p) => p.eventTypes);
  const streamPrefixes = union((p) => p.streamPrefixes);
  if (!eventTypes && !streamPrefixes) return undefined;
  return { eventTypes, streamPrefixes };
}

/** The same test the store applies server-side, for events read under a wider filter. */
export function matcherOf(projection: Filtered): (event: RecordedEvent) => boolean {
  const types = projection.eventTypes ? new Set(projection.eventTypes) : undefined;
  const prefixes = projection.streamPrefixes;
  return (event) => (!types || types.has(event.type)) && (!prefixes || prefixes.some((prefix) => event.streamId.startsWith(prefix)));
}
