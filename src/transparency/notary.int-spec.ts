import type { DataSource } from 'typeorm';
import { createPostgresEventStore, PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { createTestDatabase, TestDatabase } from '../../test/support/test-db';
import { untilLogShows } from '../../test/support/log-visibility';
import { readCheckpoint } from '../projections/runtime/checkpoints';
import { countInPostgresLog } from '../projections/runtime/event-count';
import { ProjectionRunner } from '../projections/runtime/projection-runner';
import { openReadModelsDataSource } from '../projections/runtime/read-models.data-source';
import { rebuildProjection } from '../projections/runtime/rebuilder';
import { eventLeafHash } from './leaf';
import { rootOf, verifyConsistency, verifyInclusion } from './merkle';
import { NotaryProjection, NOTARY_PROJECTION } from './notary.projection';
import { TRANSPARENCY_READ_MODEL } from './notary.read-model';
import { TransparencyLog, TreeRowsMissingError, TreeSizeBeyondLogError } from './transparency-log';

/** The service's notary in small batches, so that batches end inside subtrees and cross their boundaries. */
class SmallBatchNotary extends NotaryProjection {
  override readonly batchSize = 23;
}

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `count` events over `streams` streams, appended 1-3 at a time. */
async function appendEvents(store: PostgresEventStore, count: number, streams: number, offset = 0): Promise<bigint> {
  let last = 0n;
  for (let i = offset; i < offset + count;) {
    const n = Math.min(1 + (i % 3), offset + count - i);
    const events = Array.from({ length: n }, (_, k) => ({
      id: crypto.randomUUID(),
      type: k % 2 === 0 ? 'Ticked' : 'Tocked',
      schemaVersion: 1,
      data: { i: i + k, text: 'Ақтөбе облысы', nested: { b: [1, 2], a: null } },
      metadata: { correlationId: `c-${i}` },
    }));
    last = (await store.append(`s-${i % streams}`, events, 'any')).position;
    i += n;
  }
  return last;
}

describe('notary: the transparency log as a projection (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let dataSource: DataSource;
  let log: TransparencyLog;
  let runner: ProjectionRunner;
  let head = 0n;

  const caughtUp = async () => ((await readCheckpoint(dataSource, NOTARY_PROJECTION))?.position ?? 0n) >= head;
  const expectedLeaves = async () => (await store.readAll({ maxCount: 100_000 })).map((event) => eventLeafHash(event));

  beforeAll(async () => {
    db = await createTestDatabase('tl');
    store = await createPostgresEventStore({ connectionString: db.url, pollDelays: { minMs: 5, maxMs: 20 } });
    dataSource = await openReadModelsDataSource({ url: db.url, readModels: [TRANSPARENCY_READ_MODEL] });
    log = new TransparencyLog(dataSource);
    head = await appendEvents(store, 150, 7);
    await untilLogShows(store, head);
    runner = new ProjectionRunner({
      projection: new SmallBatchNotary(),
      dataSource,
      store,
      lockUrl: db.url,
      logger: quiet,
      options: { batchSize: 500, lockRetryMs: 100, backoff: { initialMs: 50, maxMs: 100 } },
    });
    runner.start();
    await until('notary catch-up', caughtUp);
  });

  afterAll(async () => {
    await runner?.stop();
    await store?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('makes every event a leaf, in commit order, and its roots equal the tree of all leaves at every size', async () => {
    const leaves = await expectedLeaves();
    expect(leaves).toHaveLength(150);
    expect(await log.treeSize()).toBe(150);
    for (const size of [0, 1, 2, 15, 16, 17, 31, 32, 33, 64, 100, 127, 128, 129, 150]) {
      expect((await log.rootAt(size)).toString('hex')).toBe(rootOf(leaves.slice(0, size)).toString('hex'));
    }
    await expect(log.rootAt(151)).rejects.toBeInstanceOf(TreeSizeBeyondLogError);
  });

  it('gives inclusion proofs that verify for every leaf, and consistency proofs between sizes', async () => {
    const leaves = await expectedLeaves();
    for (const size of [1, 16, 33, 150]) {
      const root = await log.rootAt(size);
      for (let index = 0; index < size; index++) {
        const proof = await log.inclusionProof(index, size);
        expect(verifyInclusion(index, size, leaves[index], proof, root)).toBe(true);
      }
    }
    for (const [m, n] of [
      [1, 150],
      [16, 150],
      [17, 33],
      [64, 129],
      [100, 150],
      [150, 150],
      [0, 150],
    ]) {
      const proof = await log.consistencyProof(m, n);
      expect(verifyConsistency(m, n, await log.rootAt(m), await log.rootAt(n), proof)).toBe(true);
    }
  });

  it("names each stream's leaves by revision, and follows new events live", async () => {
    head = await appendEvents(store, 40, 3, 150);
    await until('notary follows', caughtUp);
    const leaves = await expectedLeaves();
    expect((await log.rootAt(190)).equals(rootOf(leaves))).toBe(true);
    const s1 = await log.leavesOfStream('s-1');
    const events = await store.readStream('s-1');
    expect(s1.map((leaf) => [leaf.revision, leaf.eventId, leaf.position])).toEqual(events.map((e) => [e.revision, e.id, e.position]));
    expect(s1.every((leaf, i) => leaf.leafHash.equals(eventLeafHash(events[i])))).toBe(true);
  });

  it('rebuilt from zero (with the live instance handing over), reaches the same root', async () => {
    const before = await log.rootAt(await log.treeSize());
    await dataSource.query('DELETE FROM tl_nodes'); // a rebuild must not lean on rows it did not write
    await rebuildProjection({
      projection: new NotaryProjection(),
      dataSource,
      store,
      lockUrl: db.url,
      countEvents: countInPostgresLog(dataSource),
      batchSize: 41,
      lockWaitMs: 5_000,
    });
    await until('live resumes', async () => (await caughtUp()) && runner.status.state === 'running');
    expect(await log.treeSize()).toBe(190);
    expect((await log.rootAt(190)).equals(before)).toBe(true);
  });

  it('applying a batch again changes nothing (events at or before the tree position are skipped)', async () => {
    const events = await store.readAll({ maxCount: 30 });
    const root = await log.rootAt(190);
    await dataSource.transaction((tx) => new NotaryProjection().apply(events, tx));
    expect(await log.treeSize()).toBe(190);
    expect((await log.rootAt(190)).equals(root)).toBe(true);
  });

  it('says which stored subtree is missing when tree rows were deleted', async () => {
    await dataSource.query('DELETE FROM tl_nodes WHERE level = 5 AND node_index = 1');
    await expect(log.inclusionProof(0, 190)).rejects.toBeInstanceOf(TreeRowsMissingError);
    await expect(log.inclusionProof(0, 190)).rejects.toThrow('leaves 32..63');
    await expect(log.inclusionProof(40, 190)).resolves.toHaveLength(8); // its path does not pass through that subtree
    await dataSource.query('DELETE FROM tl_leaves WHERE leaf_index = 180');
    await expect(log.inclusionProof(181, 190)).rejects.toBeInstanceOf(TreeRowsMissingError);
  });

  it('takes the leaf hashes prepared when the batch was read (the read-ahead) instead of hashing again', async () => {
    await runner.stop();
    const from = await log.treeSize();
    head = await appendEvents(store, 30, 4, 1000);
    await untilLogShows(store, head);
    const fresh = (await store.readAll({ maxCount: 100_000 })).slice(from);
    expect(fresh).toHaveLength(30);
    const notary = new NotaryProjection();
    notary.prepare(fresh);
    // Changed after prepare: only a notary that hashes again would see it.
    Object.assign(fresh[0], { rawData: '{"changed":"after prepare"}' });
    await dataSource.transaction((tx) => notary.apply(fresh, tx));
    expect(await log.treeSize()).toBe(from + 30);
    expect((await log.rootAt(from + 30)).equals(rootOf(await expectedLeaves()))).toBe(true);
  });

  it('takes the prepared hashes of a batch redelivered in part from the first event not yet a leaf', async () => {
    const from = await log.treeSize();
    head = await appendEvents(store, 30, 4, 2000);
    await untilLogShows(store, head);
    // Ten events that are already leaves, then thirty that are not.
    const batch = (await store.readAll({ maxCount: 100_000 })).slice(from - 10);
    expect(batch).toHaveLength(40);
    const notary = new NotaryProjection();
    notary.prepare(batch);
    Object.assign(batch[10], { rawData: '{"changed":"after prepare"}' });
    await dataSource.transaction((tx) => notary.apply(batch, tx));
    expect(await log.treeSize()).toBe(from + 30);
    expect((await log.rootAt(from + 30)).equals(rootOf(await expectedLeaves()))).toBe(true);
  });
});
