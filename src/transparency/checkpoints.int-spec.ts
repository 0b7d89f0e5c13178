import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-db';
import { untilLogShows } from '../../test/support/log-visibility';
import { systemClock } from '../common/clock';
import { createPostgresEventStore, PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { READ_MODELS } from '../projections/read-models.registry';
import { readCheckpoint } from '../projections/runtime/checkpoints';
import { countInPostgresLog } from '../projections/runtime/event-count';
import { ProjectionRunner } from '../projections/runtime/projection-runner';
import { openReadModelsDataSource } from '../projections/runtime/read-models.data-source';
import { rebuildProjection } from '../projections/runtime/rebuilder';
import { runCheckpointCommand } from './checkpoint-command';
import { verifySignedCheckpoint } from './checkpoint-note';
import { signCheckpoint, SigningOutcome } from './checkpoint-signing';
import { runKeyCommand } from './key-command';
import { eventLeafHash } from './leaf';
import { verifyConsistency, verifyInclusion } from './merkle';
import { loadNotaryKey, NotaryKey } from './notary-key';
import { NotaryProjection, NOTARY_PROJECTION } from './notary.projection';
import { StoredCheckpoint, TransparencyLog } from './transparency-log';
import { Witness } from './witness';

const ORIGIN = 'int-test.example/log';
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function signedOf(outcome: SigningOutcome): StoredCheckpoint & { file: string } {
  if (outcome.kind !== 'signed') throw new Error(`expected a signed checkpoint, got ${outcome.kind}`);
  return { ...outcome.checkpoint, file: outcome.file };
}

describe('signed checkpoints over the notary tree (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let dataSource: DataSource;
  let runner: ProjectionRunner;
  let key: NotaryKey;
  let witness: Witness;
  let dir: string;
  let head = 0n;

  const caughtUp = async () => ((await readCheckpoint(dataSource, NOTARY_PROJECTION))?.position ?? 0n) >= head;
  const sign = () => signCheckpoint({ dataSource, key, origin: ORIGIN, witness, clock: systemClock });
  const env = () => ({ DATABASE_URL: db.url, NOTARY_KEY_FILE: join(dir, 'notary.key'), WITNESS_DIR: witness.dir, NOTARY_ORIGIN: ORIGIN });
  const appendOnly = async (count: number) => {
    for (let i = 0; i < count; i++) {
      head = (
        await store.append(`s-${i % 5}`, [{ id: crypto.randomUUID(), type: 'Ticked', schemaVersion: 1, data: { i }, metadata: {} }], 'any')
      ).position;
    }
    await untilLogShows(store, head);
  };
  const append = async (count: number) => {
    await appendOnly(count);
    await until('notary catch-up', caughtUp);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'checkpoints-int-'));
    db = await createTestDatabase('tlc');
    store = await createPostgresEventStore({ connectionString: db.url, pollDelays: { minMs: 5, maxMs: 20 } });
    dataSource = await openReadModelsDataSource({ url: db.url, readModels: READ_MODELS });
    key = await loadNotaryKey({ keyFile: join(dir, 'notary.key'), origin: ORIGIN, production: false, log: () => undefined });
    witness = new Witness(join(dir, 'witness'));
    runner = new ProjectionRunner({
      projection: new NotaryProjection(),
      dataSource,
      store,
      lockUrl: db.url,
      logger: quiet,
      options: { batchSize: 17, lockRetryMs: 100, backoff: { initialMs: 50, maxMs: 100 } },
    });
    runner.start();
  });

  afterAll(async () => {
    await runner?.stop();
    await store?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('signs nothing for an empty tree', async () => {
    expect((await sign()).kind).toBe('empty');
    expect(await witness.listWitnessed()).toEqual([]);
  });

  it('signs the tree: the note verifies with the public key, names the tree size and root, is stored and published byte for byte', async () => {
    await append(37);
    const signed = signedOf(await sign());
    const verdict = verifySignedCheckpoint(signed.signedNote, key.verifierKeyText);
    if (!verdict.ok) throw new Error(verdict.detail);
    expect(verdict.checkpoint).toEqual({ origin: ORIGIN, treeSize: 37, root: await new TransparencyLog(dataSource).rootAt(37) });
    expect(await readFile(signed.file, 'utf8')).toBe(signed.signedNote);
    expect((await new TransparencyLog(dataSource).latestCheckpoint())?.signedNote).toBe(signed.signedNote);
  });

  it('skips signing when the tree did not grow: no new row, no new witness file', async () => {
    const outcome = await sign();
    expect(outcome.kind).toBe('unchanged');
    expect(await witness.listWitnessed()).toHaveLength(1);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM tl_checkpoints')).toEqual([{ n: 1 }]);
  });

  it('proofs against two signed checkpoints verify: every leaf of the first, and the second extends the first', async () => {
    await append(30);
    const second = signedOf(await sign());
    expect(second.treeSize).toBe(67);
    const log = new TransparencyLog(dataSource);
    const first = await log.checkpointOfSize(37);
    if (first === undefined) throw new Error('the first checkpoint is gone');
    const roots = [first, second].map((c) => {
      const verdict = verifySignedCheckpoint(c.signedNote, key.verifierKeyText);
      if (!verdict.ok) throw new Error(verdict.detail);
      return verdict.checkpoint.root;
    });
    expect(verifyConsistency(37, 67, roots[0], roots[1], await log.consistencyProof(37, 67))).toBe(true);
    for (const streamId of ['s-0', 's-3']) {
      for (const leaf of await log.leavesOfStream(streamId)) {
        expect(verifyInclusion(leaf.leafIndex, 67, leaf.leafHash, await log.inclusionProof(leaf.leafIndex, 67), roots[1])).toBe(true);
      }
    }
  });

  it('one signer at a time: while another session holds the signing lock, a round gives up (or times out when it waits)', async () => {
    await append(1);
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query("SELECT pg_advisory_xact_lock(1380798538, hashtext('notary-signing'))");
      expect((await sign()).kind).toBe('busy');
      await expect(signCheckpoint({ dataSource, key, origin: ORIGIN, witness, clock: systemClock, lockWaitMs: 200 })).rejects.toThrow(
        /lock timeout/,
      );
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    expect(signedOf(await sign()).treeSize).toBe(68);
  });

  it('checkpoints survive a restart and a rebuild of the tree from zero, which reaches the same root (nothing new to sign)', async () => {
    await runner.stop();
    await dataSource.destroy();
    dataSource = await openReadModelsDataSource({ url: db.url, readModels: READ_MODELS });
    const log = new TransparencyLog(dataSource);
    expect((await log.latestCheckpoint())?.treeSize).toBe(68);
    await rebuildProjection({
      projection: new NotaryProjection(),
      dataSource,
      store,
      lockUrl: db.url,
      countEvents: countInPostgresLog(dataSource),
      batchSize: 29,
      lockWaitMs: 5_000,
    });
    expect(await dataSource.query('SELECT tree_size::int AS size FROM tl_checkpoints ORDER BY id')).toEqual([
      { size: 37 },
      { size: 67 },
      { size: 68 },
    ]);
    expect((await sign()).kind).toBe('unchanged');
  });

  it('never signs a tree that no longer yields the root it signed last (a leaf of the signed range was rewritten)', async () => {
    await appendOnly(3); // the runner is stopped: feed the tree by hand
    await dataSource.transaction(async (tx) => new NotaryProjection().apply(await store.readAll({ maxCount: 1000 }), tx));
    await dataSource.query("UPDATE tl_leaves SET leaf_hash = decode(repeat('ab', 32), 'hex') WHERE leaf_index = 66");
    const outcome = await sign();
    expect(outcome.kind).toBe('inconsistent');
    expect(await witness.listWitnessed()).toHaveLength(3);
    expect(await runCheckpointCommand([], { env: env(), out: () => undefined, err: () => undefined })).toBe(1);
  });

  it('audit:checkpoint signs on demand and prints the note; audit:key prints the verifier key, --generate writes a new key', async () => {
    const events = await store.readAll({ maxCount: 1000 });
    await dataSource.query('UPDATE tl_leaves SET leaf_hash = $1 WHERE leaf_index = 66', [eventLeafHash(events[66])]); // undo the rewrite
    const out: string[] = [];
    const err: string[] = [];
    expect(await runCheckpointCommand([], { env: env(), out: (t) => out.push(t), err: (t) => err.push(t) })).toBe(0);
    expect(err.join('\n')).toContain('signed a checkpoint of 71 leaves');
    const verdict = verifySignedCheckpoint(`${out.join('\n')}\n`, key.verifierKeyText);
    expect(verdict.ok && verdict.checkpoint.treeSize).toBe(71);
    expect((await readdir(witness.dir)).filter((name) => name.endsWith('.note'))).toHaveLength(4);

    const keyOut: string[] = [];
    expect(await runKeyCommand([], { env: env(), out: (t) => keyOut.push(t), err: () => undefined })).toBe(0);
    expect(keyOut).toEqual([key.verifierKeyText]);
    const fresh: string[] = [];
    expect(
      await runKeyCommand(['--generate', join(dir, 'next.key')], { env: env(), out: (t) => fresh.push(t), err: () => undefined }),
    ).toBe(0);
    expect(fresh[0]).toMatch(/^int-test\.example\/log\+[0-9a-f]{8}\+/);
    expect(fresh[0]).not.toBe(key.verifierKeyText);
    expect(await runKeyCommand(['--generate', join(dir, 'next.key')], { env: env(), out: () => undefined, err: () => undefined })).toBe(2);
    expect(await runKeyCommand(['--file', join(dir, 'none.key')], { env: env(), out: () => undefined, err: () => undefined })).toBe(2);
  });
});
