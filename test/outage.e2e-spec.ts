import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { issueToken } from '../src/auth/tokens';
import { Role } from '../src/auth/principal';
import { fixedClock } from '../src/common/clock';
import { createTestApp, testConfig } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { TcpProxy } from './support/tcp-proxy';

const token = (userId: string, role: Role, organisation: string) =>
  `Bearer ${issueToken({ userId, roles: [role], organisation, region: 'kostanay-oblast' }, testConfig().jwtSecret)}`;
const operator = token('u-op', 'state-corporation-operator', 'sc-kostanay');
const clerk = token('u-clerk', 'clerk', 'school-7');
const admin = token('u-admin', 'admin', 'ministry');
const application = {
  channel: 'state-corporation',
  service: 'secondary-education-duplicates',
  providerOrganisation: 'school-7',
  applicant: { iin: '900101300017', name: 'Иванов Иван' },
  documents: ['заявление'],
  consentToProtectedData: true,
};

async function eventually<T>(attempt: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

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
    expectUnavailable(await http().post('/cases').set('Authorization', operator).send(application), ['event-store-unavailable', 'database-unavailable']);
    expectUnavailable(await http().post(`/cases/${caseId}/register`).set('Authorization', operator).send({}), ['event-store-unavailable', 'database-unavailable']);
    const ready = await http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('recovers by itself once the database is reachable again', async () => {
    await proxy.restore();
    await eventually(async () => ((await http().get(`/cases/${caseId}`).set('Authorization', operator)).status === 200 ? true : undefined), 20_000);
    const received = await http().post('/cases').set('Authorization', operator).send(application).expect(201);
    await eventually(async () => {
      const queue = await http().get(`/work-queue?position=${received.body.position}`).set('Authorization', clerk);
      return queue.status === 200 && queue.headers['x-projection-stale'] === undefined ? true : undefined;
    }, 30_000);
    await eventually(async () => ((await http().get('/health/ready')).status === 200 ? true : undefined), 30_000);
  });
});
