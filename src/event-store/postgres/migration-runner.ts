import { Pool, PoolClient } from 'pg';

export interface Migration {
  /** Applied in increasing order; never renumber or edit one that has shipped. */
  version: number;
  name: string;
  sql: string;
}

/** Serializes concurrent starters (two-int advisory key space, class 1163067392). */
const MIGRATION_LOCK = 'SELECT pg_advisory_xact_lock(1163067392, 0)';

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS es_migrations (
    version    int PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;

async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function appliedVersions(client: PoolClient): Promise<Set<number>> {
  const { rows } = await client.query<{ version: number }>('SELECT version FROM es_migrations');
  return new Set(rows.map((row) => row.version));
}

/**
 * Applies the pending migrations in order, each in its own transaction under
 * the migration lock, re-checking the ledger after taking the lock so that
 * concurrent starters apply each migration exactly once. Returns the versions
 * this call applied.
 */
export async function runMigrations(pool: Pool, migrations: readonly Migration[]): Promise<number[]> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const client = await pool.connect();
  try {
    const applied = await inTransaction(client, async () => {
      await client.query(MIGRATION_LOCK);
      await client.query(CREATE_LEDGER);
      return appliedVersions(client);
    });
    const done: number[] = [];
    for (const migration of ordered) {
      if (applied.has(migration.version)) continue;
      await inTransaction(client, async () => {
        await client.query(MIGRATION_LOCK);
        if ((await appliedVersions(client)).has(migration.version)) return;
        await client.query(migration.sql);
        await client.query('INSERT INTO es_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        done.push(migration.version);
      });
    }
    return done;
  } finally {
    client.release();
  }
}
