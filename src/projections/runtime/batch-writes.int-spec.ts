import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { until } from '../../../test/support/until';
import { ProjectionTestDatabase } from '../testing/projection-database';
import { writeWithBatch } from './batch-writes';
import { readCheckpoint } from './checkpoints';
import type { Projection } from './projection';
import type { ProjectionRunner } from './projection-runner';

const TABLE = 'rm_test_held_notes';

/**
 * Stores each event's note through writeWithBatch (held for the batch's
 * closing round trip), and after each one reads how many notes the table
 * holds: the read must see the writes held before it.
 */
class NotesProjection implements Projection {
  readonly name = 'held-notes';
  readonly streamPrefixes = ['n-'];
  readonly tables = [TABLE];
  readonly seen: number[] = [];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    for (const event of events) {
      const note = (event.data as { note: unknown }).note;
      await writeWithBatch(tx, `INSERT INTO ${TABLE} (position, note, tags) VALUES ($1::bigint, $2, $3::text[])`, [
        event.position.toString(),
        note,
        [note, null, 'x'],
      ]);
      if (event.streamId === 'n-read') {
        const [{ n }] = await tx.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${TABLE}`);
        this.seen.push(n);
      }
    }
  }
}

describe('writes held for the batch (writeWithBatch) in a live runner (real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('held', []);
  let runner: ProjectionRunner | undefined;

  beforeAll(async () => {
    await pg.open();
    // Made here rather than by a migration: the runtime's tests name their tables freely.
    await pg.dataSource.query(
      `CREATE TABLE ${TABLE} (position bigint PRIMARY KEY, note text NOT NULL CHECK (note <> 'poison'), tags text[])`,
    );
  });

  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
  });

  afterAll(() => pg.close());

  const append = async (stream: string, notes: string[]) => {
    let last = 0n;
    for (const note of notes)
      last = (
        await pg.store.append(stream, [{ id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: { note }, metadata: {} }], 'any')
      ).position;
    return last;
  };
  const notes = async (): Promise<Array<{ note: string; tags: Array<string | null> }>> =>
    pg.dataSource.query(`SELECT note, tags FROM ${TABLE} ORDER BY position`);

  it('commits them with the checkpoint, every value as it was given, and a read in the batch sees those held before it', async () => {
    const hostile = [`x'); DROP TABLE ${TABLE}; --`, 'back\\slash \\x00 "quoted" {brace,comma}', "it's $1 $$ /* -- */", 'Қазақстан ✓'];
    await append('n-write', hostile);
    const last = await append('n-read', ['r1', 'r2', 'r3']);
    const projection = new NotesProjection();
    runner = pg.runner(projection, { batchSize: 50 });
    runner.start();
    await until('caught up', async () => ((await readCheckpoint(pg.dataSource, projection.name))?.position ?? 0n) >= last);
    expect(await notes()).toEqual([...hostile, 'r1', 'r2', 'r3'].map((note) => ({ note, tags: [note, null, 'x'] })));
    // One batch: each read counted the notes held before it, none held after.
    expect(projection.seen).toEqual([5, 6, 7]);
  });

  it('a held write that fails fails its batch: the events before it commit, the runner holds at it', async () => {
    await pg.dataSource.query(`TRUNCATE ${TABLE}`);
    await pg.dataSource.query(`DELETE FROM rm_checkpoints WHERE projection = 'held-notes'`);
    const before = await append('n-write', ['a', 'b']);
    await append('n-write', ['poison', 'c']);
    const projection = new NotesProjection();
    runner = pg.runner(projection, { batchSize: 50 });
    runner.start();
    await until('blocked', async () => (await readCheckpoint(pg.dataSource, projection.name))?.blocked != null);
    const checkpoint = await readCheckpoint(pg.dataSource, projection.name);
    expect(checkpoint?.blocked?.error).toMatch(/check constraint/);
    expect(checkpoint?.blocked?.position).toBeGreaterThan(before);
    expect((await notes()).map((n) => n.note).slice(-2)).toEqual(['a', 'b']);
    expect(runner.status.state).toBe('blocked');
  });
});
