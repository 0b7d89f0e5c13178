/**
 * Whether an append's event ids are already in a stream. EventStoreDB's own
 * idempotency is exact only when the expected revision is below the stream's
 * revision (it then compares ids slot by slot); with ANY it relies on an
 * in-memory cache of recent ids, and with an expected revision equal to the
 * current one it writes the events again. The adapter always appends with the
 * exact revision it read, so it looks for the ids itself before writing.
 */
export type PriorAppend<E> =
  | { kind: 'none' }
  /** Every id is there, contiguous and in order: `last` is the last of them. */
  | { kind: 'replay'; last: E }
  /** Some ids are there, or all but not as one run in order. */
  | { kind: 'conflict'; reason: string };

export function findPriorAppend<E extends { id: string; revision: number }>(
  ids: readonly string[],
  existing: readonly E[],
): PriorAppend<E> {
  const wanted = ids.map((id) => id.toLowerCase());
  const wantedSet = new Set(wanted);
  const found = existing.filter((event) => wantedSet.has(event.id.toLowerCase()));
  if (found.length === 0) return { kind: 'none' };
  if (found.length < wanted.length) {
    return { kind: 'conflict', reason: `${found.length} of ${wanted.length} event ids already exist in the stream` };
  }
  const inOrder = found.every(
    (event, i) => event.id.toLowerCase() === wanted[i] && (i === 0 || event.revision === found[i - 1].revision + 1),
  );
  if (found.length > wanted.length || !inOrder) {
    return { kind: 'conflict', reason: 'the event ids already exist in the stream in another order or position' };
  }
  return { kind: 'replay', last: found[found.length - 1] };
}
