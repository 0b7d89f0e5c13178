import type { EntityManager } from 'typeorm';

/**
 * A projection's batch commits without waiting for its WAL to reach the disk
 * (PostgreSQL's asynchronous commit, this transaction only). Safe for a read
 * model, and why:
 * - the rows and the checkpoint are one transaction, and WAL is replayed in
 *   order, so a crash can only lose a suffix of whole batches, each with its
 *   checkpoint: the runner resumes from the last checkpoint that survived and
 *   applies those events again (exactly once still holds);
 * - the events themselves are appended with synchronous commit (the append
 *   path never goes through here), so what a lost batch is rebuilt from is on
 *   disk;
 * - what leaves the database on the strength of a read model's state must
 *   first flush the WAL (awaitCommittedOnDisk: the notary's signer does
 *   before it publishes a checkpoint).
 * Waiting for the disk at every batch made each batch cost one fsync (2-5 ms
 * on these machines), most of the notary's time at 500 events per batch.
 * A rebuild's shadow pages commit the same way (rebuilder.ts).
 */
export async function commitWithoutWaitingForDisk(tx: Pick<EntityManager, 'query'>): Promise<void> {
  await tx.query('SET LOCAL synchronous_commit = off');
}

/**
 * Waits until every transaction committed so far is on disk, whether or not it
 * waited for the disk itself: reads where the WAL ends now and waits for the
 * WAL writer (which flushes asynchronous commits within three wal_writer_delay
 * periods, 600 ms by default) to have flushed up to there. Read-only: a
 * transaction that writes nothing commits without a flush, so forcing one
 * would take a write.
 */
export async function awaitCommittedOnDisk(db: SqlRunner, options: { pollMs?: number; timeoutMs?: number } = {}): Promise<void> {
  const pollMs = options.pollMs ?? 20;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  const lsn = firstValue(await db.query('SELECT pg_current_wal_insert_lsn()::text AS lsn'), 'lsn');
  if (typeof lsn !== 'string') throw new Error('the server did not say where its WAL ends');
  for (;;) {
    if (firstValue(await db.query('SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS done', [lsn]), 'done') === true) return;
    if (Date.now() > deadline) throw new Error(`the WAL was not flushed to ${lsn} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** What the waiting needs of a connection or a transaction. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

function firstValue(rows: unknown, column: string): unknown {
  if (!Array.isArray(rows)) return undefined;
  const row: unknown = rows[0];
  return typeof row === 'object' && row !== null && column in row ? Object.getOwnPropertyDescriptor(row, column)?.value : undefined;
}
