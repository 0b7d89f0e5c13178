import { startThrowawayPostgres } from '../../src/database/throwaway-postgres';
import { findChromium, NO_CHROMIUM } from '../console/support/browser';

/**
 * Tests talk to a real PostgreSQL: DATABASE_URL when given (CI may point it at
 * the machine's server), otherwise an embedded server in a throw-away directory.
 * Each test file then creates its own database (see test-db.ts).
 */
export default async function globalSetup(): Promise<void> {
  const server = await startThrowawayPostgres({ databaseUrl: process.env.DATABASE_URL, prefix: 'kzrs-test-pg' });
  process.env.TEST_ADMIN_DATABASE_URL = server.adminUrl;
  (globalThis as { __TEST_PG__?: typeof server }).__TEST_PG__ = server;
  console.log(
    process.env.DATABASE_URL
      ? '\n[tests] using DATABASE_URL for integration tests'
      : `\n[tests] embedded PostgreSQL at ${new URL(server.adminUrl).port} (no DATABASE_URL)`,
  );
  if (!process.env.EVENTSTORE_URL) console.log('[tests] EventStoreDB contract suite: skipped: no EVENTSTORE_URL');
  if (!findChromium()) console.log(`[tests] console browser suite: ${NO_CHROMIUM}`);
}
