import type { DataSource, EntityManager } from 'typeorm';
import { BatchWrite, holdingWrites } from './batch-writes';
import { forgetPrepared, preparedTexts } from './prepared-texts';

/** What pg yields for each statement of a text-only query: `Rows` is the rows' array, typed by the caller as TypeORM's query lets it. */
interface StatementResult<Rows> {
  rows: Rows;
}

/**
 * The pg client under a query runner, used here with text alone: without
 * parameters pg speaks the simple protocol, where one round trip carries
 * several statements (and values must be quoted into the text).
 */
export interface TextClient {
  query<Rows>(text: string): Promise<StatementResult<Rows> | Array<StatementResult<Rows>>>;
  end(): Promise<void>;
}

export interface BatchTransactionSteps<T> {
  /** Statements that begin the transaction (START TRANSACTION first). Values in them quoted with quoteLiteral, as in `fence`. */
  open: readonly string[];
  /**
   * Statements that go just before the work's first write (or before the
   * closing, when it writes nothing); any of them may fail the transaction,
   * e.g. the checkpoint's fence. A lock taken here gives the transaction an
   * id only for the last of its round trips (see inBatchTransaction).
   */
  fence: readonly string[];
  work: (tx: EntityManager) => Promise<T>;
  /** Statements that end it, COMMIT last. */
  close: readonly string[];
}

/** Between statements sent as one text: the newline first, so a statement's trailing `-- comment` cannot swallow the semicolon. */
export const STATEMENT_SEPARATOR = '\n;\n';

/** A statement whose result TypeORM hands back as its rows alone, so it can ride behind others and answer from the last result. */
export const RIDES = /^\s*SELECT\b/i;

/**
 * A transaction in as few round trips as its reads allow. A live projection
 * batch is small and frequent, and round trips were what its runner spent
 * (bench:projections' lag phase; #21): so nothing here waits for the server
 * unless the work needs an answer.
 * - The opening statements wait, and go with the first SELECT the work
 *   sends, in one simple-protocol text; the SELECT answers from the last
 *   result. A statement that cannot ride (any other) sends them first.
 * - Writes the work makes through writeWithBatch wait too, and go with the
 *   next SELECT or with the closing statements.
 * - A work that reads nothing costs one round trip: opening, writes, closing.
 * - The fence waits for the first write. Until then the transaction only
 *   reads, and takes no transaction id: an id held open keeps every event
 *   appended after it out of the log's readers' reach (they read below the
 *   oldest running transaction), so a batch that locked at its opening held
 *   back the other projections' polls for its whole first round trip.
 * What waits or rides goes as the EXECUTE of a statement prepared on the
 * connection, its parameters quoted into the text (prepared-texts.ts). Any
 * failure rolls back; a connection that cannot even roll back is closed,
 * never handed out again.
 */
export async function inBatchTransaction<T>(dataSource: DataSource, steps: BatchTransactionSteps<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const connection: unknown = await runner.connect();
  if (!isTextClient(connection)) {
    await runner.release();
    throw new Error('inBatchTransaction needs a PostgreSQL (pg) connection');
  }
  const client = connection;
  const tx = runner.manager;
  const waiting = [...steps.open];
  /** Emptied into what goes to the server just before the first write, or the first statement that may write. */
  const fence = [...steps.fence];
  /** Set when this transaction prepares a statement: after a failure, which of them exist is not known. */
  let prepares = false;
  const textFor = (write: BatchWrite): string => {
    const texts = preparedTexts(client, write.sql, write.params);
    prepares ||= texts.length > 1;
    return texts.join(STATEMENT_SEPARATOR);
  };
  const query = tx.query.bind(tx);
  tx.query = async <R>(sql: string, parameters?: unknown[]): Promise<R> => {
    if (!RIDES.test(sql)) {
      const before = [...waiting.splice(0), ...fence.splice(0)];
      if (before.length > 0) await client.query(before.join(STATEMENT_SEPARATOR));
      return query<R>(sql, parameters);
    }
    if (waiting.length === 0) return query<R>(sql, parameters);
    const before = waiting.splice(0);
    const results = await client.query<R>([...before, textFor({ sql, params: parameters ?? [] })].join(STATEMENT_SEPARATOR));
    return lastOf(results).rows;
  };
  try {
    const result = await holdingWrites(
      tx,
      (write) => waiting.push(...fence.splice(0), textFor(write)),
      () => steps.work(tx),
    );
    await client.query([...waiting.splice(0), ...fence.splice(0), ...steps.close].join(STATEMENT_SEPARATOR));
    return result;
  } catch (error) {
    // Whatever failed (even half-way through the opening, or before the closing's COMMIT) may have left the transaction open.
    const rollback = prepares ? ['ROLLBACK', forgetPrepared(client)].join(STATEMENT_SEPARATOR) : 'ROLLBACK';
    await client.query(rollback).catch(() => client.end().catch(() => undefined));
    throw error;
  } finally {
    tx.query = query;
    await runner.release();
  }
}

/** TypeORM types the driver's connection as any: this checks for the part of pg's Client used here. */
export function isTextClient(value: unknown): value is TextClient {
  return (
    typeof value === 'object' &&
    value !== null &&
    'query' in value &&
    typeof value.query === 'function' &&
    'end' in value &&
    typeof value.end === 'function'
  );
}

function lastOf<Rows>(result: StatementResult<Rows> | Array<StatementResult<Rows>>): StatementResult<Rows> {
  if (!Array.isArray(result)) return result;
  const last = result[result.length - 1];
  if (last === undefined) throw new Error('the statements returned no result');
  return last;
}
