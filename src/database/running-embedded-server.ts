import { Client } from 'pg';
import type { AppConfig } from '../config/config';
import type { ResolvedDatabase } from './database-url';

/**
 * Without DATABASE_URL the service runs on its embedded PostgreSQL; when that
 * server is already up (the service is running) a CLI joins it instead of
 * starting a second one on the same data directory, which would fail.
 * The URL is the one startEmbeddedPostgres() + ensureDatabase('services') give.
 */
export async function runningEmbeddedServer(config: AppConfig): Promise<ResolvedDatabase | undefined> {
  if (config.databaseUrl) return undefined;
  const url = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPort}/services`;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return { url };
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
