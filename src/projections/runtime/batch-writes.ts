import type { EntityManager } from 'typeorm';

export interface BatchWrite {
  sql: string;
  params: unknown[];
}

type Queryable = Pick<EntityManager, 'query'>;

/** Batches whose writes wait for a later round trip (inBatchTransaction): by the batch's transaction. */
const holding = new WeakMap<Queryable, (write: BatchWrite) => void>();

/**
 * A write whose result the projection does not need. In a live batch it
 * waits, and goes to the server with the batch's next SELECT or with the
 * checkpoint's move and the COMMIT (a live batch of a few events spent most
 * of its time on round trips); anywhere else (a rebuild, a test) it runs at
 * once. A held write that fails, fails the batch there, as if it had failed
 * here. Statements the projection sends after it through `tx` see it.
 */
export async function writeWithBatch(tx: Queryable, sql: string, params: unknown[]): Promise<void> {
  const hold = holding.get(tx);
  if (hold === undefined) {
    await tx.query(sql, params);
    return;
  }
  hold({ sql, params });
}

/** While `work` runs, the writes it makes through writeWithBatch on `tx` go to `hold`, in order, instead of the server. */
export async function holdingWrites<T>(tx: Queryable, hold: (write: BatchWrite) => void, work: () => Promise<T>): Promise<T> {
  holding.set(tx, hold);
  try {
    return await work();
  } finally {
    holding.delete(tx);
  }
}
