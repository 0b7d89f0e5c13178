import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { ProblemFilter } from '../common/problem.filter';
import { createValidationPipe } from '../common/validation';
import { CalendarModule } from './calendar.module';
import { WorkingCalendar } from './working-calendar.service';

describe('CalendarController (HTTP)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CalendarModule.forRoot()] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ProblemFilter());
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('exports the WorkingCalendar bound to the shipped data', () => {
    expect(app.get(WorkingCalendar).coveredYears()).toEqual(Array.from({ length: 14 }, (_, i) => 2014 + i));
  });

  it('GET /calendar/2016 lists moved days and worked weekend days with reasons, zone and office hours', async () => {
    const res = await request(app.getHttpServer()).get('/calendar/2016').query({ region: 'kostanay-oblast' }).expect(200);
    expect(res.body).toMatchObject({
      year: 2016,
      zone: 'Asia/Qostanay',
      officeHours: { open: '09:00', close: '18:30' },
      layers: ['shipped:2016.json'],
    });
    const byDate = Object.fromEntries((res.body.days as { date: string }[]).map((d) => [d.date, d]));
    expect(byDate['2016-05-10']).toMatchObject({ working: false, status: 'moved-holiday-day-off' });
    expect(byDate['2016-03-05']).toMatchObject({ working: true, status: 'transferred-working-day' });
    expect(res.body.transfers[0].act).toMatchObject({ number: '67' });
  });

  it('GET /calendar/2030 is a 404 problem with a stable code', async () => {
    const res = await request(app.getHttpServer()).get('/calendar/2030').query({ region: 'astana' }).expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'calendar-year-not-covered', year: 2030, coveredYears: expect.arrayContaining([2014, 2027]) });
  });

  it('GET /calendar/deadline: 3 office hours from Thu 29 Feb 2024 17:00 Kostanay', async () => {
    const res = await request(app.getHttpServer())
      .get('/calendar/deadline')
      .query({ region: 'kostanay-oblast', start: '2024-02-29T11:00:00Z', value: 3, unit: 'hours' })
      .expect(200);
    expect(res.body.due).toEqual({ utc: '2024-03-01T05:30:00.000Z', local: '2024-03-01T10:30:00.000+05:00' });
    expect(res.body.start.local).toBe('2024-02-29T17:00:00.000+06:00');
    expect(res.body.explanation).toContain('due Fri 2024-03-01 10:30 +05:00');
  });

  it('GET /calendar/deadline honours acceptanceDayNotCounted and the State Corporation hours', async () => {
    const res = await request(app.getHttpServer())
      .get('/calendar/deadline')
      .query({
        region: 'astana',
        start: '2016-05-04T11:00:00+06:00',
        value: 5,
        unit: 'working-days',
        acceptanceDayNotCounted: 'true',
        officeHours: 'state-corporation',
      })
      .expect(200);
    expect(res.body.due.local).toBe('2016-05-13T18:00:00.000+06:00');
    expect(res.body.rule).toMatchObject({ acceptanceDayCounted: false, firstCountedDay: '2016-05-05' });
  });

  it('rejects a bad region, a zoneless instant and a non-positive value with validation-failed', async () => {
    const res = await request(app.getHttpServer())
      .get('/calendar/deadline')
      .query({ region: 'mars', start: '2024-02-29T11:00:00', value: 0, unit: 'days' })
      .expect(400);
    expect(res.body.code).toBe('validation-failed');
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['region', 'start', 'unit', 'value']);
  });

  it.each(['0x7E0', '1e3', '02016', '00002016', '2016.0', '+2016', ' 2016', '2016abc'])(
    'GET /calendar/%s: a year not in decimal digits is validation-failed',
    async (year) => {
      const res = await request(app.getHttpServer())
        .get(`/calendar/${encodeURIComponent(year)}`)
        .query({ region: 'astana' })
        .expect(400);
      expect(res.body).toMatchObject({
        code: 'validation-failed',
        errors: [{ field: 'year', messages: expect.arrayContaining([expect.stringContaining('decimal digits')]) }],
      });
    },
  );

  it.each(['0x5', '5e0', '05', '5.0', '-5', ''])(
    'GET /calendar/deadline?value=%s: a value not in decimal digits is validation-failed',
    async (value) => {
      const res = await request(app.getHttpServer())
        .get('/calendar/deadline')
        .query({ region: 'astana', start: '2016-05-04T11:00:00+06:00', value, unit: 'working-days' })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'value' }] });
    },
  );

  it('calendar days are bounded to the covered years like working days: 100,000 days is a 422, not a date in 2290', async () => {
    const res = await request(app.getHttpServer())
      .get('/calendar/deadline')
      .query({ region: 'astana', start: '2016-05-04T11:00:00+06:00', value: 100000, unit: 'calendar-days' })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'calendar-year-not-covered', year: 2290 });
    await request(app.getHttpServer())
      .get('/calendar/deadline')
      .query({ region: 'astana', start: '2027-12-01T11:00:00+05:00', value: 31, unit: 'calendar-days' })
      .expect(200);
  });

  it('is described in the OpenAPI document, deadline before :year', () => {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const deadline = doc.paths['/calendar/deadline']?.get;
    expect(deadline?.tags).toEqual(['calendar']);
    const params = (deadline?.parameters ?? []) as { name: string; examples?: object }[];
    expect(params.map((p) => p.name).sort()).toEqual(['acceptanceDayNotCounted', 'officeHours', 'region', 'start', 'unit', 'value']);
    expect(params.find((p) => p.name === 'start')?.examples).toBeDefined();
    expect(doc.paths['/calendar/{year}']?.get?.responses).toHaveProperty('404');
  });

  it('a count that runs past the data is a 422 calendar-year-not-covered', async () => {
    const res = await request(app.getHttpServer())
      .get('/calendar/deadline')
      .query({ region: 'astana', start: '2027-12-30T10:00:00+05:00', value: 5, unit: 'working-days' })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'calendar-year-not-covered', year: 2028 });
  });
});
