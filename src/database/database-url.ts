import { AppConfig } from '../config/config';
import { EmbeddedPostgresHandle, ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded?: EmbeddedPostgresHandle;
}

const EMBEDDED_DATABASE = 'services';

/** DATABASE_URL when given; otherwise the embedded server, started on demand. */
export async function resolveDatabase(config: AppConfig, log: (line: string) => void): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  log(`DATABASE_URL is not set: starting embedded PostgreSQL in ${config.embeddedDataDir} on port ${config.embeddedPort}`);
  const embedded = await startEmbeddedPostgres({ dataDir: config.embeddedDataDir, port: config.embeddedPort });
  const url = await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
  return { url, embedded };
}
