import { Controller, Get, INestApplication, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { issueToken } from '../../auth/tokens';
import { loadConfig } from '../../config/config';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { configureHttp } from '../../http-setup';
import { untilLogShows } from '../../../test/support/log-visibility';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-db';
import { clearBlock, readCheckpoint } from './checkpoints';
import { ProjectionRunner } from './projection-runner';
import { ProjectionsModule } from './projections.module';
import { READ_MODEL_STALE_HEADER, ReadsProjections } from './read-model-stale';
import {
  appendTicks,
  appliedPositions,
  CountingProjection,
  countsOf,
  expectedCounts,
  TEST_READ_MODEL,
} from './testing/counting-projection';
import { appendPoison, PoisonableProjection } from './testing/poison';
import { RuntimeHostModule } from './testing/runtime-host.module';
import { READ_MODELS_DATA_SOURCE } from './tokens';
import { untilWithin } from '../../../test/support/until';
import { ProjectionTestDatabase } from '../testing/projection-database';

const FAST = { batchSize: 25, lockRetryMs: 100, backoff: { initialMs: 50, maxMs: 200 } };

const until = untilWithin(15_000);

const positionsOf = appliedPositions;

describe('a projection blocked at an event it cannot apply (real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('bp', [TEST_READ_MODEL]);
  const runners: ProjectionRunner[] = [];
  const start = (projection: CountingProjection) => {
    const r = pg.runner(projection, FAST);
    runners.push(r);
    r.start();
    return r;
  };
  let poison: { id: string; position: bigint };
  let lastTick = 0n;

  beforeAll(async () => {
    await pg.open();
    // 30 ticks, the poison, 20 ticks: with batches of 25 the poison is the 6th event of the second batch.
    await appendTicks(pg.store, 30);
    poison = await appendPoison(pg.store);
    lastTick = await appendTicks(pg.store, 20, 5, 30);
    await untilLogShows(pg.store, lastTick);
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  afterAll(() => pg.close());

  it('commits every event before the culprit, holds at it (recorded with its id, stream, type and error), and the other projections run on', async () => {
    const poisoned = new PoisonableProjection('poisoned');
    const healthy = new CountingProjection('healthy');
    const runner = start(poisoned);
    start(healthy);
    await until('the block is recorded', async () => (await readCheckpoint(pg.dataSource, 'poisoned'))?.blocked != null);
    await until('healthy catch-up', () => pg.checkpointReached('healthy', lastTick));

    const checkpoint = await readCheckpoint(pg.dataSource, 'poisoned');
    expect(checkpoint?.blocked).toMatchObject({ position: poison.position, eventId: poison.id, streamId: 't-poison', type: 'Poison' });
    expect(checkpoint?.blocked?.error).toMatch(/invalid input syntax for type integer/);
    const before = (await pg.store.readAll({ after: 0n, filter: { streamPrefixes: ['t-'] } }))
      .filter((e) => e.position < poison.position)
      .map((e) => e.position);
    expect(before).toHaveLength(30);
    // The prefix: all 30 events before the poison, including the 5 of its own batch, and nothing after it.
    expect(await positionsOf(pg.dataSource, 'poisoned')).toEqual(before);
    expect(checkpoint?.position).toBe(before[before.length - 1]);
    expect(runner.status).toEqual({ state: 'blocked', lastError: expect.stringMatching(/invalid input syntax/) });
    expect(await countsOf(pg.dataSource, 'healthy')).toEqual({ rows: 51, totals: { ...expectedCounts(50).totals, 't-poison': 1 } });

    // Blocked means held: several polls later nothing more is applied and the block stays.
    await new Promise((r) => setTimeout(r, 400));
    expect(await positionsOf(pg.dataSource, 'poisoned')).toEqual(before);
    expect((await readCheckpoint(pg.dataSource, 'poisoned'))?.blocked?.eventId).toBe(poison.id);
  });

  it('a running runner picks up a cleared block: still failing blocks again, fixed it applies the rest', async () => {
    const poisoned = new PoisonableProjection('retried');
    const runner = start(poisoned);
    await until('blocked', async () => (await readCheckpoint(pg.dataSource, 'retried'))?.blocked != null);
    const first = await readCheckpoint(pg.dataSource, 'retried');

    await clearBlock(pg.dataSource, 'retried');
    await until('blocked again', async () => {
      const c = await readCheckpoint(pg.dataSource, 'retried');
      return c?.blocked != null && c.failedAttempts > (first?.failedAttempts ?? 0);
    });

    poisoned.strict = false;
    await clearBlock(pg.dataSource, 'retried');
    await until('caught up', () => pg.checkpointReached('retried', lastTick));
    expect(await countsOf(pg.dataSource, 'retried')).toEqual({ rows: 51, totals: { ...expectedCounts(50).totals, 't-poison': 1 } });
    expect(runner.status.state).toBe('running');
    expect(await readCheckpoint(pg.dataSource, 'retried')).toMatchObject({ blocked: null, lastError: null, failedAttempts: 0 });
  });

  it('a connection lost on the same event again and again is transient: retried with backoff, never blocked', async () => {
    const projection = new CountingProjection('flaky-db');
    let kills = 0;
    projection.sabotage = async (event, tx) => {
      if (event.position === poison.position && kills < 3) {
        kills += 1;
        await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
      }
    };
    let sawBlock = false;
    start(projection);
    await until('caught up', async () => {
      const c = await readCheckpoint(pg.dataSource, 'flaky-db');
      if (c?.blocked) sawBlock = true;
      return sawBlock || (c?.position ?? 0n) >= lastTick;
    });
    expect(kills).toBe(3);
    expect(sawBlock).toBe(false);
    expect(await countsOf(pg.dataSource, 'flaky-db')).toEqual({ rows: 51, totals: { ...expectedCounts(50).totals, 't-poison': 1 } });
  });
});

@Injectable()
class ModulePoisoned extends PoisonableProjection {
  constructor() {
    super('m-poisoned');
  }
}

@Injectable()
class ModuleHealthy extends CountingProjection {
  constructor() {
    super('m-healthy');
  }
}

@ReadsProjections('m-poisoned')
@Controller('test-poisoned')
class PoisonedQueryController {
  @Get()
  read() {
    return { answered: true };
  }
}

@ReadsProjections('m-healthy')
@Controller('test-healthy')
class HealthyQueryController {
  @Get()
  read() {
    return { answered: true };
  }
}

describe('a blocked projection in the application: status, readiness, stale answers (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let dataSource: DataSource;
  const config = loadConfig({ LOG_JSON: 'false', LOG_LEVEL: 'error' });
  const admin = () => issueToken({ userId: 'u-admin', roles: ['admin'], organisation: 'org-1', region: 'astana' }, config.jwtSecret);

  beforeAll(async () => {
    db = await createTestDatabase('bpm');
    const moduleRef = await Test.createTestingModule({
      imports: [
        RuntimeHostModule.forRoot({ config, databaseUrl: db.url }),
        ProjectionsModule.forRoot({
          projections: [ModulePoisoned, ModuleHealthy],
          enabled: true,
          readModels: [TEST_READ_MODEL],
          runtime: { batchSize: 25, lockRetryMs: 100, backoff: { initialMs: 50, maxMs: 100 } },
        }),
      ],
      controllers: [PoisonedQueryController, HealthyQueryController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttp(app);
    await app.init();
    store = app.get(EVENT_STORE);
    dataSource = app.get(READ_MODELS_DATA_SOURCE);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('GET /projections/status says blocked with the event; /health/ready is 200 "degraded" naming it; its queries answer marked stale', async () => {
    await appendTicks(store, 10);
    const poison = await appendPoison(store);
    const last = await appendTicks(store, 10, 5, 10);
    await until('blocked', async () => (await readCheckpoint(dataSource, 'm-poisoned'))?.blocked != null);
    await until('healthy catch-up', async () => ((await readCheckpoint(dataSource, 'm-healthy'))?.position ?? 0n) >= last);

    const server = app.getHttpServer();
    const status = await request(server).get('/projections/status').set('Authorization', `Bearer ${admin()}`).expect(200);
    const byName = Object.fromEntries(status.body.projections.map((p: { name: string }) => [p.name, p]));
    expect(byName['m-poisoned']).toMatchObject({
      status: 'blocked',
      blocked: {
        position: poison.position.toString(),
        eventId: poison.id,
        streamId: 't-poison',
        type: 'Poison',
        error: expect.stringMatching(/invalid input syntax/),
      },
      lastError: expect.stringMatching(/invalid input syntax/),
    });
    expect(byName['m-healthy']).toMatchObject({ status: 'running', blocked: null, lagEvents: 0 });

    const ready = await request(server).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'degraded', degraded: ['projection:m-poisoned'] });
    expect(ready.body.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'projection:m-poisoned',
          status: 'degraded',
          state: 'blocked',
          degraded: expect.stringContaining(poison.id),
        }),
        expect.objectContaining({ name: 'projection:m-healthy', status: 'up', state: 'running' }),
      ]),
    );

    const stale = await request(server).get('/test-poisoned').expect(200);
    expect(stale.body).toEqual({ answered: true });
    expect(stale.headers[READ_MODEL_STALE_HEADER.toLowerCase()]).toBe('m-poisoned');
    const fresh = await request(server).get('/test-healthy').expect(200);
    expect(fresh.headers[READ_MODEL_STALE_HEADER.toLowerCase()]).toBeUndefined();
  });
});
