import type { DataSource, EntityManager } from 'typeorm';
import { columnNames, RowOf, TableColumns } from './table-columns';

/** The event a projection holds at: every event before it is applied, it and those after are not. */
export interface ProjectionBlock {
  position: bigint;
  eventId: string;
  streamId: string;
  type: string;
  error: string;
  since: Date;
}

/**
 * A checkpoint row (rm_checkpoints, one per projection: how far its read model
 * reflects the log) as the runtime reads it. Written in the same transaction
 * as the read model's rows, so the two never disagree.
 */
export interface CheckpointRow {
  projection: string;
  /** Global position of the last applied event (0 = nothing applied); stored as bigint, beyond 2^53. */
  position: bigint;
  updatedAt: Date;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** Consecutive failed batches since the last success. */
  failedAttempts: number;
  /** Set by the rebuild CLI: the instance running the projection hands its lock over. */
  rebuildRequestedAt: Date | null;
  rebuiltAt: Date | null;
  /** Set when an event cannot be applied: the projection holds before it until retried or skipped. */
  blocked: ProjectionBlock | null;
}

/** rm_checkpoints' columns, in table order (its migrations: checkpoint*.migration.ts). */
export const CHECKPOINT_COLUMNS = {
  projection: 'text',
  position: 'bigint',
  updated_at: 'timestamptz',
  last_error: 'text NULL',
  last_error_at: 'timestamptz NULL',
  failed_attempts: 'int',
  rebuild_requested_at: 'timestamptz NULL',
  rebuilt_at: 'timestamptz NULL',
  blocked_at: 'timestamptz NULL',
  blocked_position: 'bigint NULL',
  blocked_event_id: 'text NULL',
  blocked_stream: 'text NULL',
  blocked_type: 'text NULL',
  blocked_error: 'text NULL',
} as const satisfies TableColumns;

/** A checkpoint row as pg returns it (CheckpointRow is what the runtime makes of it). */
export type StoredCheckpoint = RowOf<typeof CHECKPOINT_COLUMNS>;

const COLUMNS = columnNames(CHECKPOINT_COLUMNS).join(', ');

const CLEAR_BLOCK = columnNames(CHECKPOINT_COLUMNS)
  .filter((name) => name.startsWith('blocked_'))
  .map((name) => `${name} = NULL`)
  .join(', ');

const blockOf = (r: StoredCheckpoint): ProjectionBlock | null =>
  r.blocked_at === null || r.blocked_position === null
    ? null
    : {
        position: BigInt(r.blocked_position),
        eventId: r.blocked_event_id ?? '',
        streamId: r.blocked_stream ?? '',
        type: r.blocked_type ?? '',
        error: r.blocked_error ?? '',
        since: r.blocked_at,
      };

const toRow = (r: StoredCheckpoint): CheckpointRow => ({
  projection: r.projection,
  position: BigInt(r.position),
  updatedAt: r.updated_at,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  failedAttempts: r.failed_attempts,
  rebuildRequestedAt: r.rebuild_requested_at,
  rebuiltAt: r.rebuilt_at,
  blocked: blockOf(r),
});

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** Creates the row at position 0 when the projection is new. */
export async function ensureCheckpoint(db: Queryable, projection: string): Promise<void> {
  await db.query('INSERT INTO rm_checkpoints (projection) VALUES ($1) ON CONFLICT (projection) DO NOTHING', [projection]);
}

export async function readCheckpoints(db: Queryable, projections: string[]): Promise<Map<string, CheckpointRow>> {
  const rows: StoredCheckpoint[] = await db.query(`SELECT ${COLUMNS} FROM rm_checkpoints WHERE projection = ANY($1::text[])`, [
    projections,
  ]);
  return new Map(rows.map((r) => [r.projection, toRow(r)]));
}

export async function readCheckpoint(db: Queryable, projection: string): Promise<CheckpointRow | undefined> {
  return (await readCheckpoints(db, [projection])).get(projection);
}

/**
 * Inside a transaction (an admin's retry or skip, a rebuild's swap): locks
 * the row until commit. A live batch locks it through rm_checkpoint_guard
 * instead (checkpoint-guard.ts), which also fences.
 */
