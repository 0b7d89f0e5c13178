import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Principal, Role } from '../src/auth/principal';
import { issueToken } from '../src/auth/tokens';
import { fixedClock } from '../src/common/clock';
import type { DataSource } from 'typeorm';
import { READ_MODELS_DATA_SOURCE } from '../src/projections/runtime/tokens';
import { CheckpointScheduler } from '../src/transparency/checkpoint-scheduler';
import { Family, parsePrometheusText, Sample } from './support/prometheus-text';
import { createTestApp, testConfig } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { until } from './support/until';

const config = testConfig();
const clock = fixedClock('2019-03-04T04:00:00Z'); // Mon 4 Mar 2019, 10:00 in Kostanay
const token = (userId: string, role: Role, organisation: string) =>
  `Bearer ${issueToken({ userId, roles: [role], organisation, region: 'kostanay-oblast' } satisfies Principal, config.jwtSecret)}`;
const admin = token('u-admin', 'admin', 'ministry');
const clerk = token('u-clerk', 'clerk', 'school-7');
const operator = token('u-op', 'state-corporation-operator', 'sc-kostanay');

const PROJECTIONS = ['work-queue', 'case-history', 'step-timeline', 'oversight', 'notary'];

describe('GET /metrics', () => {
  let app: INestApplication;
  let db: TestDatabase;
  const http = () => request(app.getHttpServer());

  const scrape = async (): Promise<Map<string, Family>> => {
    const answer = await http().get('/metrics').set('Authorization', admin).expect(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(answer.text);
  };
  const family = (families: Map<string, Family>, name: string, type: string): Family => {
    const found = families.get(name);
    if (!found) throw new Error(`no family ${name} in /metrics`);
    expect(found.type).toBe(type);
    expect(found.help).not.toBe('');
    return found;
  };
  const sample = (found: Family, name: string, labels: Record<string, string>): Sample | undefined =>
    found.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  const valueOf = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined =>
    families.get(name)?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

  beforeAll(async () => {
    db = await createTestDatabase('metrics');
    app = await createTestApp({ databaseUrl: db.url, clock });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('refuses a scrape without a token (401) and with a token that is not an admin’s (403), as problem+json', async () => {
    const anonymous = await http().get('/metrics').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(anonymous.body.code).toBe('unauthenticated');
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    const notAdmin = await http().get('/metrics').set('Authorization', clerk).expect(403);
    expect(notAdmin.body.code).toBe('role-not-allowed');
    // Not part of the API contract.
    const docs = await http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).not.toContain('/metrics');
  });

  it('answers every family, with route templates, append outcomes, projection, queue and notary figures and process metrics', async () => {
    const received = await http()
      .post('/cases')
      .set('Authorization', operator)
      .send({
        channel: 'state-corporation',
        service: 'secondary-education-duplicates',
        providerOrganisation: 'school-7',
        applicant: { iin: '900101300017', name: 'Иванов Иван' },
        documents: ['заявление'],
        consentToProtectedData: true,
      })
      .expect(201);
    await http().get(`/cases/${received.body.caseId}`).set('Authorization', operator).expect(200);
    await http().get('/nowhere/at/all-7f3a').expect(404);
    await until('every projection applied the case', async () => {
      const families = await scrape();
      return PROJECTIONS.every((projection) => valueOf(families, 'projection_position', { projection }) === Number(received.body.position));
    });

    const families = await scrape();
    const httpDuration = family(families, 'http_request_duration_seconds', 'histogram');
    expect(
      sample(httpDuration, 'http_request_duration_seconds_count', { method: 'POST', route: '/cases', status_code: '201' })?.value,
    ).toBe(1);
    expect(
      sample(httpDuration, 'http_request_duration_seconds_count', { method: 'GET', route: '/cases/:id', status_code: '200' })?.value,
    ).toBe(1);
    expect(sample(httpDuration, 'http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' })?.value).toBe(1);
    // Bounded cardinality: no raw URL becomes a label.
    expect(httpDuration.samples.some((s) => s.labels.route?.includes(received.body.caseId) || s.labels.route?.includes('all-7f3a'))).toBe(
      false,
    );

    const latency = family(families, 'event_store_append_duration_seconds', 'histogram');
    expect(sample(latency, 'event_store_append_duration_seconds_count', { outcome: 'written' })?.value).toBeGreaterThanOrEqual(1);
    const batch = family(families, 'event_store_append_batch_size', 'histogram');
    expect(sample(batch, 'event_store_append_batch_size_sum', { outcome: 'written' })?.value).toBeGreaterThanOrEqual(1);

    for (const name of ['projection_position', 'projection_lag_events', 'projection_lag_seconds', 'projection_state'])
      family(families, name, 'gauge');
    for (const projection of PROJECTIONS) {
      expect(valueOf(families, 'projection_lag_events', { projection })).toBe(0);
      expect(valueOf(families, 'projection_lag_seconds', { projection })).toBe(0);
      expect(valueOf(families, 'projection_state', { projection, state: 'running' })).toBe(1);
      expect(valueOf(families, 'projection_state', { projection, state: 'blocked' })).toBe(0);
    }

    family(families, 'work_queue_open_cases', 'gauge');
    family(families, 'work_queue_overdue_cases', 'gauge');
    expect(valueOf(families, 'work_queue_open_cases', { region: 'kostanay-oblast' })).toBe(1);
    expect(valueOf(families, 'work_queue_overdue_cases', { region: 'kostanay-oblast' })).toBe(0);
    expect(valueOf(families, 'work_queue_open_cases', { region: 'astana' })).toBe(0);

    expect(valueOf(families, 'notary_tree_size', { origin: config.notaryOrigin })).toBeGreaterThanOrEqual(1);
    expect(families.get('notary_last_checkpoint_age_seconds')?.samples).toEqual([]);
    for (const collector of ['projections', 'work-queue', 'notary'])
      expect(valueOf(families, 'metrics_collector_up', { collector })).toBe(1);

    family(families, 'process_cpu_user_seconds_total', 'counter');
    family(families, 'process_resident_memory_bytes', 'gauge');
    family(families, 'nodejs_eventloop_lag_seconds', 'gauge');
  });

  it('counts a case overdue once its step’s due instant has passed, and reports the last checkpoint once one is signed', async () => {
    clock.advance(30 * 24 * 3600 * 1000);
    await app.get(CheckpointScheduler).signNow();
    const families = await scrape();
    expect(valueOf(families, 'work_queue_overdue_cases', { region: 'kostanay-oblast' })).toBe(1);
    const origin = { origin: config.notaryOrigin };
    const age = valueOf(families, 'notary_last_checkpoint_age_seconds', origin);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
    expect(valueOf(families, 'notary_last_checkpoint_tree_size', origin)).toBe(valueOf(families, 'notary_tree_size', origin));
  });

  it('leaves out the figures of a source it cannot read, says so in metrics_collector_up, and still answers 200 with the rest', async () => {
    const dataSource = app.get<DataSource>(READ_MODELS_DATA_SOURCE);
    await dataSource.query('ALTER TABLE tl_state RENAME TO tl_state_hidden');
    try {
      const families = await scrape();
      expect(valueOf(families, 'metrics_collector_up', { collector: 'notary' })).toBe(0);
      expect(families.get('notary_tree_size')?.samples).toEqual([]);
      expect(families.get('notary_last_checkpoint_age_seconds')?.samples).toEqual([]);
      expect(valueOf(families, 'metrics_collector_up', { collector: 'work-queue' })).toBe(1);
      expect(valueOf(families, 'work_queue_open_cases', { region: 'kostanay-oblast' })).toBe(1);
    } finally {
      await dataSource.query('ALTER TABLE tl_state_hidden RENAME TO tl_state');
    }
    expect(valueOf(await scrape(), 'metrics_collector_up', { collector: 'notary' })).toBe(1);
  });

  describe('with METRICS_ALLOW naming the scraper’s address', () => {
    let allowing: INestApplication;

    beforeAll(async () => {
      allowing = await createTestApp({
        databaseUrl: db.url,
        clock,
        env: { METRICS_ALLOW: '10.0.0.0/8,127.0.0.1,::1', PROJECTIONS_ENABLED: 'false' },
      });
    });

    afterAll(async () => {
      await allowing?.close();
    });

    it('answers the listed address without a token, and still only admins elsewhere', async () => {
      const answer = await request(allowing.getHttpServer()).get('/metrics').expect(200);
      expect(parsePrometheusText(answer.text).has('projection_state')).toBe(true);
      // The original app, no list: the same loopback client is refused.
      await http().get('/metrics').expect(401);
    });
  });
});
