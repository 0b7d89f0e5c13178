import { DataSource } from 'typeorm';
import { MigrationLock, runMigrationsExclusively } from '../../database/run-migrations';
import { AddProjectionBlock1767400000000 } from './checkpoint-block.migration';
import { CreateProjectionCheckpoints1767225600000 } from './checkpoint.migration';
import { CreateCheckpointGuard1767700000000 } from './checkpoint-guard.migration';
import type { ReadModelDefinition } from './projection';

/** Serializes migrations across instances starting together. */
const MIGRATION_LOCK: MigrationLock = [1380798539, 0];

export interface ReadModelsDataSourceOptions {
  url: string;
  readModels: ReadModelDefinition[];
  /** Pooled connections for batches and queries (default 10). */
  poolSize?: number;
  applicationName?: string;
}

/**
 * The one DataSource of the read models: the checkpoint table's migrations
 * and theirs. Never synchronize: the schema is exactly what the migrations say.
 */
export function buildReadModelsDataSource(options: ReadModelsDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    migrations: [
      CreateProjectionCheckpoints1767225600000,
      AddProjectionBlock1767400000000,
      CreateCheckpointGuard1767700000000,
      ...options.readModels.flatMap((d) => d.migrations),
    ],
    migrationsTableName: 'rm_migrations',
    migrationsRun: false,
    synchronize: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'read-models',
  });
}

/** Connects and applies pending migrations, one instance at a time. */
export async function openReadModelsDataSource(options: ReadModelsDataSourceOptions): Promise<DataSource> {
  const dataSource = buildReadModelsDataSource(options);
  await dataSource.initialize();
  try {
    await runMigrationsExclusively(dataSource, MIGRATION_LOCK);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}
