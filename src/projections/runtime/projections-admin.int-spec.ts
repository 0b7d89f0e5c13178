import { untilLogShows } from '../../../test/support/log-visibility';
import { readCheckpoint } from './checkpoints';
import { adminStreamOf, PROJECTION_EVENT_SKIPPED } from './projection-admin';
import { ProjectionRunner } from './projection-runner';
import { runAdminCommand } from './projections-admin-command';
import { appendTicks, CountingProjection, countsOf, expectedCounts, TEST_READ_MODEL } from './testing/counting-projection';
import { appendPoison, PoisonableProjection } from './testing/poison';
import { untilWithin } from '../../../test/support/until';
import { ProjectionTestDatabase } from '../testing/projection-database';

const until = untilWithin(15_000);

describe('npm run projections:admin against a running instance (real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('adm', [TEST_READ_MODEL]);
  let runner: ProjectionRunner | undefined;
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: { write: (t: string) => err.push(t), isTTY: false } };
  const projections = [new PoisonableProjection('adm'), new CountingProjection('adm-other')];
  const admin = (...argv: string[]) =>
    runAdminCommand(
      argv,
      async () => ({ projections, dataSource: pg.dataSource, store: pg.store, close: async () => undefined }),
      io,
      () => 'os:tester',
    );

  beforeAll(() => pg.open());

  afterAll(async () => {
    await runner?.stop();
    await pg.close();
  });

  it('--help; status names the blocked event; retry re-applies it; skip records ProjectionEventSkipped and the instance carries on past that one event', async () => {
    expect(await admin('--help')).toBe(0);
    expect(out.pop()).toMatch(/^Usage: npm run projections:admin -- status/);
    expect(await admin('skip', 'adm', '--event', 'x')).toBe(2);
    expect(err.pop()).toMatch(/skip needs --reason/);
    expect(await admin('retry', 'nope')).toBe(2);

    await appendTicks(pg.store, 12);
    const poison = await appendPoison(pg.store);
    const last = await appendTicks(pg.store, 8, 5, 12);
    await untilLogShows(pg.store, last);
    const projection = new PoisonableProjection('adm');
    runner = pg.runner(projection, { batchSize: 50 });
    runner.start();
    await until('blocked', async () => (await readCheckpoint(pg.dataSource, 'adm'))?.blocked != null);
    const blockedAt = await readCheckpoint(pg.dataSource, 'adm');

    expect(await admin('status')).toBe(0);
    const [admLine, otherLine] = out.splice(-2);
    expect(admLine).toContain(
      `adm: BLOCKED at position ${blockedAt?.position}, before event ${poison.id} (position ${poison.position}, stream t-poison, type Poison)`,
    );
    expect(admLine).toMatch(/invalid input syntax for type integer/);
    expect(otherLine).toBe('adm-other: ok at position 0');

    // Retry while the projection still cannot apply it: it blocks again.
    expect(await admin('retry', 'adm')).toBe(0);
    await until(
      'blocked again',
      async () => ((await readCheckpoint(pg.dataSource, 'adm'))?.failedAttempts ?? 0) > (blockedAt?.failedAttempts ?? 0),
    );
    expect((await readCheckpoint(pg.dataSource, 'adm'))?.blocked?.eventId).toBe(poison.id);

    // Skip: the wrong id changes nothing; the right one is recorded, then the checkpoint moves past it.
    expect(await admin('skip', 'adm', '--event', crypto.randomUUID(), '--reason', 'wrong one')).toBe(1);
    expect(err.pop()).toContain(`blocked at event ${poison.id}`);
    expect(await pg.store.readStream(adminStreamOf('adm'))).toEqual([]);
    expect(
      await admin('skip', 'adm', '--event', poison.id, '--reason', 'applicant name cannot be stored; corrected by a later event'),
    ).toBe(0);
    expect(out.pop()).toMatch(
      new RegExp(`^adm: skipped event ${poison.id} \\(position ${poison.position}\\); recorded as ProjectionEventSkipped`),
    );

    const [skip] = await pg.store.readStream(adminStreamOf('adm'));
    expect(skip).toMatchObject({
      type: PROJECTION_EVENT_SKIPPED,
      data: {
        projection: 'adm',
        position: poison.position.toString(),
        eventId: poison.id,
        streamId: 't-poison',
        type: 'Poison',
        error: expect.stringMatching(/invalid input syntax/),
        reason: 'applicant name cannot be stored; corrected by a later event',
        actor: 'os:tester',
      },
      metadata: { actor: { id: 'os:tester', role: 'admin' } },
    });

    // The running instance picks the change up by itself and applies everything after the skipped event.
    await until('caught up past the skip', () => pg.checkpointReached('adm', last));
    expect(await countsOf(pg.dataSource, 'adm')).toEqual(expectedCounts(20));
    expect(runner.status.state).toBe('running');
    expect(await readCheckpoint(pg.dataSource, 'adm')).toMatchObject({ blocked: null, lastError: null });

    expect(await admin('skip', 'adm', '--event', poison.id, '--reason', 'again')).toBe(1);
    expect(err.pop()).toMatch(/adm is not blocked/);
    expect(await admin('retry', 'adm')).toBe(1);
    expect((await pg.store.readStream(adminStreamOf('adm'))).length).toBe(1);
  });
});
