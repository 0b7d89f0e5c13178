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
 * - what leaves the database about a read model waits for the disk first:
 *   the notary's signer calls flushTreeToDisk before it publishes a
 *   checkpoint (and the notary's leaves are a pure function of the durable
 *   events, so a lost batch is rebuilt to the same tree).
 * Waiting for the disk made each batch cost one fsync (2-5 ms on these
 * machines under load), the whole of a small batch's cost.
 * A rebuild's shadow pages commit the same way (rebuilder.ts).
 */
export const COMMIT_WITHOUT_WAITING_FOR_DISK = 'SET LOCAL synchronous_commit = off';

export async function commitWithoutWaitingForDisk(tx: Pick<EntityManager, 'query'>): Promise<void> {
  await tx.query(COMMIT_WITHOUT_WAITING_FOR_DISK);
}
