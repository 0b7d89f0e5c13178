import { ProjectionTestDatabase } from '../testing/projection-database';
import { inBatchTransaction } from './batch-transaction';

describe('inBatchTransaction (real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('batch_tx', []);

  beforeAll(async () => {
    await pg.open();
    await pg.dataSource.query('CREATE TABLE IF NOT EXISTS batch_tx_rows (name text NOT NULL)');
  });

  beforeEach(() => pg.dataSource.query('TRUNCATE batch_tx_rows'));

  afterAll(() => pg.close());

  const names = async (): Promise<string[]> =>
    (await pg.dataSource.query<Array<{ name: string }>>('SELECT name FROM batch_tx_rows ORDER BY name')).map((r) => r.name);

  /** Connections of this database left inside a transaction: a pool must never get one back. */
  const leftInTransaction = async (): Promise<number> => {
    const rows = await pg.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    return rows[0].n;
  };

  it("hands the opening statements' last rows to the work and commits the opening, the work and the closing together", async () => {
    const seen = await inBatchTransaction<{ txid: string; sc: string }, string[]>(pg.dataSource, {
      open: (quote) =>
        `START TRANSACTION; SET LOCAL synchronous_commit = off; INSERT INTO batch_tx_rows VALUES (${quote('opened')}); SELECT txid_current()::text AS txid, current_setting('synchronous_commit') AS sc`,
      work: async (tx, opened) => {
        const [{ txid }] = await tx.query<Array<{ txid: string }>>('SELECT txid_current()::text AS txid');
        await tx.query('INSERT INTO batch_tx_rows VALUES ($1)', ['worked']);
        return [opened[0].txid === txid ? 'same transaction' : 'another transaction', opened[0].sc];
      },
      close: (quote) => `INSERT INTO batch_tx_rows VALUES (${quote('closed')}); COMMIT`,
    });
    expect(seen).toEqual(['same transaction', 'off']);
    expect(await names()).toEqual(['closed', 'opened', 'worked']);
    expect(await leftInTransaction()).toBe(0);
  });

  it('quotes any value as a literal: a hostile one is stored as it is', async () => {
    const hostile = `x'); DROP TABLE batch_tx_rows; -- \\ '' "`;
    await inBatchTransaction(pg.dataSource, {
      open: (quote) => `START TRANSACTION; INSERT INTO batch_tx_rows VALUES (${quote(hostile)})`,
      work: async () => undefined,
      close: () => 'COMMIT',
    });
    expect(await names()).toEqual([hostile]);
  });

  it.each([
    ['the opening fails half-way', 'START TRANSACTION; INSERT INTO batch_tx_rows VALUES (1); SELECT 1/0', 'COMMIT', false],
    ['the work throws', 'START TRANSACTION; INSERT INTO batch_tx_rows VALUES (1)', 'COMMIT', true],
    ['the closing fails before its COMMIT', 'START TRANSACTION; INSERT INTO batch_tx_rows VALUES (1)', 'SELECT 1/0; COMMIT', false],
  ])('rolls everything back when %s, and gives the pool a clean connection', async (_case, open, close, workThrows) => {
    const attempt = inBatchTransaction(pg.dataSource, {
      open: () => open,
      work: async (tx) => {
        await tx.query('INSERT INTO batch_tx_rows VALUES ($1)', ['worked']);
        if (workThrows) throw new Error('the work failed');
      },
      close: () => close,
    });
    await expect(attempt).rejects.toThrow(workThrows ? 'the work failed' : 'division by zero');
    expect(await names()).toEqual([]);
    expect(await leftInTransaction()).toBe(0);
    // Every pooled connection still works outside a transaction.
    await Promise.all(Array.from({ length: 5 }, () => pg.dataSource.query('INSERT INTO batch_tx_rows VALUES ($1)', ['after'])));
    expect(await names()).toHaveLength(5);
  });
});
