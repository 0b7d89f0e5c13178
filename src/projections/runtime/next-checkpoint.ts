import type { GlobalPosition, RecordedEvent } from '../../event-store/event-store.port';

/**
 * The one checkpoint rule, for live runs and rebuilds alike: after a batch a
 * projection's checkpoint is how far the log has been read for it, past the
 * events it applied and past those its filter leaves out (`readThrough`, see
 * BatchProgress), and never moves back. So an idle projection stands at the
 * head as a busy one does, and "checkpoint >= position" alone says whether a
 * projection reflects a write.
 */
export function nextCheckpoint(current: GlobalPosition, events: readonly RecordedEvent[], readThrough: GlobalPosition): GlobalPosition {
  let next = current;
  for (const position of [events.at(-1)?.position ?? current, readThrough]) if (position > next) next = position;
  return next;
}
