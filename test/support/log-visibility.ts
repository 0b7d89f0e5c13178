import { EventStore, GlobalPosition } from '../../src/event-store/event-store.port';

/**
 * Waits until readers of the global log can see `position`. On PostgreSQL a
 * reader never passes a writing transaction that is still open anywhere on the
 * server (the gap rule), and test files run in parallel on one server: a test
 * that reads the log right after its own appends must wait for this first.
 */
export async function untilLogShows(store: EventStore, position: GlobalPosition, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await store.headPosition()) < position) {
    if (Date.now() > deadline) throw new Error(`the global log did not reach position ${position} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
