import type { EntityManager, MixedList } from 'typeorm';
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
   * Off every read path (e.g. the notary): after a batch smaller than the
   * runner's batch size commits, wait this long before asking for more, so
   * that following live takes events in batches instead of one transaction
   * per append. Absent: ask again at once.
   */
  readonly settleMs?: number;
  /**
   * Its live batches wait for the disk at commit (the notary: signed notes
   * about its tree leave the database, so the tree rows must be durable
   * first). Absent: batches commit asynchronously (read-model-durability.ts).
   */
  readonly commitsDurably?: boolean;
  apply(events: RecordedEvent[], tx: EntityManager): Promise<void>;
}

/** What a read model contributes to the TypeORM data source. */
export interface ReadModelDefinition {
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
}
