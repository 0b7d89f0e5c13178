import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventStore, GlobalPosition } from '../../event-store/event-store.port';
import { clearBlock, lockCheckpoint, moveCheckpointPastBlock, ProjectionBlock } from './checkpoints';

/** The event that records an admin's skip, in the stream projection-admin-<projection>. */
export const PROJECTION_EVENT_SKIPPED = 'ProjectionEventSkipped';
export const adminStreamOf = (projection: string): string => `projection-admin-${projection}`;

export interface ProjectionEventSkipped {
  projection: string;
  /** Global position of the skipped event: the checkpoint moves onto it. */
  position: string;
  eventId: string;
  streamId: string;
  type: string;
  error: string;
  reason: string;
  actor: string;
}

export type SkipOutcome =
  | { kind: 'skipped'; record: ProjectionEventSkipped; recordedAt: GlobalPosition }
  | { kind: 'not-blocked' }
  | { kind: 'other-event'; blocked: ProjectionBlock };

export interface AdminDeps {
  dataSource: DataSource;
  store: EventStore;
}

/**
 * Skips the one event a projection is blocked at. Under the checkpoint row's
 * lock (a rebuild or another skip waits): checks that the projection still
 * holds at that very event, appends the ProjectionEventSkipped event, then
 * moves the checkpoint onto the skipped event and clears the block. When the
 * append fails nothing changes; the running instance sees the cleared block
 * at its next poll and follows from the new checkpoint.
 */
export async function skipBlockedEvent(
  deps: AdminDeps,
  request: { projection: string; eventId: string; reason: string; actor: string },
): Promise<SkipOutcome> {
  return deps.dataSource.transaction(async (tx): Promise<SkipOutcome> => {
    const checkpoint = await lockCheckpoint(tx, request.projection);
    const { blocked } = checkpoint;
    if (!blocked) return { kind: 'not-blocked' };
    if (blocked.eventId !== request.eventId) return { kind: 'other-event', blocked };
    const record: ProjectionEventSkipped = {
      projection: request.projection,
      position: blocked.position.toString(),
      eventId: blocked.eventId,
      streamId: blocked.streamId,
      type: blocked.type,
      error: blocked.error,
      reason: request.reason,
      actor: request.actor,
    };
    const appended = await deps.store.append(
      adminStreamOf(request.projection),
      [
        {
          id: randomUUID(),
          type: PROJECTION_EVENT_SKIPPED,
          schemaVersion: 1,
          data: record,
          metadata: { actor: { id: request.actor, role: 'admin' }, occurredAt: new Date().toISOString() },
        },
      ],
      'any',
    );
    if (!(await moveCheckpointPastBlock(tx, request.projection, blocked.eventId)))
      throw new Error(`checkpoint of ${request.projection} changed under its lock`);
    return { kind: 'skipped', record, recordedAt: appended.position };
  });
}

/** Clears the block: the running instance applies the event again. False when the projection was not blocked. */
export function retryBlockedEvent(deps: Pick<AdminDeps, 'dataSource'>, projection: string): Promise<boolean> {
  return clearBlock(deps.dataSource, projection);
}
