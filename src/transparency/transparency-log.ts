import type { EntityManager } from 'typeorm';
import { consistencyPath, emptyRoot, inclusionPath, rootOf, type SubtreeHashes } from './merkle';
import { NODE_MIN_LEVEL, readTreeState } from './notary.projection';
import { fromTiles, plan, subtreeKey, type SubtreeKey } from './subtrees';

/** A DataSource, an EntityManager (inside a transaction) or anything else with TypeORM's query(). */
export type Queryable = Pick<EntityManager, 'query'>;

/** One event's place in the tree. */
export interface LogLeaf {
  leafIndex: number;
  position: bigint;
  streamId: string;
  revision: number;
  eventId: string;
  leafHash: Buffer;
}

export interface StoredCheckpoint {
  origin: string;
  treeSize: number;
  root: Buffer;
  /** Hex key id of the signing key. */
  keyId: string;
  /** The C2SP signed note, exactly as published. */
  signedNote: string;
  signedAt: Date;
}

/** The requested tree size is larger than the tree the notary has built so far. */
export class TreeSizeBeyondLogError extends Error {
  constructor(
    readonly requested: number,
    readonly treeSize: number,
  ) {
    super(`tree size ${requested} requested, the log holds ${treeSize} leaves`);
    this.name = 'TreeSizeBeyondLogError';
  }
}

/** A stored complete subtree or leaf that the tree needs is gone: the tree rows were altered. */
export class TreeRowsMissingError extends Error {
  constructor(readonly subtree: SubtreeKey) {
    const first = subtree.index * 2 ** subtree.level;
    super(`the stored tree lacks the subtree of leaves ${first}..${first + 2 ** subtree.level - 1} (level ${subtree.level})`);
    this.name = 'TreeRowsMissingError';
  }
}

interface LeafRow {
  leaf_index: string;
  position: string;
  stream_id: string;
  revision: number;
  event_id: string;
  leaf_hash: Buffer;
}

interface CheckpointRow {
  origin: string;
  tree_size: string;
  root: Buffer;
  key_id: string;
  signed_note: string;
  signed_at: Date;
}

const toLeaf = (row: LeafRow): LogLeaf => ({
  leafIndex: Number(row.leaf_index),
  position: BigInt(row.position),
  streamId: row.stream_id,
  revision: row.revision,
  eventId: row.event_id,
  leafHash: row.leaf_hash,
});

export const toStoredCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
  origin: row.origin,
  treeSize: Number(row.tree_size),
  root: row.root,
  keyId: row.key_id,
  signedNote: row.signed_note,
  signedAt: row.signed_at,
});

const LEAF_COLUMNS = 'leaf_index, position, stream_id, revision, event_id::text AS event_id, leaf_hash';
const CHECKPOINT_COLUMNS = 'origin, tree_size, root, key_id, signed_note, signed_at';

/**
 * Reads of the transparency log the notary writes: roots and proofs for any
 * tree size up to the current one, from O(log n) stored subtrees and at most
 * a few 16-leaf blocks (never every leaf).
 */
export class TransparencyLog {
  constructor(private readonly db: Queryable) {}

  /** Leaves in the tree now. */
  async treeSize(): Promise<number> {
    return (await readTreeState(this.db)).treeSize;
  }

  async rootAt(size: number): Promise<Buffer> {
    await this.assertWithinTree(size);
    if (size === 0) return emptyRoot();
    return this.resolve((subtree) => subtree(0, size));
  }

  /** The leaves of one stream, by revision. */
  async leavesOfStream(streamId: string): Promise<LogLeaf[]> {
    const rows = await this.db.query<LeafRow[]>(
      `SELECT ${LEAF_COLUMNS} FROM tl_leaves WHERE stream_id = $1 ORDER BY revision, leaf_index`,
      [streamId],
    );
    return rows.map(toLeaf);
  }

  async leafAt(leafIndex: number): Promise<LogLeaf | undefined> {
    const rows = await this.db.query<LeafRow[]>(`SELECT ${LEAF_COLUMNS} FROM tl_leaves WHERE leaf_index = $1`, [leafIndex]);
    return rows[0] === undefined ? undefined : toLeaf(rows[0]);
  }

