import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Projection } from './projection';
import { messageOf } from '../../common/error-message';

type Queryable = Pick<EntityManager, 'query'>;

/** Every shadow schema starts with this; nothing else may. */
export const SHADOW_SCHEMA_PREFIX = 'rm_rebuild_';

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const qualified = (schema: string, table: string): string => `${ident(schema)}.${ident(table)}`;

/** One schema per projection, so that several can be rebuilt at once (a short hash keeps "a-b" and "a_b" apart). */
export function shadowSchemaOf(projection: string): string {
  const slug = projection
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 32);
  const hash = createHash('sha256').update(projection).digest('hex').slice(0, 8);
  return `${SHADOW_SCHEMA_PREFIX}${slug}_${hash}`;
}

interface LiveTable {
  oid: number;
  schema: string;
  qualified: string;
  reloptions: string[] | null;
}

/** The live table an unqualified name resolves to on the default search_path; undefined when there is none yet. */
async function liveTable(db: Queryable, table: string): Promise<LiveTable | undefined> {
  const rows: LiveTable[] = await db.query(
    `SELECT c.oid::int AS oid, n.nspname AS schema, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qualified, c.reloptions
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid = to_regclass(quote_ident($1)) AND left(n.nspname, length($2)) <> $2`,
    [table, SHADOW_SCHEMA_PREFIX],
  );
  return rows[0];
}

/**
 * Drops what a failed or killed rebuild left, then creates the projection's
 * shadow schema holding an empty copy of each of its tables: columns,
 * defaults, checks, storage options, and every index and index-backed
 * constraint under its live name. The indexes are built now, on empty tables,
 * not after the fill (except the append-only tables', indexAppendOnlyShadow):
 * an index built over rows already updated in place
 * (HOT) is hidden from the planner until every transaction older than it has
 * ended, server-wide (pg_index.indcheckxmin), so queries right after the
 * swap could fall back to sequential scans.
 */
export async function createShadow(db: Queryable, projection: Projection): Promise<string> {
  const schema = shadowSchemaOf(projection.name);
  const appendOnly = appendOnlyTablesOf(projection);
  await dropShadow(db, projection.name);
  await db.query(`CREATE SCHEMA ${ident(schema)}`);
  for (const table of projection.tables) {
    const live = await liveTable(db, table);
    if (!live) continue; // created by the projection itself in the shadow schema, if at all
    const sequences: unknown[] = await db.query(
      `SELECT 1 FROM pg_attrdef WHERE adrelid = $1 AND pg_get_expr(adbin, adrelid) LIKE '%nextval(%'`,
      [live.oid],
    );
    if (sequences.length > 0)
      throw new Error(
        `${projection.name}: table ${table} draws from a sequence, which a rebuild would share with the live table; give it another key`,
      );
    const options = live.reloptions && live.reloptions.length > 0 ? ` WITH (${live.reloptions.join(', ')})` : '';
    await db.query(`CREATE TABLE ${qualified(schema, table)} (LIKE ${live.qualified} INCLUDING ALL EXCLUDING INDEXES)${options}`);
    if (!appendOnly.has(table)) await copyKeysAndIndexes(db, projection, table, live, schema);
  }
  return schema;
}

/** Projection.appendOnlyTables, checked to be among its tables. */
function appendOnlyTablesOf(projection: Projection): ReadonlySet<string> {
  const appendOnly = new Set(projection.appendOnlyTables ?? []);
  const unknown = [...appendOnly].filter((table) => !projection.tables.includes(table));
  if (unknown.length > 0) throw new Error(`${projection.name}: append-only tables ${unknown.join(', ')} are not among its tables`);
  return appendOnly;
}

/** The live table's keys (primary, unique, exclusion) and other indexes, under the same names, on its shadow copy. */
async function copyKeysAndIndexes(db: Queryable, projection: Projection, table: string, live: LiveTable, schema: string): Promise<void> {
  const constraints: Array<{ name: string; definition: string }> = await db.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1 AND contype IN ('p', 'u', 'x') ORDER BY conname`,
    [live.oid],
  );
  for (const c of constraints) await db.query(`ALTER TABLE ${qualified(schema, table)} ADD CONSTRAINT ${ident(c.name)} ${c.definition}`);
  await copyIndexes(db, projection, table, live, schema);
}

/**
 * Once the log is read through: the keys and indexes of the append-only
 * tables (Projection.appendOnlyTables), built over the filled copies. These
 * tables were never updated, so they hold no HOT chains and the new indexes
 * are usable at once (no pg_index.indcheckxmin; see createShadow).
 */
export async function indexAppendOnlyShadow(db: Queryable, projection: Projection): Promise<void> {
  const schema = shadowSchemaOf(projection.name);
  for (const table of appendOnlyTablesOf(projection)) {
    const live = await liveTable(db, table);
    if (!live) continue;
    try {
      await copyKeysAndIndexes(db, projection, table, live, schema);
    } catch (error) {
      throw new Error(`${projection.name}: the rebuilt ${table} cannot take its keys and indexes: ${messageOf(error)}`, { cause: error });
    }
  }
}

/** The live table's indexes that back no constraint, under the same names, on its shadow copy. */
async function copyIndexes(db: Queryable, projection: Projection, table: string, live: LiveTable, schema: string): Promise<void> {
  const indexes: Array<{ definition: string }> = await db.query(
    `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
      WHERE i.indrelid = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = $1)
      ORDER BY i.indexrelid`,
    [live.oid],
  );
  const on = ` ON ${live.qualified} `;
  for (const { definition } of indexes) {
    if (!definition.includes(on)) throw new Error(`${projection.name}: cannot copy an index of ${table}: ${definition}`);
    await db.query(definition.replace(on, ` ON ${qualified(schema, table)} `));
  }
}

export async function dropShadow(db: Queryable, projection: string): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${ident(shadowSchemaOf(projection))} CASCADE`);
}

