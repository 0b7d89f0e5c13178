import type { DataSource } from 'typeorm';

/**
 * Returns once every notary batch committed before the call is on disk. The
 * batches commit without waiting for the disk, as every projection's; a
 * signed checkpoint must not leave the database before the rows it speaks of.
 *
 * How: a transaction of its own locks the tree state row and commits
 * synchronously. Locking a row writes WAL and takes a transaction id, so its
 * commit flushes the WAL up to its own commit record, which lies after the
 * commit record of every batch visible before it began. (A transaction that
 * only takes an id writes no WAL and commits without flushing; waiting for the
 * flush position to pass the insert position never ends on an idle server.)
 * It waits for a batch in flight to commit: at most one batch.
 */
export async function flushTreeToDisk(dataSource: Pick<DataSource, 'transaction'>): Promise<void> {
  await dataSource.transaction(async (tx) => {
    await tx.query('SET LOCAL synchronous_commit = on');
    await tx.query('SELECT 1 FROM tl_state WHERE id = 1 FOR UPDATE');
  });
}
