import type { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-db';
import { openReadModelsDataSource } from '../projections/runtime/read-models.data-source';
import { TRANSPARENCY_READ_MODEL } from './notary.read-model';
import { flushTreeToDisk } from './tree-durability';

describe('flushTreeToDisk (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('tld');
    dataSource = await openReadModelsDataSource({ url: db.url, readModels: [TRANSPARENCY_READ_MODEL] });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** A notary batch's state write, committed as the runtime commits it: without waiting for the disk. */
  async function asynchronousBatch(treeSize: number): Promise<string> {
    await dataSource.transaction(async (tx) => {
      await tx.query('SET LOCAL synchronous_commit = off');
      await tx.query(
        `INSERT INTO tl_state (id, tree_size, frontier, position) VALUES (1, $1, ''::bytea, $1)
         ON CONFLICT (id) DO UPDATE SET tree_size = EXCLUDED.tree_size, position = EXCLUDED.position`,
        [treeSize],
      );
    });
    const rows = await dataSource.query<Array<{ lsn: string }>>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    return rows[0]?.lsn ?? 'none';
  }

  const flushedPast = async (lsn: string): Promise<boolean> =>
    (await dataSource.query<Array<{ done: boolean }>>('SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS done', [lsn]))[0]?.done === true;

  it('returns only once a batch committed without waiting for the disk is on disk', async () => {
    for (let size = 1; size <= 5; size++) {
      const committedBy = await asynchronousBatch(size);
      await flushTreeToDisk(dataSource);
      // Without the flush the WAL writer gets there within wal_writer_delay (200 ms), rarely this soon.
      expect(await flushedPast(committedBy)).toBe(true);
    }
  });

  it('returns on an idle server, with nothing new to flush', async () => {
    await flushTreeToDisk(dataSource);
    await flushTreeToDisk(dataSource);
    expect(await flushedPast('0/0')).toBe(true);
  });
});
