import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { issueToken } from '../src/auth/tokens';
import { fixedClock } from '../src/common/clock';
import { VALID_APPLICATION as application } from '../src/fuzz/principals';
import { createTestApp, testConfig } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

const operator = `Bearer ${issueToken({ userId: 'u-op', roles: ['state-corporation-operator'], organisation: 'sc-kostanay', region: 'kostanay-oblast' }, testConfig().jwtSecret)}`;

describe('the error path: headers of error answers (#15 item 9), errors the store raises', () => {
  let app: INestApplication;
  let db: TestDatabase;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('errhdr');
    app = await createTestApp({ databaseUrl: db.url, clock: fixedClock('2019-03-04T04:00:00Z') });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('a request whose headers are too large gets a problem+json 431, not an empty body', async () => {
    const res = await http().get('/health/live').set('X-Padding', 'a'.repeat(20_000));
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status: 431, code: 'headers-too-large' });
  });

  it('an error carries no ETag (on success it means the stream revision)', async () => {
    const missing = await http().get(`/cases/${randomUUID()}`).set('Authorization', operator).expect(404);
    expect(missing.headers.etag).toBeUndefined();
    const unauthenticated = await http().get('/work-queue').expect(401);
    expect(unauthenticated.headers.etag).toBeUndefined();
  });

  it('a refused command carries neither the Location nor the ETag its success would have', async () => {
    const refused = await http()
      .post('/cases')
      .set('Authorization', operator)
      .send({ ...application, service: 'no-such-service' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.headers.location).toBeUndefined();
    expect(refused.headers.etag).toBeUndefined();
  });

  it('the deliberate ETag stays: the stream revision on a case, nothing automatic elsewhere', async () => {
    const received = await http().post('/cases').set('Authorization', operator).send(application).expect(201);
    expect(received.headers.etag).toBe('"0"');
    const read = await http().get(`/cases/${received.body.caseId}`).set('Authorization', operator).expect(200);
    expect(read.headers.etag).toBe('"0"');
    const catalog = await http().get('/regulations').expect(200);
    expect(catalog.headers.etag).toBeUndefined();
  });

  it('an Idempotency-Key reused to open another case is 422 idempotency-key-reused, not a 500 (found by the fuzz test)', async () => {
    const key = `intake-${Date.now()}`;
    await http().post('/cases').set('Authorization', operator).set('Idempotency-Key', key).send(application).expect(201);
    const reused = await http()
      .post('/cases')
      .set('Authorization', operator)
      .set('Idempotency-Key', key)
      .send({ ...application, caseId: randomUUID() });
    expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 422, code: 'idempotency-key-reused' });
  });
});
