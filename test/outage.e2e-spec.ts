import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { issueToken } from '../src/auth/tokens';
import { Role } from '../src/auth/principal';
import { fixedClock } from '../src/common/clock';
import { createTestApp, testConfig } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { TcpProxy } from './support/tcp-proxy';
import { routesFromOpenApi } from '../src/fuzz/openapi-routes';
import { eventually } from '../src/event-store/contract/test-events';
import { VALID_APPLICATION as application } from '../src/fuzz/principals';

const token = (userId: string, role: Role, organisation: string) =>
  `Bearer ${issueToken({ userId, roles: [role], organisation, region: 'kostanay-oblast' }, testConfig().jwtSecret)}`;
const operator = token('u-op', 'state-corporation-operator', 'sc-kostanay');
const clerk = token('u-clerk', 'clerk', 'school-7');
const admin = token('u-admin', 'admin', 'ministry');

/** #15 item 5: PostgreSQL unreachable (a TCP proxy in front of it, cut) → 503 with Retry-After everywhere, and recovery by itself. */
describe('a database outage', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let proxy: TcpProxy;
  let caseId: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('outage');
    const target = new URL(db.url);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    app = await createTestApp({ databaseUrl: proxy.urlFor(db.url), clock: fixedClock('2019-03-04T04:00:00Z'), logger: [] });
    const received = await http().post('/cases').set('Authorization', operator).send(application).expect(201);
    caseId = received.body.caseId;
    await http().get(`/work-queue?position=${received.body.position}`).set('Authorization', clerk).expect(200);
  });

  afterAll(async () => {
    await proxy?.restore();
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  const expectUnavailable = (res: request.Response, codes: string[]) => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 503 });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(codes).toContain(JSON.parse(res.text).code);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('answers 503 with Retry-After on reads of the event store and of the read models, on writes and on readiness, while it is cut', async () => {
    await proxy.cut();
    expectUnavailable(await http().get(`/cases/${caseId}`).set('Authorization', operator), ['event-store-unavailable']);
    expectUnavailable(await http().get('/work-queue').set('Authorization', clerk), ['database-unavailable']);
    expectUnavailable(await http().get(`/cases/${caseId}/history`).set('Authorization', operator), ['database-unavailable']);
    expectUnavailable(await http().get('/projections/status').set('Authorization', admin), ['database-unavailable']);
    expectUnavailable(await http().post('/cases').set('Authorization', operator).send(application), [
      'event-store-unavailable',
      'database-unavailable',
    ]);
    expectUnavailable(await http().post(`/cases/${caseId}/register`).set('Authorization', operator).send({}), [
      'event-store-unavailable',
      'database-unavailable',
    ]);
    const ready = await http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('on every route of the OpenAPI document, answers 503 with Retry-After or (a route that needs no database) as usual: never a 500', async () => {
    const routes = routesFromOpenApi((await http().get('/docs-json').expect(200)).body);
    const unavailable: string[] = [];
    for (const route of routes) {
      const path = route.path
        .replace('{id}', caseId)
        .replace('{appealId}', caseId)
        .replace('{region}', 'kostanay-oblast')
        .replace('{service}', 'secondary-education-duplicates')
        .replace('{version}', '1')
        .replace('{year}', '2019')
        .replace('{file}', 'x.txt');
      const who = route.path.startsWith('/projections') || route.path.startsWith('/oversight') ? admin : operator;
      const res = await (
        route.method === 'POST'
          ? http()
              .post(path)
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(route.body ?? {}))
          : http().get(path)
      ).set('Authorization', who);
      expect({ route: `${route.method} ${route.path}`, status: res.status < 500 || res.status === 503 ? 'not 5xx' : res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 'not 5xx',
      });
      if (res.status === 503) {
        expect({ route: route.path, retryAfter: Number(res.headers['retry-after']) > 0, type: res.headers['content-type'] }).toMatchObject({
          route: route.path,
          retryAfter: true,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        unavailable.push(`${route.method} ${route.path}`);
      }
    }
    // Every route that reads or writes a case, a read model or the projections' state said so.
    expect(unavailable).toEqual(
      expect.arrayContaining([
        'GET /cases/{id}',
        'POST /cases',
        'GET /work-queue',
        'GET /cases/{id}/history',
        'GET /cases/{id}/timeline',
        'GET /oversight/summary',
        'GET /cases/{id}/verify',
        'GET /projections/status',
        'GET /health/ready',
      ]),
    );
  });

  it('recovers by itself once the database is reachable again', async () => {
    await proxy.restore();
    await eventually(
      async () => ((await http().get(`/cases/${caseId}`).set('Authorization', operator)).status === 200 ? true : undefined),
      'the case readable again',
      20_000,
    );
    const received = await http().post('/cases').set('Authorization', operator).send(application).expect(201);
    await eventually(
      async () => {
        const queue = await http().get(`/work-queue?position=${received.body.position}`).set('Authorization', clerk);
        return queue.status === 200 && queue.headers['x-projection-stale'] === undefined ? true : undefined;
      },
      'the work queue at the new position',
      30_000,
    );
    await eventually(async () => ((await http().get('/health/ready')).status === 200 ? true : undefined), 'ready again', 30_000);
  });
});
