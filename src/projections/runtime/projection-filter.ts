import type { EventFilter } from '../../event-store/event-store.port';
import type { Projection } from './projection';

/** The server-side filter a projection subscribes with (undefined: every event). */
export function filterOf(projection: Pick<Projection, 'eventTypes' | 'streamPrefixes'>): EventFilter | undefined {
  if (!projection.eventTypes && !projection.streamPrefixes) return undefined;
  return { eventTypes: projection.eventTypes, streamPrefixes: projection.streamPrefixes };
}
