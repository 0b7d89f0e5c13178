import { Client } from 'pg';

/** Two-int advisory key space of the projections ("RMPJ"); the event store uses 1163067392/3. */
const LOCK_CLASS = 1380798538;

/** The lock a rebuild of `projection` holds from start to end (one rebuild at a time; its shadow schema is its alone). */
export const rebuildLockName = (projection: string): string => `rebuild:${projection}`;

/**
 * A session advisory lock on a connection of its own: held as long as that
 * connection lives, so when the process or its network dies PostgreSQL frees
 * it and another instance takes the projection over.
 */
export class ProjectionLock {
  /** Settles when the connection is lost: the lock is gone with it. */
  readonly lost: Promise<void>;
  private markLost!: () => void;
  private released = false;

  private constructor(
    private readonly client: Client,
    readonly projection: string,
  ) {
    this.lost = new Promise((resolve) => (this.markLost = resolve));
    client.on('error', () => this.markLost());
    client.on('end', () => this.markLost());
  }

  /** Undefined when another session holds the lock (or the database cannot be reached: the caller retries). */
  static async tryAcquire(connectionString: string, projection: string): Promise<ProjectionLock | undefined> {
    const client = await ProjectionLock.connect(connectionString, projection);
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_CLASS, projection]);
      if (rows[0].ok) return new ProjectionLock(client, projection);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    await client.end().catch(() => undefined);
    return undefined;
  }

  /**
   * Waits for the lock (the rebuild CLI): PostgreSQL queues the waiter, so the
   * runtime's periodic try-locks cannot overtake it once the holder lets go.
   */
  static async acquire(connectionString: string, projection: string, timeoutMs: number): Promise<ProjectionLock> {
    const client = await ProjectionLock.connect(connectionString, projection);
    try {
      await client.query(`SET lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, projection]);
      await client.query('SET lock_timeout = 0');
      return new ProjectionLock(client, projection);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private static async connect(connectionString: string, projection: string): Promise<Client> {
    const client = new Client({ connectionString, application_name: `projection-lock:${projection}`.slice(0, 63) });
    // Without a listener an error of the idle connection would crash the process.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** A cheap round trip on the lock's own connection: fails when the lock is gone. */
  async query<R extends object>(sql: string, values: unknown[] = []): Promise<R[]> {
    return (await this.client.query<R>(sql, values)).rows;
  }

  /**
   * Runs `work` while holding the projection's rebuild lock on this
   * connection, so that no rebuild starts meanwhile; false, without running
   * it, when a rebuild holds that lock.
   */
  async whileNoRebuild(work: () => Promise<void>): Promise<boolean> {
    const key = rebuildLockName(this.projection);
    const { rows } = await this.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_CLASS, key]);
    if (!rows[0].ok) return false;
    try {
      await work();
    } finally {
      await this.client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, key]);
    }
    return true;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, this.projection]).catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}
