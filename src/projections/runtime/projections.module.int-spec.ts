import { INestApplication, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import { issueToken } from '../../auth/tokens';
import { loadConfig } from '../../config/config';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { configureHttp } from '../../http-setup';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-db';
import { ProjectionWaiter } from './projection-waiter';
import { ProjectionsModule } from './projections.module';
import { appendTicks, CountingProjection, TEST_READ_MODEL } from './testing/counting-projection';
import { RuntimeHostModule } from './testing/runtime-host.module';
import { until } from '../../../test/support/until';

@Injectable()
class TicksProjection extends CountingProjection {
  constructor() {
    super('ticks');
  }
}

/** Subscribes to streams that never occur: nothing to apply, yet its checkpoint follows the log (nextCheckpoint). */
@Injectable()
class RareProjection extends CountingProjection {
  override readonly streamPrefixes = ['rare-'];
  constructor() {
    super('rare');
  }
}

describe('ProjectionsModule in the application (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let waiter: ProjectionWaiter;
  const config = loadConfig({ LOG_JSON: 'false', LOG_LEVEL: 'error' });
  const token = (roles: Array<'admin' | 'clerk' | 'oversight'>) =>
    issueToken({ userId: 'u-1', roles, organisation: 'org-1', region: 'astana' }, config.jwtSecret);

  beforeAll(async () => {
    db = await createTestDatabase('pm');
    const moduleRef = await Test.createTestingModule({
      imports: [
        RuntimeHostModule.forRoot({ config, databaseUrl: db.url }),
        ProjectionsModule.forRoot({
          projections: [TicksProjection, RareProjection],
          enabled: true,
          readModels: [TEST_READ_MODEL],
          runtime: { lockRetryMs: 100, backoff: { initialMs: 50, maxMs: 100 } },
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    configureHttp(app);
    await app.init();
    store = app.get(EVENT_STORE);
    waiter = app.get(ProjectionWaiter);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('waits for a written position: also for a projection that has nothing to apply up to it, by its checkpoint alone', async () => {
    const readAll = jest.spyOn(store, 'readAll');
    const position = await appendTicks(store, 40);
    expect(await waiter.waitFor(position, ['ticks', 'rare'], 5_000)).toBe(true);
    // No probe of the log: the idle projection's own checkpoint moved to the head, past events it does not apply.
    expect(readAll).not.toHaveBeenCalled();
    readAll.mockRestore();
    const status = await request(app.getHttpServer())
      .get('/projections/status')
      .set('Authorization', `Bearer ${token(['admin'])}`)
      .expect(200);
    const rare = status.body.projections.find((p: { name: string }) => p.name === 'rare');
    expect(rare.position).toBe(String(await store.headPosition()));
    // A position far beyond the log is never reached.
    expect(await waiter.waitFor(position * 2n, ['ticks'], 200)).toBe(false);
    await expect(waiter.waitFor(position, ['nope'], 10)).rejects.toThrow('unknown projection');
  });

  it('reports each projection on GET /projections/status, for admin and oversight only', async () => {
    const res = await request(app.getHttpServer())
      .get('/projections/status')
      .set('Authorization', `Bearer ${token(['admin'])}`)
      .expect(200);
    const byName = Object.fromEntries(res.body.projections.map((p: { name: string }) => [p.name, p]));
    expect(byName.ticks).toMatchObject({ status: 'running', lagEvents: 0, lagSeconds: 0, lastError: null });
    // Nothing to apply, but read as far as the projection that applied every event.
    expect(byName.rare).toMatchObject({ status: 'running', position: byName.ticks.position, lagEvents: 0 });
    await request(app.getHttpServer())
      .get('/projections/status')
      .set('Authorization', `Bearer ${token(['oversight'])}`)
      .expect(200);
    const denied = await request(app.getHttpServer())
      .get('/projections/status')
      .set('Authorization', `Bearer ${token(['clerk'])}`)
      .expect(403);
    expect(denied.body.code).toBe('role-not-allowed');
    await request(app.getHttpServer()).get('/projections/status').expect(401);
  });

  it('tells admins which open transaction holds the log back, and nobody else', async () => {
    const statusAs = async (role: 'admin' | 'oversight') =>
      (
        await request(app.getHttpServer())
          .get('/projections/status')
          .set('Authorization', `Bearer ${token([role])}`)
          .expect(200)
      ).body;
    const holder = new Client({ connectionString: db.url, application_name: 'held-by-test' });
    await holder.connect();
    try {
      const pid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await holder.query('BEGIN');
      // Takes a transaction id, then events commit after it: readers must not see them until it ends.
      const started = (await holder.query<{ now: Date }>('SELECT pg_current_xact_id(), now()')).rows[0].now;
      await appendTicks(store, 1);
      // Other sessions on the server may hold the log for a moment too: wait for ours.
      let held: { logHeld?: boolean; logHeldBy?: { pid: number } | null } = {};
      await until('the open transaction reported', async () => (held = await statusAs('admin')).logHeldBy?.pid === pid, 5_000);
      expect(held).toMatchObject({
        logHeld: true,
        logHeldBy: { pid, applicationName: 'held-by-test', transactionStartedAt: started.toISOString() },
      });
      const oversight = await statusAs('oversight');
      expect(oversight).not.toHaveProperty('logHeld');
      expect(oversight).not.toHaveProperty('logHeldBy');
      await holder.query('ROLLBACK');
      await until('the log released', async () => (held = await statusAs('admin')).logHeld === false, 5_000);
      expect(held).toMatchObject({ logHeld: false, logHeldBy: null });
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });

  it('appears in readiness', async () => {
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'projection:ticks', status: 'up', state: 'running' }),
        expect.objectContaining({ name: 'projection:rare', status: 'up' }),
      ]),
    );
  });
});
