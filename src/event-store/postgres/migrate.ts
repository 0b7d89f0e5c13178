import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { MigrationClass, MigrationLock, runMigrationsExclusively } from '../../database/run-migrations';
import { EVENT_STORE_MIGRATIONS } from './migrations';

/** TypeORM's ledger of the event store's migrations (es_migrations is the first runner's: see first-runner-migration.ts). */
export const EVENT_STORE_MIGRATIONS_TABLE = 'es_schema_migrations';

/** The first runner's key: a starter of an older build and one of this build wait for each other. */
const MIGRATION_LOCK: MigrationLock = [1163067392, 0];

/**
 * Applies the event store's pending migrations with TypeORM's runner, as the
 * read models' are, on a one-connection DataSource made from the store pool's
 * settings and closed afterwards: the store itself reads and writes through
 * `pg`. Safe to run from several instances at once. Returns the names applied.
 */
export async function migrateEventStore(pool: Pool, migrations: readonly MigrationClass[] = EVENT_STORE_MIGRATIONS): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    extra: { ...pool.options, max: 1 },
    migrations: [...migrations],
    migrationsTableName: EVENT_STORE_MIGRATIONS_TABLE,
    synchronize: false,
  });
  await dataSource.initialize();
  try {
    return await runMigrationsExclusively(dataSource, MIGRATION_LOCK);
  } finally {
    await dataSource.destroy();
  }
}
