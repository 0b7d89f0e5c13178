import type { EntityManager } from 'typeorm';

export interface BatchWrite {
  sql: string;
  params: unknown[];
}

type Queryable = Pick<EntityManager, 'query'>;

/** Batches whose writes the runner sends with the checkpoint's move: by the batch's transaction. */
const collecting = new WeakMap<Queryable, BatchWrite[]>();

/**
 * A write whose result the projection does not need, among the last of its
 * batch. In a live batch it is held and sent with the checkpoint's move and
 * the COMMIT, in one round trip (a live batch of a few events spent most of
 * its time on round trips); anywhere else (a rebuild, a test) it runs at
 * once. A held write fails at the commit, which fails the batch as if it had
 * failed here. A statement the projection sends after it through `tx` sees it:
 * the held writes are sent first.
 */
export async function writeWithBatch(tx: Queryable, sql: string, params: unknown[]): Promise<void> {
  const held = collecting.get(tx);
  if (held === undefined) {
    await tx.query(sql, params);
    return;
  }
  held.push({ sql, params });
}

/**
 * While `apply` runs, holds the writes it makes through writeWithBatch on `tx`
 * and returns them, in order, for the batch's closing round trip. A statement
 * sent through `tx` meanwhile first sends what is held (in one round trip).
 */
export async function holdingWrites(
  tx: Queryable,
  send: (writes: BatchWrite[]) => Promise<void>,
  apply: () => Promise<void>,
): Promise<BatchWrite[]> {
  const held: BatchWrite[] = [];
  collecting.set(tx, held);
  const query = tx.query.bind(tx);
  tx.query = async <T>(sql: string, parameters?: unknown[]): Promise<T> => {
    if (held.length > 0) await send(held.splice(0));
    return query<T>(sql, parameters);
  };
  try {
    await apply();
    return held.splice(0);
  } finally {
    tx.query = query;
    collecting.delete(tx);
  }
}
