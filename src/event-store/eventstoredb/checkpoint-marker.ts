import type { AllStreamResolvedEvent, AllStreamSubscription, Position } from '@eventstore/db-client';
import type { GlobalPosition } from '../event-store.port';

/** A server checkpoint of a filtered subscription: the filter has read $all up to `checkpoint`. */
export interface CheckpointMarker {
  checkpoint: GlobalPosition;
}

/** What the adapter reads from a subscription: events, and the checkpoints it puts between them. */
export type SubscriptionItem = AllStreamResolvedEvent | CheckpointMarker;

export function isCheckpointMarker(item: SubscriptionItem): item is CheckpointMarker {
  return 'checkpoint' in item;
}

/**
 * The client calls checkpointReached while it transforms the server's
 * responses, before the events it already transformed reach the 'data'
 * listener (the source is paused while a batch is handled). Pushed into the
 * same stream, the checkpoint arrives after them: the read-through position
 * never passes an event still on its way.
 */
export function pushCheckpointMarker(subscription: AllStreamSubscription, position: Position): void {
  const marker: CheckpointMarker = { checkpoint: position.commit };
  subscription.push(marker);
}
