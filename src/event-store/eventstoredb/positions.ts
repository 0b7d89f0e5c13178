import type { Position } from '@eventstore/db-client';
import type { GlobalPosition } from '../event-store.port';

/**
 * Our global position is the $all commit position. Events appended over gRPC
 * are written one log record each, with commit position = prepare position
 * (only the legacy TCP API's explicit transactions share a commit record, and
 * nothing here writes those), so the pair can be rebuilt from the commit alone.
 * Reads of $all from a position include the event at it; subscriptions start
 * after it. The adapter skips positions <= `after` in both cases.
 */
export function toReadPosition(position: GlobalPosition): Position {
  return { commit: position, prepare: position };
}
