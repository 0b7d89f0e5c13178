import type { EntityManager } from 'typeorm';
import type { MigrationClass } from '../../database/run-migrations';
import type { RecordedEvent } from '../../event-store/event-store.port';

/**
 * A read model fed from the event store. The runtime delivers batches in
 * global-position order and calls `apply` inside one transaction together with
 * the checkpoint update, so a crash at any point neither loses nor doubles an
 * effect. `apply` must not throw on a valid event (unknown types are ignored).
 */
export interface Projection {
  /** Stable name: the checkpoint row's key and the rebuild CLI's argument. */
  readonly name: string;
  /** Server-side filter: only these event types are delivered (all when absent). */
  readonly eventTypes?: string[];
  readonly streamPrefixes?: string[];
  /**
   * Every table `apply` writes, unqualified. A rebuild fills copies of them in
   * a schema of its own (first on the transaction's search_path, so `apply`
   * writes there through the same unqualified names) and swaps them in at
   * the end; writing any other table during a rebuild fails it.
   */
  readonly tables: readonly string[];
  /**
   * Those of `tables` that apply() only appends to: plain INSERTs (no ON
   * CONFLICT), never read, updated or deleted. A rebuild fills their copies
   * without keys or indexes and builds them once the log is read through:
   * one sorted build instead of a random B-tree insert per row, which slows
   * as the index outgrows the server's cache. A duplicate key then fails the
   * rebuild at that build (before the swap, the live model untouched) rather
   * than at the page that wrote it.
   */
  readonly appendOnlyTables?: readonly string[];
  /**
   * Off every read path (e.g. the notary): after a batch smaller than the
   * runner's batch size commits, wait this long before asking for more, so
   * that following live takes events in batches instead of one transaction
   * per append. Absent: ask again at once.
   */
  readonly settleMs?: number;
  /**
   * Events per batch (one transaction each) for this projection, when it
   * works best with another size than the runner's (the notary: fewer,
   * larger durable commits). Absent: the runner's batch size.
   */
  readonly batchSize?: number;
  /**
   * Pure CPU work on a batch that `apply` will receive, called as soon as the
   * batch is read: often while the previous batch's transaction still waits
   * on the database (SubscribeOptions.onRead). `apply` must not depend on it
   * having run (a retry may skip it). It must not throw.
   */
  prepare?(events: readonly RecordedEvent[]): void;
  apply(events: RecordedEvent[], tx: EntityManager): Promise<void>;
}

/**
 * What a read model contributes to the TypeORM data source: its migrations.
 * No entities: projections write and queries read with SQL, so an entity would
 * be one more column list that nothing reads.
 */
export interface ReadModelDefinition {
  migrations: readonly MigrationClass[];
}
