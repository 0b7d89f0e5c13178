import { createHash } from 'node:crypto';
import { inlineParameters, literalOf } from './inline-parameters';

/**
 * A live batch sends its statements as text (one simple-protocol round trip
 * carries several; batch-transaction.ts), and the server parsed, analysed and
 * planned each of them again every batch: about a fifth of its backends'
 * time at 500 appends/s (#21). Here a statement with parameters is prepared
 * once per connection, and a batch sends `EXECUTE name('literal', ...)`.
 * The literals are typed by the prepared statement's parameters, as the
 * untyped parameters of pg's extended protocol are, so it answers as the
 * statement itself would.
 *
 * PREPARE is not undone by a ROLLBACK, and a text that fails stops half-way:
 * after a failed batch the connection's statements are not known, so the
 * batch deallocates them all (`forgetPrepared`) and they are prepared again.
 * (Nothing here names its pg queries, so pg keeps no prepared statement of its
 * own on these connections for that to undo.)
 */
const preparedOn = new WeakMap<object, Set<string>>();

/**
 * A program's statements are a few fixed texts; one built from data (a
 * placeholder per row, say) would prepare a new statement per shape. Past
 * this many on a connection, a new text goes with its values quoted in
 * instead, so what a connection holds on the server stays bounded.
 */
export const MAX_PREPARED_PER_CONNECTION = 64;

/** The name a statement is prepared under: a digest of its text, so one text has one name on every connection. */
const names = new Map<string, string>();
const MAX_NAMES = 1_000;

export function preparedNameOf(sql: string): string {
  const known = names.get(sql);
  if (known !== undefined) return known;
  const name = `rm_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
  if (names.size >= MAX_NAMES) names.clear();
  names.set(sql, name);
  return name;
}

/**
 * The statements that run `sql` with `params` on `connection`: its EXECUTE,
 * preceded by its PREPARE the first time this connection meets it. A
 * statement without parameters is sent as it is, and one met when the
 * connection holds its most, with its values quoted in.
 */
export function preparedTexts(connection: object, sql: string, params: readonly unknown[]): string[] {
  if (params.length === 0) return [sql];
  const name = preparedNameOf(sql);
  const execute = `EXECUTE ${name}(${params.map(literalOf).join(', ')})`;
  let prepared = preparedOn.get(connection);
  if (prepared === undefined) {
    prepared = new Set();
    preparedOn.set(connection, prepared);
  }
  if (prepared.has(name)) return [execute];
  if (prepared.size >= MAX_PREPARED_PER_CONNECTION) return [inlineParameters(sql, params)];
  prepared.add(name);
  return [`PREPARE ${name} AS ${sql}`, execute];
}

/** What undoes the connection's statements after a failed batch; it forgets them here as well. */
export function forgetPrepared(connection: object): string {
  preparedOn.delete(connection);
  return 'DEALLOCATE ALL';
}