export async function lockCheckpoint(tx: EntityManager, projection: string): Promise<CheckpointRow> {
  const rows: StoredCheckpoint[] = await tx.query(`SELECT ${COLUMNS} FROM rm_checkpoints WHERE projection = $1 FOR UPDATE`, [projection]);
  const row = rows[0];
  if (row === undefined) throw new Error(`checkpoint of projection "${projection}" is missing`);
  return toRow(row);
}

/** In the batch transaction, after the read model's writes (as text for its closing round trip: a bigint needs no quoting). Clears the failure record. */
export function advanceCheckpointStatement(quotedProjection: string, position: bigint): string {
  return `UPDATE rm_checkpoints SET position = ${positionLiteral(position)}, updated_at = now(), last_error = NULL, last_error_at = NULL, failed_attempts = 0
      WHERE projection = ${quotedProjection}`;
}

/** A checkpoint position as SQL text: a bigint needs no quoting, and a negative one is a bug upstream. */
export function positionLiteral(position: bigint): string {
  if (position < 0n) throw new RangeError(`a checkpoint position is never negative: ${position}`);
  return `${position.toString()}::bigint`;
}

/** Outside any batch (the failed one rolled back): what went wrong, for status and readiness. */
export async function recordFailure(db: Queryable, projection: string, message: string): Promise<void> {
  await db.query(
    `UPDATE rm_checkpoints SET last_error = $2, last_error_at = now(), failed_attempts = failed_attempts + 1 WHERE projection = $1`,
    [projection, message.slice(0, 4000)],
  );
}

export async function setRebuildRequested(db: Queryable, projection: string, requested: boolean): Promise<void> {
  await db.query(`UPDATE rm_checkpoints SET rebuild_requested_at = ${requested ? 'now()' : 'NULL'} WHERE projection = $1`, [projection]);
}

/**
 * The rebuild's swap, in the transaction that swaps the tables in: the
 * checkpoint moves to where the rebuilt tables end, and any failure or block
 * of the old tables is gone with them.
 */
export async function installRebuiltCheckpoint(tx: EntityManager, projection: string, position: bigint): Promise<void> {
  await tx.query(
    `UPDATE rm_checkpoints SET position = $2, updated_at = now(), last_error = NULL, last_error_at = NULL, failed_attempts = 0, ${CLEAR_BLOCK},
            rebuild_requested_at = NULL, rebuilt_at = now()
      WHERE projection = $1`,
    [projection, position.toString()],
  );
}

/** Outside any batch (everything before the event is committed): the projection holds at this event. */
export async function recordBlock(db: Queryable, projection: string, block: Omit<ProjectionBlock, 'since'>): Promise<void> {
  await db.query(
    `UPDATE rm_checkpoints SET blocked_at = now(), blocked_position = $2, blocked_event_id = $3, blocked_stream = $4, blocked_type = $5,
            blocked_error = $6, last_error = $6, last_error_at = now(), failed_attempts = failed_attempts + 1
      WHERE projection = $1`,
    [projection, block.position.toString(), block.eventId, block.streamId, block.type, block.error.slice(0, 4000)],
  );
}

/** Retry: the runner that holds the projection applies the event again (and blocks again if it still fails). False: it was not blocked. */
export async function clearBlock(db: Queryable, projection: string): Promise<boolean> {
  const updated: unknown[] = await db.query(
    `UPDATE rm_checkpoints SET ${CLEAR_BLOCK} WHERE projection = $1 AND blocked_at IS NOT NULL RETURNING projection`,
    [projection],
  );
  return rowCount(updated) > 0;
}

/**
 * Skip: moves the checkpoint onto the blocked event (it counts as applied)
 * and clears the block, only while the projection still holds at that event.
 * False when it does not (already retried, skipped, or rebuilt meanwhile).
 */
export async function moveCheckpointPastBlock(db: Queryable, projection: string, eventId: string): Promise<boolean> {
  const updated: unknown[] = await db.query(
    `UPDATE rm_checkpoints SET position = blocked_position, updated_at = now(), last_error = NULL, last_error_at = NULL, failed_attempts = 0, ${CLEAR_BLOCK}
      WHERE projection = $1 AND blocked_event_id = $2 AND blocked_position > position
      RETURNING projection`,
    [projection, eventId],
  );
  return rowCount(updated) > 0;
}

/** TypeORM's query() answers an UPDATE ... RETURNING with [rows, count]. */
function rowCount(result: unknown[]): number {
  const [rows] = result;
  return Array.isArray(rows) ? rows.length : result.length;
}