  /** Audit path of leaf `leafIndex` in the tree of `treeSize` leaves (RFC 6962 PATH). */
  async inclusionProof(leafIndex: number, treeSize: number): Promise<Buffer[]> {
    await this.assertWithinTree(treeSize);
    return this.resolve((subtree) => inclusionPath(leafIndex, treeSize, subtree));
  }

  /** Proof that the tree of `m` leaves is a prefix of the tree of `n` (RFC 6962 PROOF). */
  async consistencyProof(m: number, n: number): Promise<Buffer[]> {
    await this.assertWithinTree(n);
    return this.resolve((subtree) => consistencyPath(m, n, subtree));
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const rows = await this.db.query<CheckpointRow[]>(
      `SELECT ${CHECKPOINT_COLUMNS} FROM tl_checkpoints ORDER BY tree_size DESC, signed_at DESC, id DESC LIMIT 1`,
    );
    return rows[0] === undefined ? undefined : toStoredCheckpoint(rows[0]);
  }

  /** The most recent checkpoint signed for exactly this size, if any. */
  async checkpointOfSize(treeSize: number): Promise<StoredCheckpoint | undefined> {
    const rows = await this.db.query<CheckpointRow[]>(
      `SELECT ${CHECKPOINT_COLUMNS} FROM tl_checkpoints WHERE tree_size = $1 ORDER BY signed_at DESC, id DESC LIMIT 1`,
      [treeSize],
    );
    return rows[0] === undefined ? undefined : toStoredCheckpoint(rows[0]);
  }

  private async assertWithinTree(size: number): Promise<void> {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`);
    const treeSize = await this.treeSize();
    if (size > treeSize) throw new TreeSizeBeyondLogError(size, treeSize);
  }

  /** Runs `compute` against the stored subtrees it needs, fetched in two queries. */
  private async resolve<T>(compute: (subtree: SubtreeHashes) => T): Promise<T> {
    const keys = plan(compute);
    const hashes = await this.fetchSubtrees(keys);
    return compute(
      fromTiles(hashes, (key) => {
        throw new TreeRowsMissingError(key);
      }),
    );
  }

  private async fetchSubtrees(keys: readonly SubtreeKey[]): Promise<Map<string, Buffer>> {
    const hashes = new Map<string, Buffer>();
    const stored = keys.filter((key) => key.level >= NODE_MIN_LEVEL);
    const fromLeaves = keys.filter((key) => key.level < NODE_MIN_LEVEL);
    if (stored.length > 0) {
      const rows = await this.db.query<Array<{ level: number; node_index: string; hash: Buffer }>>(
        `SELECT n.level, n.node_index, n.hash FROM tl_nodes n
         JOIN unnest($1::int[], $2::bigint[]) AS k(level, node_index) ON n.level = k.level AND n.node_index = k.node_index`,
        [stored.map((key) => key.level), stored.map((key) => String(key.index))],
      );
      for (const row of rows) hashes.set(subtreeKey({ level: row.level, index: Number(row.node_index) }), row.hash);
    }
    if (fromLeaves.length > 0) {
      const indexes = fromLeaves.flatMap((key) => {
        const first = key.index * 2 ** key.level;
        return Array.from({ length: 2 ** key.level }, (_, i) => String(first + i));
      });
      const rows = await this.db.query<Array<{ leaf_index: string; leaf_hash: Buffer }>>(
        'SELECT leaf_index, leaf_hash FROM tl_leaves WHERE leaf_index = ANY($1::bigint[])',
        [indexes],
      );
      const leaves = new Map(rows.map((row) => [Number(row.leaf_index), row.leaf_hash]));
      for (const key of fromLeaves) {
        const first = key.index * 2 ** key.level;
        const block: Buffer[] = [];
        for (let i = first; i < first + 2 ** key.level; i++) {
          const leaf = leaves.get(i);
          if (leaf === undefined) break;
          block.push(leaf);
        }
        if (block.length === 2 ** key.level) hashes.set(subtreeKey(key), rootOf(block));
      }
    }
    return hashes;
  }
}
