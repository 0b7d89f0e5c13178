import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transparency log's tables (written only by the `notary` projection):
 * - tl_leaves: one row per event in global commit order; leaf_index is its
 *   place in the Merkle tree, leaf_hash = H(0x00 || encodeLeaf(event)).
 * - tl_nodes: the hash of every complete subtree of 2^level leaves for
 *   level >= 4 (about n/8 rows): any root or proof needs at most one 16-leaf
 *   block of tl_leaves plus O(log n) of these, never a scan of the leaves.
 * - tl_state: the tree size, the frontier (roots of the maximal complete
 *   subtrees, largest first, 32 bytes each) and the log position of the last
 *   leaf: what the next batch continues from.
 * - tl_checkpoints: the signed checkpoints, kept across rebuilds (they were
 *   published; a rebuild must reach the same roots, not erase what was signed).
 */
export class CreateTransparencyLog1767398400000 implements MigrationInterface {
  name = 'CreateTransparencyLog1767398400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tl_leaves (
        leaf_index bigint PRIMARY KEY,
        position   bigint NOT NULL UNIQUE,
        stream_id  text NOT NULL,
        revision   int NOT NULL,
        event_id   uuid NOT NULL,
        leaf_hash  bytea NOT NULL CHECK (length(leaf_hash) = 32)
      )`);
    await q.query('CREATE INDEX tl_leaves_stream ON tl_leaves (stream_id, revision)');
    await q.query(`
      CREATE TABLE tl_nodes (
        level      smallint NOT NULL,
        node_index bigint NOT NULL,
        hash       bytea NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, node_index)
      )`);
    await q.query(`
      CREATE TABLE tl_state (
        id        smallint PRIMARY KEY CHECK (id = 1),
        tree_size bigint NOT NULL,
        frontier  bytea NOT NULL,
        position  bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE tl_checkpoints (
        id          bigserial PRIMARY KEY,
        origin      text NOT NULL,
        tree_size   bigint NOT NULL,
        root        bytea NOT NULL CHECK (length(root) = 32),
        key_id      text NOT NULL,
        signed_note text NOT NULL,
        signed_at   timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX tl_checkpoints_size ON tl_checkpoints (tree_size)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE tl_checkpoints, tl_state, tl_nodes, tl_leaves');
  }
}
