import { Client } from 'pg';
import { ProjectionTestDatabase } from '../testing/projection-database';
import { inBatchTransaction } from './batch-transaction';
import { writeWithBatch } from './batch-writes';
import { quoteLiteral } from './inline-parameters';
import { preparedNameOf } from './prepared-texts';

describe('inBatchTransaction (real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('batch_tx', []);

  beforeAll(async () => {
    await pg.open();
    await pg.dataSource.query('CREATE TABLE IF NOT EXISTS batch_tx_rows (name text NOT NULL)');
  });

  beforeEach(() => pg.dataSource.query('TRUNCATE batch_tx_rows'));

  afterEach(() => jest.restoreAllMocks());

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

  /** How many queries the pg clients sent from here on: one round trip each. */
  const roundTrips = (): (() => number) => {
    const spy = jest.spyOn(Client.prototype, 'query');
    return () => spy.mock.calls.length;
  };

  const open = ['START TRANSACTION', 'SET LOCAL synchronous_commit = off', `INSERT INTO batch_tx_rows VALUES ('opened')`];
  const close = [`INSERT INTO batch_tx_rows VALUES ('closed')`, 'COMMIT'];
  const fence = [`INSERT INTO batch_tx_rows VALUES ('fenced')`];
  /** A write that records how many fence rows it found before it. */
  const afterFence = (name: string) =>
    `INSERT INTO batch_tx_rows SELECT '${name} after ' || count(*) || ' fence' FROM batch_tx_rows WHERE name = 'fenced'`;
  /** The transaction's id, or null while it has only read. */
  const transactionId = async (tx: { query: <R>(sql: string) => Promise<R> }): Promise<string | null> =>
    (await tx.query<Array<{ id: string | null }>>('SELECT txid_current_if_assigned()::text AS id'))[0].id;

  it('sends the opening with the first SELECT and the held writes with the closing: a batch that reads once takes two round trips', async () => {
    const sent = roundTrips();
    const seen = await inBatchTransaction(pg.dataSource, {
      open,
      fence,
      work: async (tx) => {
        const rows = await tx.query<Array<{ sc: string; opened: number }>>(
          "SELECT current_setting('synchronous_commit') AS sc, (SELECT count(*)::int FROM batch_tx_rows WHERE name = $1) AS opened",
          ['opened'],
        );
        await writeWithBatch(tx, 'INSERT INTO batch_tx_rows VALUES ($1)', ['held 1']);
        await writeWithBatch(tx, 'INSERT INTO batch_tx_rows VALUES ($1)', ['held 2']);
        return rows;
      },
      close,
    });
    expect(seen).toEqual([{ sc: 'off', opened: 1 }]);
    expect(sent()).toBe(2);
    expect(await names()).toEqual(['closed', 'fenced', 'held 1', 'held 2', 'opened']);
    expect(await leftInTransaction()).toBe(0);
  });

  it('a batch that reads nothing takes one round trip: opening, held writes and closing together', async () => {
    const sent = roundTrips();
    await inBatchTransaction(pg.dataSource, {
      open,
      fence,
      work: (tx) => writeWithBatch(tx, 'INSERT INTO batch_tx_rows VALUES ($1)', ['held']),
      close,
    });
    expect(sent()).toBe(1);
    expect(await names()).toEqual(['closed', 'fenced', 'held', 'opened']);
  });

  it('a SELECT after held writes sees them, in the same round trip; a statement that is no SELECT goes alone, after what waits, with TypeORM’s own result', async () => {
    const sent = roundTrips();
    const [counted, updated] = await inBatchTransaction(pg.dataSource, {
      open,
      fence,
      work: async (tx) => {
        await writeWithBatch(tx, 'INSERT INTO batch_tx_rows VALUES ($1)', ['held']);
        const counted = await tx.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM batch_tx_rows');
        await writeWithBatch(tx, 'INSERT INTO batch_tx_rows VALUES ($1)', ['held again']);
        const updated: unknown = await tx.query('UPDATE batch_tx_rows SET name = name || $1 WHERE name = $2', ['!', 'held again']);
        return [counted, updated];
      },
      close,
    });
    expect(counted).toEqual([{ n: 3 }]); // opened, fenced, held
    expect(updated).toEqual([[], 1]); // TypeORM's answer to an UPDATE: its rows and how many it changed
    expect(sent()).toBe(4); // opening with the SELECT; the held write; the UPDATE; the closing
    expect(await names()).toEqual(['closed', 'fenced', 'held', 'held again!', 'opened']);
  });

  it('sends the fence just before the first held write, with the next SELECT: until then the batch only reads and holds no transaction id', async () => {
    const sent = roundTrips();
    const ids = await inBatchTransaction(pg.dataSource, {
      open: ['START TRANSACTION', 'SET LOCAL synchronous_commit = off'],
      fence,
      work: async (tx) => {
        const reading = await transactionId(tx);
        await writeWithBatch(tx, afterFence('held'), []);
        const written = await transactionId(tx);
        return { reading, written };
      },
      close: ['COMMIT'],
    });
    expect(ids.reading).toBeNull();
    expect(ids.written).not.toBeNull();
    expect(sent()).toBe(3); // opening with the first SELECT; fence and write with the second; the closing
    expect(await names()).toEqual(['fenced', 'held after 1 fence']);
  });

  it('sends the fence with the closing when the batch writes nothing, and before a statement that is no SELECT', async () => {
    const sent = roundTrips();
    await inBatchTransaction(pg.dataSource, { open, fence, work: (tx) => transactionId(tx), close: ['COMMIT'] });
    expect(sent()).toBe(2);
    expect(await names()).toEqual(['fenced', 'opened']);

    await pg.dataSource.query('TRUNCATE batch_tx_rows');
    await inBatchTransaction(pg.dataSource, {
      open: ['START TRANSACTION'],
      fence,
      work: async (tx) => {
        await tx.query(afterFence('sent alone'));
        await writeWithBatch(tx, afterFence('held'), []);
      },
      close: ['COMMIT'],
    });
    expect(await names()).toEqual(['fenced', 'held after 1 fence', 'sent alone after 1 fence']);
  });

  it('quotes any value as a literal: a hostile one is stored and read as it is', async () => {
    const hostile = `x'); DROP TABLE batch_tx_rows; -- \\ '' " $1 $$`;
    const read = await inBatchTransaction(pg.dataSource, {
      open: ['START TRANSACTION', `INSERT INTO batch_tx_rows VALUES (${quoteLiteral(hostile)})`],
      fence: [`INSERT INTO batch_tx_rows VALUES (${quoteLiteral(`${hostile} fence`)})`],
      work: async (tx) => {
        await writeWithBatch(tx, 'INSERT INTO batch_tx_rows VALUES ($1)', [`${hostile} held`]);
        return tx.query<Array<{ name: string }>>('SELECT name FROM batch_tx_rows WHERE name = $1', [hostile]);
      },
      close: ['COMMIT'],
    });
    expect(read).toEqual([{ name: hostile }]);
    expect(await names()).toEqual([hostile, `${hostile} fence`, `${hostile} held`]);
  });

  /** The texts the pg clients sent from here on, with the connection that sent each. */
  const sentTexts = (): (() => Array<{ connection: unknown; text: string }>) => {
    const spy = jest.spyOn(Client.prototype, 'query');
    return () => spy.mock.calls.map((call, i) => ({ connection: spy.mock.contexts[i], text: String(call[0]) }));
  };

  it('prepares each statement once per connection: a batch then sends only its EXECUTE, and answers as the statement itself would', async () => {
    const sent = sentTexts();
    const read = 'SELECT $1::jsonb AS j, $2::text[] AS a, $3::int AS n, $4::text AS t, $5::text AS nothing /* prepared once */';
    const write = 'INSERT INTO batch_tx_rows VALUES ($1) /* prepared once */';
    const values = [{ q: `it's \\ "quoted"` }, ['a', null, 'b"c'], 42, `x'); DROP TABLE batch_tx_rows; --`, null];
    const batch = (name: string) =>
      inBatchTransaction(pg.dataSource, {
        open: ['START TRANSACTION'],
        fence: [],
        work: async (tx) => {
          await writeWithBatch(tx, write, [name]);
          return tx.query<unknown[]>(read, values);
        },
        close: ['COMMIT'],
      });
    const answers = [await batch('first'), await batch('second'), await batch('third')];
    const direct = await pg.dataSource.query<unknown[]>(read, values);
    expect(answers).toEqual([direct, direct, direct]);
    expect(await names()).toEqual(['first', 'second', 'third']);
    const batches = sent().filter((s) => [read, write].some((sql) => s.text.includes(preparedNameOf(sql))));
    const connections = new Set(batches.map((s) => s.connection));
    const prepares = batches.flatMap((s) => s.text.split('\n;\n').filter((t) => t.startsWith('PREPARE ')));
    // Two statements, prepared once on each connection the batches ran on; each batch executes both, in one text.
    expect(prepares).toHaveLength(2 * connections.size);
    expect(connections.size).toBeLessThan(3);
    expect(batches.map((s) => s.text.split('EXECUTE ').length - 1)).toEqual([2, 2, 2]);
  });

  it('after a batch fails before its PREPARE ran, the connection prepares again: its next batches succeed', async () => {
    const sent = sentTexts();
    const write = 'INSERT INTO batch_tx_rows VALUES ($1) /* prepared after a failure */';
    // The fence goes just before the held write's PREPARE, in one text: it fails, and the PREPARE never runs.
    await expect(
      inBatchTransaction(pg.dataSource, {
        open: ['START TRANSACTION'],
        fence: ['SELECT 1/0'],
        work: (tx) => writeWithBatch(tx, write, ['lost']),
        close: ['COMMIT'],
      }),
    ).rejects.toThrow('division by zero');
    for (const name of ['again 1', 'again 2', 'again 3'])
      await inBatchTransaction(pg.dataSource, {
        open: ['START TRANSACTION'],
        fence: [],
        work: (tx) => writeWithBatch(tx, write, [name]),
        close: ['COMMIT'],
      });
    expect(await names()).toEqual(['again 1', 'again 2', 'again 3']);
    const texts = sent().filter((s) => s.text.includes(preparedNameOf(write)));
    const failed = texts[0];
    expect(failed?.text).toContain('PREPARE ');
    // The pool handed the failed batch's connection out again (the case this guards).
    expect(texts.slice(1).some((s) => s.connection === failed?.connection)).toBe(true);
  });

  it.each([
    ['the opening fails half-way', ['START TRANSACTION', 'INSERT INTO batch_tx_rows VALUES (1)', 'SELECT 1/0'], [], ['COMMIT'], false],
    ['the fence fails', ['START TRANSACTION', 'INSERT INTO batch_tx_rows VALUES (1)'], ['SELECT 1/0'], ['COMMIT'], false],
    ['the work throws', ['START TRANSACTION', 'INSERT INTO batch_tx_rows VALUES (1)'], fence, ['COMMIT'], true],
    [
      'the closing fails before its COMMIT',
      ['START TRANSACTION', 'INSERT INTO batch_tx_rows VALUES (1)'],
      fence,
      ['SELECT 1/0', 'COMMIT'],
      false,
    ],
  ])('rolls everything back when %s, and gives the pool a clean connection', async (_case, opening, fencing, closing, workThrows) => {
    const attempt = inBatchTransaction(pg.dataSource, {
      open: opening,
      fence: fencing,
      work: async (tx) => {
        await tx.query('SELECT count(*) FROM batch_tx_rows');
        await tx.query('INSERT INTO batch_tx_rows VALUES ($1)', ['worked']);
        if (workThrows) throw new Error('the work failed');
      },
      close: closing,
    });
    await expect(attempt).rejects.toThrow(workThrows ? 'the work failed' : 'division by zero');
    expect(await names()).toEqual([]);
    expect(await leftInTransaction()).toBe(0);
    // Every pooled connection still works outside a transaction.
    await Promise.all(Array.from({ length: 5 }, () => pg.dataSource.query('INSERT INTO batch_tx_rows VALUES ($1)', ['after'])));
    expect(await names()).toHaveLength(5);
  });
});
