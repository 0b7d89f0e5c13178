import { DateTime } from 'luxon';
import { ReplayPointError } from '../../common/rule-violation';
import { RecordedEvent } from '../../event-store/event-store.port';
import { occurredAtOf, occurredMs } from '../case-event-summary';

/** Where a replay stops: the latest event, an instant, or a stream revision. */
export type ReplayPoint = { kind: 'latest' } | { kind: 'at'; at: Date } | { kind: 'revision'; revision: number };

/** An instant with a date, a time and an explicit zone (Z or ±hh:mm): a bare date is ambiguous across zones. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const REVISION_PATTERN = /^\d{1,9}$/;

export function parseReplayPoint(query: { at?: string; revision?: string }): ReplayPoint {
  if (query.at !== undefined && query.revision !== undefined) {
    throw new ReplayPointError('invalid', 'replay-point-ambiguous', 'Give either `at` or `revision`, not both');
  }
  if (query.at !== undefined) {
    // luxon, not Date.parse: V8 accepts 2019-02-30 and silently rolls it into March.
    const parsed = INSTANT_PATTERN.test(query.at) ? DateTime.fromISO(query.at, { setZone: true }) : undefined;
    if (!parsed?.isValid) {
      throw new ReplayPointError(
        'invalid',
        'invalid-at',
        '`at` must be an ISO 8601 instant with Z or an offset, e.g. 2019-03-04T10:00:00+06:00',
      );
    }
    return { kind: 'at', at: parsed.toJSDate() };
  }
  if (query.revision !== undefined) {
    if (!REVISION_PATTERN.test(query.revision))
      throw new ReplayPointError('invalid', 'invalid-revision', '`revision` must be a whole number >= 0');
    return { kind: 'revision', revision: Number(query.revision) };
  }
  return { kind: 'latest' };
}

export interface Selection {
  events: RecordedEvent[];
  warnings: string[];
}

/**
 * The prefix of the stream that stood at the point. By instant: the events
 * up to the first one that occurred after `at` (a stream is folded in order,
 * so a later event is never taken without the ones before it).
 */
export function selectEvents(events: RecordedEvent[], point: ReplayPoint): Selection {
  switch (point.kind) {
    case 'latest':
      return { events, warnings: [] };
    case 'revision': {
      const last = events.length - 1;
      if (point.revision > last) {
        throw new ReplayPointError('invalid', 'revision-beyond-stream', `The case's last revision is ${last}`, { lastRevision: last });
      }
      return { events: events.slice(0, point.revision + 1), warnings: [] };
    }
    case 'at': {
      const at = point.at.getTime();
      const stop = events.findIndex((e) => occurredMs(e) > at);
      const selected = stop === -1 ? events : events.slice(0, stop);
      const warnings =
        stop === -1
          ? []
          : events
              .slice(stop)
              .filter((e) => occurredMs(e) <= at)
              .map(
                (e) =>
                  `revision ${e.revision} (${e.type}) occurred at ${occurredAtOf(e)}, not after the point, but follows an event that did: left out to keep the stream's order`,
              );
      return { events: selected, warnings };
    }
  }
}
