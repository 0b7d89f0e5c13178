import { DatabaseError } from 'pg';

/** SQLSTATEs of rm_checkpoint_guard (checkpoint-guard.migration.ts): class RM is no standard class. */
export const CHECKPOINT_MOVED = 'RM001';
export const REBUILD_REQUESTED = 'RM002';

export type GuardFailure = 'moved' | 'rebuild-requested';

/** The batch's opening fence, as text (a bigint needs no quoting). */
export function guardCheckpointStatement(quotedProjection: string, expected: bigint): string {
  if (expected < 0n) throw new RangeError(`a checkpoint position is never negative: ${expected}`);
  return `SELECT rm_checkpoint_guard(${quotedProjection}, ${expected.toString()}::bigint)`;
}

/** What the guard said, when `error` is its failure (the server's error, as pg raises it). */
export function guardFailureOf(error: unknown): GuardFailure | undefined {
  if (!(error instanceof DatabaseError)) return undefined;
  return error.code === CHECKPOINT_MOVED ? 'moved' : error.code === REBUILD_REQUESTED ? 'rebuild-requested' : undefined;
}
