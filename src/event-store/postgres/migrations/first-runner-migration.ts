import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { MigrationClass } from '../../../database/run-migrations';

export interface FirstRunnerMigration {
  /** Its number in es_migrations, the ledger of the store's first, hand-written runner. */
  version: number;
  /** TypeORM's name for it: a class name ending in a 13-digit timestamp. */
  name: string;
  sql: string;
}

/** Whether the first runner's ledger records this version (the ledger exists only in stores it migrated). */
async function firstRunnerApplied(q: QueryRunner, version: number): Promise<boolean> {
  const ledger = await q.manager.query<unknown[]>(`SELECT 1 WHERE to_regclass('es_migrations') IS NOT NULL`);
  if (ledger.length === 0) return false;
  const rows = await q.manager.query<unknown[]>('SELECT 1 FROM es_migrations WHERE version = $1', [version]);
  return rows.length > 0;
}

/**
 * A TypeORM migration for one of the four migrations the event store's first
 * runner applied (with its ledger es_migrations) before TypeORM ran them. Where
 * that ledger records it, its SQL already ran: it is skipped and only recorded,
 * so a store migrated then upgrades without running any DDL twice. Migrations
 * added since are ordinary TypeORM classes.
 */
export function firstRunnerMigration(migration: FirstRunnerMigration): MigrationClass {
  const FirstRunner = class implements MigrationInterface {
    readonly name = migration.name;

    async up(q: QueryRunner): Promise<void> {
      if (await firstRunnerApplied(q, migration.version)) return;
      await q.query(migration.sql);
    }

    async down(): Promise<void> {
      throw new Error(`${migration.name}: the event store's migrations are never reverted`);
    }
  };
  // The class is named as TypeORM names the migration, in its messages and in EVENT_STORE_MIGRATIONS.
  Object.defineProperty(FirstRunner, 'name', { value: migration.name });
  return FirstRunner;
}
