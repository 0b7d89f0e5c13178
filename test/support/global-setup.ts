import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function freePort(): Promise<number> {
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
 * Tests talk to a real PostgreSQL: DATABASE_URL when given (CI may point it at
 * the machine's server), otherwise an embedded server in a throw-away directory.
 * Each test file then creates its own database (see test-db.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
    console.log(`\n[tests] using DATABASE_URL for integration tests`);
    return;
  }
  const root = await mkdtemp(join(tmpdir(), 'kzrs-test-pg-'));
  // mkdtemp makes the folder private to root; as root, postgres runs as the postgres user and must enter it.
  await chmod(root, 0o755);
  const dataDir = join(root, 'data');
  const port = await freePort();
  const handle = await startEmbeddedPostgres({ dataDir, port });
  (globalThis as { __EMBEDDED_PG__?: unknown }).__EMBEDDED_PG__ = { handle, root };
  process.env.TEST_ADMIN_DATABASE_URL = handle.adminUrl;
  console.log(`\n[tests] embedded PostgreSQL on port ${port} (no DATABASE_URL)`);
  if (!process.env.EVENTSTORE_URL) {
    console.log('[tests] EventStoreDB contract suite: skipped: no EVENTSTORE_URL');
  }
}
