import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../common/clock';
import { formatCheckpoint, signNote } from './checkpoint-note';
import { readTreeState } from './notary.projection';
import { flushTreeToDisk } from './tree-durability';
import type { NotaryKey } from './notary-key';
import { TransparencyLog, TreeRowsMissingError, type StoredCheckpoint } from './transparency-log';
import type { Witness } from './witness';

/** Advisory lock of the signer (projections' key space, its own name): one instance signs at a time. */
const SIGNING_LOCK_CLASS = 1380798538;
const SIGNING_LOCK_NAME = 'notary-signing';

export type SigningDecision =
  { kind: 'sign' } | { kind: 'empty' } | { kind: 'unchanged'; latest: StoredCheckpoint } | { kind: 'behind'; latest: StoredCheckpoint };

/**
 * Whether the tree as it stands deserves a new signature. Nothing to sign for
 * an empty tree; none when the latest checkpoint already covers this size with
 * this key and origin (a rotated key or a new origin signs the same size
 * again); none while the tree is smaller than what was signed (a rebuild is
 * under way: signing a shorter tree would look like a rollback).
 */
export function decideSigning(
  treeSize: number,
  latest: StoredCheckpoint | undefined,
  key: { keyId: string; origin: string },
): SigningDecision {
  if (treeSize === 0) return { kind: 'empty' };
  if (latest === undefined) return { kind: 'sign' };
  if (treeSize < latest.treeSize) return { kind: 'behind', latest };
  if (treeSize === latest.treeSize && latest.keyId === key.keyId && latest.origin === key.origin) return { kind: 'unchanged', latest };
  return { kind: 'sign' };
}

export type SigningOutcome =
  | { kind: 'signed'; checkpoint: StoredCheckpoint; file: string }
  | { kind: 'empty' }
  | { kind: 'unchanged'; checkpoint: StoredCheckpoint }
  | { kind: 'behind'; checkpoint: StoredCheckpoint; treeSize: number }
  /** Another instance holds the signing lock. */
  | { kind: 'busy' }
  /** The tree no longer yields the root the latest checkpoint signed: never sign a fork. */
  | { kind: 'inconsistent'; checkpoint: StoredCheckpoint; detail: string };

export interface SigningDeps {
  dataSource: Pick<DataSource, 'transaction'>;
  key: NotaryKey;
  origin: string;
  witness: Witness;
  clock: Clock;
  /** Wait up to this long for the lock (the CLI); without it, give up at once when another instance signs. */
  lockWaitMs?: number;
}

/**
 * Signs a checkpoint of the tree the notary has built (size and root from its
 * tl_state row, read in this transaction), stores it in tl_checkpoints and
 * publishes it to the witness directory before the transaction commits: a
 * checkpoint is in the database only if it was published. (A crash between the
 * two leaves a published note the table lacks: still a true statement about
 * the tree.)
 */
export async function signCheckpoint(deps: SigningDeps): Promise<SigningOutcome> {
  return deps.dataSource.transaction(async (tx) => {
    if (!(await takeSigningLock(tx, deps.lockWaitMs))) return { kind: 'busy' };
    const state = await readTreeState(tx);
    const log = new TransparencyLog(tx);
    const latest = await log.latestCheckpoint();
    const decision = decideSigning(state.treeSize, latest, { keyId: deps.key.keyId, origin: deps.origin });
    switch (decision.kind) {
      case 'empty':
        return { kind: 'empty' };
      case 'unchanged':
        return { kind: 'unchanged', checkpoint: decision.latest };
      case 'behind':
        return { kind: 'behind', checkpoint: decision.latest, treeSize: state.treeSize };
      case 'sign':
        break;
      default: {
        const never: never = decision;
        return never;
      }
    }
    if (latest !== undefined) {
      const fork = await forkFrom(log, latest);
      if (fork !== undefined) return { kind: 'inconsistent', checkpoint: latest, detail: fork };
    }
    const root = state.frontier.root();
    const signedAt = deps.clock.now();
    const signedNote = signNote(formatCheckpoint({ origin: deps.origin, treeSize: state.treeSize, root }), deps.key.signer);
    const checkpoint: StoredCheckpoint = {
      origin: deps.origin,
      treeSize: state.treeSize,
      root,
      keyId: deps.key.keyId,
      signedNote,
      signedAt,
    };
    await tx.query('INSERT INTO tl_checkpoints (origin, tree_size, root, key_id, signed_note, signed_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      checkpoint.origin,
      checkpoint.treeSize,
      checkpoint.root,
      checkpoint.keyId,
      checkpoint.signedNote,
      checkpoint.signedAt,
    ]);
    // The notary's batches commit without waiting for the disk: the rows this note speaks of reach it before the note leaves.
    await flushTreeToDisk(deps.dataSource);
    const file = await deps.witness.publish(checkpoint, signedNote);
    return { kind: 'signed', checkpoint, file };
  });
}

async function takeSigningLock(tx: EntityManager, lockWaitMs: number | undefined): Promise<boolean> {
  if (lockWaitMs === undefined) {
    const rows = await tx.query<Array<{ ok: boolean }>>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok', [
      SIGNING_LOCK_CLASS,
      SIGNING_LOCK_NAME,
    ]);
    return rows[0]?.ok === true;
  }
  await tx.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockWaitMs))}`);
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SIGNING_LOCK_CLASS, SIGNING_LOCK_NAME]);
  await tx.query('SET LOCAL lock_timeout = 0');
  return true;
}

/** Why the tree is not an extension of what `latest` signed, if it is not. */
async function forkFrom(log: TransparencyLog, latest: StoredCheckpoint): Promise<string | undefined> {
  try {
    const root = await log.rootAt(latest.treeSize);
    if (root.equals(latest.root)) return undefined;
    return `the tree's first ${latest.treeSize} leaves hash to ${root.toString('base64')}, the checkpoint signed ${latest.root.toString('base64')}`;
  } catch (error) {
    if (error instanceof TreeRowsMissingError) return error.message;
    throw error;
  }
}
