import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ThrowawayPostgres {
  /** Connection string of the server's maintenance database. */
  adminUrl: string;
  /** Stops the embedded server and removes its directory (a no-op for a given DATABASE_URL). */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The server tests and benchmarks use: `databaseUrl` when given, otherwise an
 * embedded PostgreSQL in a fresh temporary directory on a free port.
 */
export async function startThrowawayPostgres(options: {
  databaseUrl?: string;
  prefix: string;
  log?: (line: string) => void;
}): Promise<ThrowawayPostgres> {
  if (options.databaseUrl) return { adminUrl: options.databaseUrl, stop: async () => undefined };
  // mkdtemp makes the folder private: as root, startEmbeddedPostgres lets the postgres user enter it (letOthersEnter).
  const dir = await mkdtemp(join(tmpdir(), `${options.prefix}-`));
  const port = await freePort();
  options.log?.(`no DATABASE_URL: starting embedded PostgreSQL in ${dir} on port ${port}`);
  const handle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port });
  return {
    adminUrl: handle.adminUrl,
    stop: async () => {
      await handle.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `work` with a short-lived client on the maintenance database. */
export async function withAdminClient<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
