import type { EntityManager } from 'typeorm';
import type { EventStore, GlobalPosition, RecordedEvent } from '../../../event-store/event-store.port';
import { CountingProjection } from './counting-projection';

/**
 * A stored event whose data the test projections cannot store: they write
 * `data.n` as an integer, and PostgreSQL refuses the text (22P02). The event
 * is real; the failure is the database's, not a thrown test error.
 */
export async function appendPoison(store: EventStore, streamId = 't-poison'): Promise<{ id: string; position: GlobalPosition }> {
  const id = crypto.randomUUID();
  const result = await store.append(streamId, [{ id, type: 'Poison', schemaVersion: 1, data: { n: 'not a number' }, metadata: {} }], 'any');
  return { id, position: result.position };
}

/** A CountingProjection that also stores each Poison event's `data.n` as an integer (and fails on it). */
export class PoisonableProjection extends CountingProjection {
  /** Tests set it false to stand for a fixed projection (a deployment that handles the event). */
  strict = true;

  constructor(name: string) {
    super(name);
    this.sabotage = async (event: RecordedEvent, tx: EntityManager) => {
      if (this.strict && event.type === 'Poison') await tx.query('SELECT $1::int AS n', [(event.data as { n?: unknown }).n]);
    };
  }
}
