import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-db';
import { awaitCommittedOnDisk, commitWithoutWaitingForDisk } from './read-model-durability';

/** A server whose WAL is flushed up to `flushedAfter[n]` at the n-th poll (LSNs as plain numbers). */
function serverFlushing(insertLsn: number, flushedAt: number[]) {
  let polls = 0;
  return {
    polls: () => polls,
    query: async (sql: string, parameters?: unknown[]): Promise<unknown> => {
      if (sql.includes('pg_current_wal_insert_lsn')) return [{ lsn: String(insertLsn) }];
      const flushed = flushedAt[Math.min(polls, flushedAt.length - 1)];
      polls += 1;
      return [{ done: flushed >= Number(parameters?.[0]) }];
    },
  };
}

describe('read-model durability', () => {
  it('awaitCommittedOnDisk polls until the WAL is flushed past where it ended when asked', async () => {
    const server = serverFlushing(100, [40, 90, 100]);
    await awaitCommittedOnDisk(server, { pollMs: 1 });
    expect(server.polls()).toBe(3);
  });

  it('awaitCommittedOnDisk gives up with an error instead of waiting forever', async () => {
    const server = serverFlushing(100, [40]);
    await expect(awaitCommittedOnDisk(server, { pollMs: 1, timeoutMs: 20 })).rejects.toThrow('was not flushed');
  });

  describe('on a real PostgreSQL', () => {
    let db: TestDatabase;
    let dataSource: DataSource;
    beforeAll(async () => {
      db = await createTestDatabase('durable');
      dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
      await dataSource.query('CREATE TABLE t (n int)');
    });
    afterAll(async () => {
      await dataSource?.destroy();
      await db?.drop();
    });

    it('after an asynchronous commit, returns once the server reports the WAL flushed past that commit', async () => {
      await dataSource.transaction(async (tx) => {
        await commitWithoutWaitingForDisk(tx);
        await tx.query('INSERT INTO t VALUES (1)');
      });
      const committedAt = (await dataSource.query<Array<{ lsn: string }>>('SELECT pg_current_wal_insert_lsn()::text AS lsn'))[0]?.lsn;
      await awaitCommittedOnDisk(dataSource, { pollMs: 5 });
      const flushed = await dataSource.query<Array<{ ok: boolean }>>('SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS ok', [
        committedAt,
      ]);
      expect(flushed[0]?.ok).toBe(true);
    });
  });
});
