import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Principal } from '../auth/principal';
import { issueToken } from '../auth/tokens';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { loadCase, uuidFromName } from '../cases/case-stream';
import { CaseCommandService } from '../cases/case-command.service';
import { workingTimeFrom } from '../cases/working-time.adapter';
import { fixedClock } from '../common/clock';
import { loadConfig } from '../config/config';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { ProjectionWaiter } from '../projections/runtime/projection-waiter';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { REGIONS } from '../regulations/regulation.model';
import { createTestApp } from '../../test/support/test-app';
import { createTestDatabase, TestDatabase } from '../../test/support/test-db';
import { DEMO_NOW } from './demo-now';
import { DemoSeeder, SeedReport, summaryLine } from './demo-seeder';
import { demoScenarios } from './demo-scenarios';
import { demoUser } from './demo-users';

/** Two per service: every regulation, three cases overdue at the demo's now. */
const COUNT = 28;

describe('the demo seeder against PostgreSQL, through the command handler', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let first: SeedReport;
  let second: SeedReport;
  const lines: string[] = [];
  const secret = loadConfig({}).jwtSecret;
  // A case of someone else's, and one that took a demo case's id before the demo ran: neither is touched.
  const otherCase = uuidFromName('not-a-demo-case');
  const takenDemoId = uuidFromName('demo-case:demo-almaty-oblast-1');

  const scenarios = () =>
    demoScenarios({ count: COUNT, now: DEMO_NOW, catalog: app.get(RegulationCatalog), time: workingTimeFrom(app.get(WorkingCalendar)) });
  const eventIds = async (ids: string[]) =>
    Promise.all(ids.map(async (id) => (await loadCase(store, id)).events.map((e) => e.id).join(',')));
  const bearer = (region: (typeof REGIONS)[number], key: 'oversight' | 'appeal-reviewer') => {
    const user = demoUser(region, key);
    if (!user) throw new Error(`no demo ${key} in ${region}`);
    return `Bearer ${issueToken({ userId: user.userId, roles: user.roles, organisation: user.organisation, region: user.region }, secret)}`;
  };

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    app = await createTestApp({ databaseUrl: db.url, clock: fixedClock(DEMO_NOW) });
    store = app.get<EventStore>(EVENT_STORE);
    const commands = new CaseCommandService({
      store,
      catalog: app.get(RegulationCatalog),
      calendar: app.get(WorkingCalendar),
      clock: fixedClock('2019-08-20T04:00:00Z'),
    });
    const clerk: Principal = { userId: 'u-clerk', roles: ['clerk'], organisation: 'school-1', region: 'kostanay-oblast' };
    for (const caseId of [otherCase, takenDemoId]) {
      await commands.execute(
        caseId,
        {
          type: 'ReceiveApplication',
          caseId,
          channel: 'provider-office',
          service: 'secondary-education-duplicates',
          providerOrganisation: 'school-1',
          applicant: { iin: '900101300017', name: 'Не демо' },
          documents: ['заявление'],
          consentToProtectedData: true,
        },
        clerk,
        { onConflict: 'retry-once', requestHash: 'h', correlationId: 'c' },
      );
    }
    const seeder = new DemoSeeder({
      store,
      catalog: app.get(RegulationCatalog),
      calendar: app.get(WorkingCalendar),
      log: (line) => lines.push(line),
    });
    first = await seeder.seed({ count: COUNT, now: DEMO_NOW });
    second = await seeder.seed({ count: COUNT, now: DEMO_NOW });
    if (first.lastPosition === undefined) throw new Error('the first run wrote nothing');
    expect(await app.get(ProjectionWaiter).waitFor(first.lastPosition, ['work-queue', 'oversight', 'notary'], 60_000)).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('writes the cases once: a second run adds no stream and no event, and leaves non-demo streams alone', async () => {
    expect(first).toMatchObject({ cases: COUNT, written: COUNT - 1, alreadyThere: 0, foreign: 1 });
    expect(first.commandsSent).toBeGreaterThan(COUNT * 2);
    expect(second).toMatchObject({ cases: COUNT, written: 0, alreadyThere: COUNT - 1, foreign: 1, commandsSent: 0 });
    expect(second.lastPosition).toBeUndefined();
    expect(lines.some((line) => /^demo: \d+\/28 cases…$/.test(line))).toBe(true);
    expect(summaryLine(first, 'http://localhost:3000/console')).toMatch(
      /^demo: 28 cases \(27 written now, 0 already there, 1 non-demo streams left alone\): \d+ open \(\d+ overdue\), .* appealed\. Open http:\/\/localhost:3000\/console and choose a demo user$/,
    );
    expect(summaryLine(second, 'http://localhost:3000/console')).toMatch(/^demo: 28 cases \(all already there, nothing added, 1 non-demo/);
    for (const id of [otherCase, takenDemoId]) {
      const loaded = await loadCase(store, id);
      expect(loaded.events.map((e) => e.type)).toEqual(['ApplicationReceived']);
      expect(loaded.state.providerOrganisation).toBe('school-1');
    }
  });

  it('records the same streams and events however often it runs', async () => {
    const ids = scenarios().map((c) => c.caseId);
    const before = await eventIds(ids);
    expect(before.filter((events) => events !== '').length).toBe(COUNT);
    const seeder = new DemoSeeder({ store, catalog: app.get(RegulationCatalog), calendar: app.get(WorkingCalendar), log: () => undefined });
    expect(await seeder.seed({ count: COUNT, now: DEMO_NOW })).toMatchObject({ written: 0, commandsSent: 0 });
    expect(await eventIds(ids)).toEqual(before);
  });

  it('fills the work queue, some cases overdue now, and the oversight statistics of every region', async () => {
    let overdue = 0;
    for (const region of REGIONS) {
      const queue = await request(app.getHttpServer())
        .get('/work-queue?pageSize=100')
        .set('Authorization', bearer(region, 'oversight'))
        .expect(200);
      // The two non-demo cases (Kostanay, received the day before) are overdue too: count the demo providers' only.
      const items: Array<{ providerOrganisation: string; status: string }> = queue.body.items;
      expect(items.length).toBe(queue.body.total);
      overdue += items.filter((item) => item.providerOrganisation.startsWith('demo-') && item.status === 'overdue').length;
      const summary = await request(app.getHttpServer())
        .get('/oversight/summary')
        .set('Authorization', bearer(region, 'oversight'))
        .expect(200);
      const rows: Array<{ received: number; refusedAtAcceptance: number }> = summary.body.items;
      const received = rows.reduce((n, row) => n + row.received + row.refusedAtAcceptance, 0);
      expect(received).toBeGreaterThan(0);
    }
    expect(overdue).toBe(first.overdue);
    expect(overdue).toBeGreaterThan(0);
  });

  it('passes the audit verification: every seeded case is intact, chain, head and log', async () => {
    const cases = scenarios();
    const verdicts = new Set<string>();
    for (const demoCase of cases.filter((c) => c.caseId !== takenDemoId)) {
      const res = await request(app.getHttpServer())
        .get(`/cases/${demoCase.caseId}/verify`)
        .set('Authorization', bearer(demoCase.region, 'appeal-reviewer'))
        .expect(200);
      expect(res.body.findings).toEqual([]);
      expect(res.body.total).toBe(demoCase.commands.length);
      verdicts.add(res.body.verdict);
    }
    expect([...verdicts]).toEqual(['intact']);
  });
});
