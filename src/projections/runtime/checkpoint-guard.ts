import { DatabaseError } from 'pg';
import { positionLiteral } from './checkpoints';

/** SQLSTATEs of rm_checkpoint_guard (checkpoint-guard.migration.ts): class RM is no standard class. */
export const CHECKPOINT_MOVED = 'RM001';
export const REBUILD_REQUESTED = 'RM002';

export type GuardFailure = 'moved' | 'rebuild-requested';

/** The batch's fence, sent before its first write, as text. */
export function guardCheckpointStatement(quotedProjection: string, expected: bigint): string {
  return `SELECT rm_checkpoint_guard(${quotedProjection}, ${positionLiteral(expected)})`;
}

/** What the guard said, when `error` is its failure (the server's error, as pg raises it). */
export function guardFailureOf(error: unknown): GuardFailure | undefined {
  if (!(error instanceof DatabaseError)) return undefined;
  return error.code === CHECKPOINT_MOVED ? 'moved' : error.code === REBUILD_REQUESTED ? 'rebuild-requested' : undefined;
}
