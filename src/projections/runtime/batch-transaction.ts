import type { DataSource, EntityManager } from 'typeorm';

/** What pg yields for each statement of a text-only query. */
export interface StatementResult<Row> {
  rows: Row[];
}

/**
 * The pg client under a query runner, used here with text alone: without
 * parameters pg speaks the simple protocol, where one round trip carries
 * several statements (and values must be quoted into the text).
 */
interface TextClient {
  query<Row>(text: string): Promise<StatementResult<Row> | Array<StatementResult<Row>>>;
  escapeLiteral(value: string): string;
  end(): Promise<void>;
}

/** Quotes a value as an SQL string literal (pg's escapeLiteral): safe whatever it holds. */
export type Quote = (value: string) => string;

export interface BatchTransactionSteps<Row, T> {
  /** Statements that begin the transaction; the last one's rows go to `work`. */
  open: (quote: Quote) => string;
  work: (tx: EntityManager, opened: Row[]) => Promise<T>;
  /** Statements that end it, COMMIT last. */
  close: (quote: Quote) => string;
}

/**
 * A transaction whose opening and closing statements each take one round trip.
 * A live projection batch is small and frequent: START TRANSACTION, its
 * settings, the checkpoint's lock, the checkpoint's move and COMMIT were five
 * of its ten round trips, and the runners' round trips were what kept the
 * event loop busy at 500 appends/s (bench:projections' lag phase: p50 lag
 * 25-31 -> 21-25 ms, A/B/A/B on 100k events). `work` runs its statements on
 * the same connection, inside the transaction. Any failure rolls back; a
 * connection that cannot even roll back is closed, never handed out again.
 */
export async function inBatchTransaction<Row, T>(dataSource: DataSource, steps: BatchTransactionSteps<Row, T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const connection: unknown = await runner.connect();
  if (!isTextClient(connection)) {
    await runner.release();
    throw new Error('inBatchTransaction needs a PostgreSQL (pg) connection');
  }
  const client = connection;
  const quote: Quote = (value) => client.escapeLiteral(value);
  try {
    const opened = lastOf(await client.query<Row>(steps.open(quote)));
    const result = await steps.work(runner.manager, opened.rows);
    await client.query(steps.close(quote));
    return result;
  } catch (error) {
    // Whatever failed (even half-way through the opening, or before the closing's COMMIT) may have left the transaction open.
    await client.query('ROLLBACK').catch(() => client.end().catch(() => undefined));
    throw error;
  } finally {
    await runner.release();
  }
}

/** TypeORM types the driver's connection as any: this checks for the part of pg's Client used here. */
function isTextClient(value: unknown): value is TextClient {
  return (
    typeof value === 'object' &&
    value !== null &&
    'query' in value &&
    typeof value.query === 'function' &&
    'escapeLiteral' in value &&
    typeof value.escapeLiteral === 'function' &&
    'end' in value &&
    typeof value.end === 'function'
  );
}

function lastOf<Row>(result: StatementResult<Row> | Array<StatementResult<Row>>): StatementResult<Row> {
  if (!Array.isArray(result)) return result;
  const last = result[result.length - 1];
  if (last === undefined) throw new Error('the opening statements returned no result');
  return last;
}
