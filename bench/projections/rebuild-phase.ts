import { Client, type Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { EventStore } from '../../src/event-store/event-store.port';
import { countInPostgresLog } from '../../src/projections/runtime/event-count';
import type { Projection } from '../../src/projections/runtime/projection';
import { rebuildProjections } from '../../src/projections/runtime/rebuilder';

export interface RebuildMeasure {
  projection: string;
  events: number;
  seconds: number;
  tables: string[];
  /** Rows the read model holds after the rebuild. */
  rows: number;
  /** A bare batched INSERT of (a sample of) those rows, batch by batch as the rebuild commits. */
  bareRows: number;
  bareSeconds: number;
}

export interface RebuildOutcome {
  measures: RebuildMeasure[];
  /** Wall-clock seconds of all the rebuilds. */
  wallSeconds: number;
  /** Events read from the log by a pass. */
  logEvents: number;
  bareWallSeconds: number;
}

/** The read model's tables: rm_<name with _ for ->%, by convention of every read model here. */
async function tablesOf(pool: Pool, projection: string): Promise<string[]> {
  const prefix = `rm_${projection.replace(/-/g, '_')}`;
  const { rows } = await pool.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND (tablename = $1 OR tablename LIKE $2) ORDER BY tablename`,
    [prefix, `${prefix}\\_%`],
  );
  return rows.map((r) => r.tablename);
}

/**
 * Copies `table`'s rows into an empty twin (same columns, keys and indexes)
 * with one multi-row INSERT per `batch` rows, each its own transaction committed
 * as the rebuild commits (synchronous_commit off): the
 * cost of writing the read model's final rows and nothing else. Only the
 * INSERTs are timed (the rows are read through a cursor on another connection).
 */
async function bareInsert(pool: Pool, url: string, table: string, batch: number, cap: number): Promise<{ rows: number; seconds: number }> {
  const twin = `bench_bare_${table}`;
  await pool.query(`DROP TABLE IF EXISTS ${twin}`);
  await pool.query(`CREATE TABLE ${twin} (LIKE ${table} INCLUDING ALL)`);
  const { rows: columns } = await pool.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [table],
  );
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  // Rows come as text; an array column goes through unnest as text too (unnest would flatten a 2-D array) and is cast back.
  const isArray = (type: string) => type.endsWith('[]');
  const insert = `INSERT INTO ${twin} (${names})
    SELECT ${columns.map((c, i) => (isArray(c.type) ? `c${i}::${c.type}` : `c${i}`)).join(', ')}
      FROM unnest(${columns.map((c, i) => `$${i + 1}::${isArray(c.type) ? 'text' : c.type}[]`).join(', ')}) AS u(${columns.map((_, i) => `c${i}`).join(', ')})`;
  const reader = new Client({ connectionString: url });
  await reader.connect();
  // Commits as the rebuild's do (see applyPage in rebuilder.ts): without waiting for the WAL flush.
  const writer = new Client({ connectionString: url });
  await writer.connect();
  await writer.query('SET synchronous_commit = off');
  let rows = 0;
  let ms = 0;
  try {
    await reader.query('BEGIN');
    await reader.query(
      `DECLARE bare NO SCROLL CURSOR FOR SELECT ${columns.map((c) => `"${c.name}"::text`).join(', ')} FROM ${table} LIMIT ${cap}`,
    );
    for (;;) {
      const chunk = await reader.query<string[]>({ text: `FETCH ${batch} FROM bare`, rowMode: 'array' });
      if (chunk.rows.length === 0) break;
      const arrays = columns.map((_, i) => chunk.rows.map((r) => r[i]));
      const t = performance.now();
      await writer.query(insert, arrays);
      ms += performance.now() - t;
      rows += chunk.rows.length;
    }
    await reader.query('COMMIT');
  } finally {
    await reader.end();
    await writer.end();
    await pool.query(`DROP TABLE IF EXISTS ${twin}`);
  }
  return { rows, seconds: ms / 1000 };
}

const rate = (n: number, seconds: number): string => Math.round(n / seconds).toLocaleString('en');

/**
 * Rebuilds `projections` through the runtime's rebuilder, as the rebuild CLI
 * does: one pass over the log feeding them all. Each projection is credited
 * with the events it applied and the pass's wall-clock time.
 */
async function rebuildPass(
  projections: Projection[],
  deps: { dataSource: DataSource; store: EventStore; url: string; batchSize: number },
  log: (line: string) => void,
): Promise<{ logEvents: number; seconds: number; applied: Record<string, number> }> {
  const label = projections.map((p) => p.name).join(' + ');
  let lastReport = performance.now();
  const started = performance.now();
  const result = await rebuildProjections({
    projections,
    dataSource: deps.dataSource,
    store: deps.store,
    lockUrl: deps.url,
    countEvents: countInPostgresLog(deps.dataSource),
    batchSize: deps.batchSize,
    onProgress: (done, total) => {
      const now = performance.now();
      if (now - lastReport < 10_000) return;
      lastReport = now;
      log(
        `  ${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} log events (${((now - started) / 1000).toFixed(0)} s, ${rate(done, (now - started) / 1000)} log events/s)`,
      );
    },
  });
  const seconds = result.elapsedMs / 1000;
  log(
    `  ${label}: ${result.events.toLocaleString('en')} log events in ${seconds.toFixed(1)} s (${rate(result.events, seconds)} log events/s)`,
  );
  return { logEvents: result.events, seconds, applied: result.applied };
}

async function bareOne(
  projection: Projection,
  deps: { pool: Pool; url: string; batchSize: number; bareCap: number },
): Promise<Omit<RebuildMeasure, 'events' | 'seconds'>> {
  const tables = await tablesOf(deps.pool, projection.name);
  await deps.pool.query(`VACUUM (ANALYZE) ${tables.join(', ')}`);
  let rows = 0;
  let bareRows = 0;
  let bareSeconds = 0;
  for (const table of tables) {
    rows += Number((await deps.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    const bare = await bareInsert(deps.pool, deps.url, table, deps.batchSize, deps.bareCap);
    bareRows += bare.rows;
    bareSeconds += bare.seconds;
  }
  return { projection: projection.name, tables, rows, bareRows, bareSeconds };
}

/**
 * Rebuilds every projection from zero through the runtime's rebuilder: all in
 * one pass over the log (as `npm run projections:rebuild` does without names),
 * or each alone, one after the other; then, the same way, times a bare INSERT
 * of the rows each left (up to `bareCap` rows per table).
 */
export async function rebuildPhase(
  deps: {
    projections: Projection[];
    dataSource: DataSource;
    store: EventStore;
    pool: Pool;
    url: string;
    batchSize: number;
    sequential: boolean;
    bareCap: number;
  },
  log: (line: string) => void,
): Promise<RebuildOutcome> {
  await deps.pool.query('CHECKPOINT').catch(() => undefined);
  let started = performance.now();
  const rebuilt: Array<{ projection: string; events: number; seconds: number }> = [];
  let logEvents = 0;
  for (const pass of deps.sequential ? deps.projections.map((p) => [p]) : [deps.projections]) {
    const outcome = await rebuildPass(pass, deps, log);
    logEvents = Math.max(logEvents, outcome.logEvents);
    for (const p of pass) rebuilt.push({ projection: p.name, events: outcome.applied[p.name], seconds: outcome.seconds });
  }
  const wallSeconds = (performance.now() - started) / 1000;
  log(`  bare INSERT of the rows left (up to ${deps.bareCap.toLocaleString('en')} per table)`);
  await deps.pool.query('CHECKPOINT').catch(() => undefined);
  started = performance.now();
  // Written as the rebuild wrote them: the four read models at once, or one after the other.
  const bare: Array<Omit<RebuildMeasure, 'events' | 'seconds'>> = [];
  if (deps.sequential) for (const p of deps.projections) bare.push(await bareOne(p, deps));
  else bare.push(...(await Promise.all(deps.projections.map((p) => bareOne(p, deps)))));
  const bareWallSeconds = (performance.now() - started) / 1000;
  return { measures: rebuilt.map((r, i) => ({ ...r, ...bare[i] })), wallSeconds, bareWallSeconds, logEvents };
}
