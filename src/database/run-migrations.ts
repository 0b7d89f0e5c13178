import { DataSource, MigrationExecutor, MigrationInterface } from 'typeorm';

/** What TypeORM's `migrations` option takes (typed there as any Function). */
export type MigrationClass = new () => MigrationInterface;

/** A two-int advisory lock key: (class, key). */
export type MigrationLock = readonly [number, number];

/**
 * Applies a DataSource's pending TypeORM migrations, each in its own
 * transaction, one starter at a time: TypeORM takes no lock, so instances
 * starting together would each run the same migration. The session advisory
 * lock is held on the connection that runs them (TypeORM's executor is given
 * that connection; DataSource.runMigrations would take another from the pool,
 * so a one-connection DataSource would wait for itself), so a second starter
 * waits, then finds nothing pending. Returns the names of the migrations this
 * call ran.
 */
export async function runMigrationsExclusively(dataSource: DataSource, lock: MigrationLock): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1, $2)', [...lock]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      return (await executor.executePendingMigrations()).map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1, $2)', [...lock]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
