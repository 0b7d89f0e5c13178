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
  apply(events: RecordedEvent[], tx: EntityManager): Promise<void>;
  /** Removes every row of the read model (rebuild from zero). */
  reset(tx: EntityManager): Promise<void>;
}

/** What a read model contributes to the TypeORM data source. */
export interface ReadModelDefinition {
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
}