/**
 * Tidies the filled shadow tables before the swap carries them into the live
 * schema (statistics and visibility map belong to the table, not to its name):
 * - ANALYZE: without the planner's statistics the first queries after a swap
 *   plan on a table of unknown size until autovacuum comes round, or never
 *   where it is off: measured on a 42,000-row work queue, an organisation's
 *   page took 3 ms warm (24 ms cold) instead of 0.3 ms, intersecting the
 *   whole region's index.
 * - VACUUM, except the append-only tables (nothing to clean there): a rebuild
 *   updates and deletes rows page by page, and left dead for autovacuum (off
 *   on some servers) they are read by every query. Every other table is
 *   vacuumed, also those only inserted into with ON CONFLICT DO NOTHING (no
 *   dead rows, but their visibility map is set). 1 M-event history,
 *   PostgreSQL 15: 87,787 dead rows beside the work queue's 139,278 open
 *   cases; VACUUM of the four upserted case tables alone took 5 s, and a
 *   work-queue page's p95 went from 12.4 and 10.7 ms to 10.0 and 9.3 ms.
 * - VACUUM FULL first, on those same tables: VACUUM frees the dead rows' room
 *   but keeps the file, and a rebuild rewrites a case's row on every page its
 *   events fall in. Over 10 M events (PostgreSQL 15) the work queue's 1.4 M
 *   rows of ~380 bytes lay in 3.3 GB of heap and 2.4 GB of indexes; rewritten,
 *   758 and 539 MB (21.5 s), and a work-queue page's p95 went from 14-18 to
 *   8.5-9.2 ms. The case history's headers: 4.7 GB to 2.0 GB in 16.3 s. The
 *   rewrite leaves the visibility map unset, hence the plain VACUUM after it.
 *   No reader sees a shadow table, so its exclusive lock blocks nobody.
 */
export async function tidyShadow(db: Queryable, projection: Projection): Promise<void> {
  const schema = shadowSchemaOf(projection.name);
  const appendOnly = appendOnlyTablesOf(projection);
  for (const table of projection.tables) {
    const name = qualified(schema, table);
    const found: unknown[] = await db.query('SELECT 1 FROM pg_class WHERE oid = to_regclass($1)', [name]);
    if (found.length === 0) continue;
    if (appendOnly.has(table)) {
      await db.query(`ANALYZE ${name}`);
      continue;
    }
    await db.query(`VACUUM (FULL) ${name}`);
    await db.query(`VACUUM (ANALYZE) ${name}`);
  }
}

/** In a rebuild transaction: unqualified names resolve to the shadow tables first. */
export async function writeToShadow(tx: Queryable, projection: string): Promise<void> {
  await tx.query(`SELECT set_config('search_path', $1 || ', ' || current_setting('search_path'), true)`, [
    ident(shadowSchemaOf(projection)),
  ]);
}

/** A projection wrote a table it does not declare: the live read model would change before the swap. */
export class UndeclaredTableWrite extends Error {}

/** Rows written per table outside the shadow schema, as this backend has counted them and not yet reported. */
async function writesOutside(tx: Queryable, projection: string): Promise<Map<string, number>> {
  const rows: Array<{ name: string; n: string }> = await tx.query(
    `SELECT schemaname || '.' || relname AS name, (n_tup_ins + n_tup_upd + n_tup_del)::text AS n FROM pg_stat_xact_user_tables
      WHERE schemaname <> $1 AND n_tup_ins + n_tup_upd + n_tup_del > 0`,
    [shadowSchemaOf(projection)],
  );
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

/**
 * Runs `work` (writing the shadow tables) and then checks that it wrote no
 * other table. pg_stat_xact_user_tables also holds what earlier transactions
 * of this pooled connection wrote (counts are reported when the connection is
 * idle, never inside a transaction), hence the counts before and after.
 */
export async function onlyShadowWritten(tx: Queryable, projection: string, work: () => Promise<void>): Promise<void> {
  const before = await writesOutside(tx, projection);
  await work();
  const after = await writesOutside(tx, projection);
  const written = [...after].filter(([name, n]) => n > (before.get(name) ?? 0)).map(([name]) => name);
  if (written.length > 0) {
    throw new UndeclaredTableWrite(
      `${projection} wrote ${written.sort().join(', ')} during its rebuild; every table apply() writes must be in its tables (${projection}.tables)`,
    );
  }
}

/**
 * In the swap transaction: each live table is dropped and its shadow moved
 * into the live schema (with its indexes and constraints, under the same
 * names); then the empty shadow schema goes. Readers see the old tables until
 * commit and the new ones after it.
 */
export async function swapShadowIn(tx: Queryable, projection: Projection): Promise<void> {
  const schema = shadowSchemaOf(projection.name);
  const [{ current }]: Array<{ current: string }> = await tx.query('SELECT current_schema() AS current');
  for (const table of projection.tables) {
    const shadow: unknown[] = await tx.query('SELECT to_regclass($1) AS oid WHERE to_regclass($1) IS NOT NULL', [qualified(schema, table)]);
    const live = await liveTable(tx, table);
    if (shadow.length === 0) {
      if (live) throw new Error(`${projection.name}: the shadow copy of ${table} is missing`);
      continue;
    }
    if (live) await tx.query(`DROP TABLE ${live.qualified}`);
    await tx.query(`ALTER TABLE ${qualified(schema, table)} SET SCHEMA ${ident(live?.schema ?? current)}`);
  }
  await tx.query(`DROP SCHEMA ${ident(schema)} CASCADE`);
}
