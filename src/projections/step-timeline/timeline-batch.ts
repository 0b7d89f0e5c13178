import type { EntityManager } from 'typeorm';
import { decodeCaseEventOnce } from '../runtime/decoded-events';
import { CASE_STREAM_PREFIX } from '../../cases/domain/case.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { CaseTrackStore } from './case-track.store';
import { TIMELINE_EVENT_TYPES } from '../../timeline/step-timeline';
import { reduceCaseEvent, type TimeMeter } from './timeline-reducer';
import type { CaseTrack, TimelineRow } from './timeline.model';

export interface EndedRow {
  row: TimelineRow;
  /** The row's end, non-null by type (row.endedAt is null while a step is open). */
  endedAt: string;
  /** The case as it was when the row ended (region, organisation, service for the oversight facts). */
  track: CaseTrack;
}

export interface BatchOutcome {
  /** The last state of every case the batch touched. */
  tracks: CaseTrack[];
  /** The tracks of the cases the batch continues, as they were before it (read from the store). */
  previous: ReadonlyMap<string, CaseTrack>;
  /** Cases received (or refused at acceptance) in this batch: their plans may need storing. */
  created: CaseTrack[];
  /** Rows that ended in this batch, each once. Rows in progress are not stored: the track holds them. */
  ended: EndedRow[];
}

const KNOWN = new Set<string>(TIMELINE_EVENT_TYPES);
const OPENING = new Set<string>(['ApplicationReceived', 'AcceptanceRefused']);

const isCaseEvent = (e: RecordedEvent): boolean => e.streamId.startsWith(CASE_STREAM_PREFIX) && KNOWN.has(e.type);
const caseIdOf = (e: RecordedEvent): string => e.streamId.slice(CASE_STREAM_PREFIX.length);

/**
 * Folds a batch of events into the cases' tracks, reading the tracks of the
 * cases it continues in one query. Shared by the timeline and the oversight
 * projections, which store the outcome differently.
 */
export async function reduceBatch(
  events: RecordedEvent[],
  tx: Pick<EntityManager, 'query'>,
  store: CaseTrackStore,
  meter: TimeMeter,
): Promise<BatchOutcome> {
  const relevant = events.filter(isCaseEvent);
  const seen = new Set<string>();
  const toLoad: string[] = [];
  for (const e of relevant) {
    const id = caseIdOf(e);
    if (seen.has(id)) continue;
    seen.add(id);
    if (!OPENING.has(e.type)) toLoad.push(id);
  }
  const tracks = await store.load(tx, toLoad);
  const previous: ReadonlyMap<string, CaseTrack> = new Map(tracks);
  const created: CaseTrack[] = [];
  const ended: EndedRow[] = [];
  for (const e of relevant) {
    const id = caseIdOf(e);
    const before = tracks.get(id);
    const { track, rows } = reduceCaseEvent(before, { event: decodeCaseEventOnce(e), revision: e.revision }, meter);
    if (!track) continue;
    if (!before) created.push(track);
    tracks.set(id, track);
    for (const row of rows) if (row.endedAt !== null) ended.push({ row, endedAt: row.endedAt, track });
  }
  return { tracks: [...tracks.values()], previous, created, ended };
}
