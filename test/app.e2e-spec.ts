import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

describe('the running service (HTTP)', () => {
  let app: INestApplication;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('e2e');
    app = await createTestApp({ databaseUrl: db.url });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('is live and ready', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.checks.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['event-store']));
  });

  it('serves OpenAPI at /docs', async () => {
    await request(app.getHttpServer()).get('/docs').expect(200);
    const json = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/regulations', '/regulations/in-force']));
  });

  it('lists the catalog and finds the version in force', async () => {
    const list = await request(app.getHttpServer()).get('/regulations?region=kostanay-oblast').expect(200);
    expect(list.body.total).toBeGreaterThan(0);
    const version = list.body.items[0];
    const got = await request(app.getHttpServer())
      .get(`/regulations/${version.id.replace(/\/v(\d+)$/, '/v$1')}`)
      .expect(200);
    expect(got.body.id).toBe(version.id);
    const inForce = await request(app.getHttpServer())
      .get('/regulations/in-force')
      .query({ region: 'west-kazakhstan-oblast', service: 'tvet-dormitory', channel: 'provider-office', date: '2017-03-01' })
      .expect(200);
    expect(inForce.body.id).toBe('west-kazakhstan-oblast/tvet-dormitory/v1');
  });

  it('serves a year of the calendar and computes a deadline in working time', async () => {
    const year = await request(app.getHttpServer()).get('/calendar/2016').query({ region: 'kostanay-oblast' }).expect(200);
    // Defender of the Fatherland Day fell on Sat 7 May 2016; its day off moved to Tue 10 May.
    expect(year.body.days.find((d: { date: string }) => d.date === '2016-05-10')).toMatchObject({
      date: '2016-05-10',
      weekday: 'Tue',
      status: 'moved-holiday-day-off',
      working: false,
      reasons: [{ kind: 'moved-holiday-day-off', holidayId: 'defender-day', holidayDate: '2016-05-07' }],
    });
    expect(year.body).toMatchObject({ year: 2016, region: 'kostanay-oblast', workingDays: 245, daysOff: 121 });
    const deadline = await request(app.getHttpServer())
      .get('/calendar/deadline')
      .query({
        region: 'west-kazakhstan-oblast',
        start: '2016-05-06T05:00:00Z',
        value: 1,
        unit: 'working-days',
        acceptanceDayNotCounted: true,
      })
      .expect(200);
    // Fri 6 May 2016, acceptance day not counted, 1 working day: Sat 7 (moved to Tue 10), Sun 8, Mon 9 (Victory Day), Tue 10 (moved day off) → Wed 11 May.
    expect(deadline.body.due).toEqual({ utc: '2016-05-11T13:30:00.000Z', local: '2016-05-11T18:30:00.000+05:00' });
    expect(deadline.body.rule).toMatchObject({ acceptanceDay: '2016-05-06', firstCountedDay: '2016-05-11', lastCountedDay: '2016-05-11' });
    const bad = await request(app.getHttpServer())
      .get('/calendar/deadline')
      .query({ region: 'astana', start: 'yesterday', value: -1, unit: 'weeks' })
      .expect(400);
    expect(bad.body.code).toBe('validation-failed');
  });

  it('answers bad input with problem+json and a stable code', async () => {
    const bad = await request(app.getHttpServer()).get('/regulations/in-force').query({ region: 'mars', date: '2017-3-1' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['region', 'date', 'service', 'channel']),
    );
    const unknown = await request(app.getHttpServer()).get('/regulations').query({ colour: 'red' }).expect(400);
    expect(unknown.body.code).toBe('validation-failed');
    const closed = await request(app.getHttpServer())
      .get('/regulations/in-force')
      .query({ region: 'west-kazakhstan-oblast', service: 'tvet-dormitory', channel: 'portal', date: '2017-03-01' })
      .expect(422);
    expect(closed.body.code).toBe('channel-not-available');
    const missing = await request(app.getHttpServer()).get('/nowhere').expect(404);
    expect(missing.body.code).toBe('not-found');
    expect(JSON.stringify(missing.body)).not.toMatch(/at .*\.js/);
  });
});
