import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCalendarDataset, SHIPPED_CALENDAR_DATA_DIR } from '../calendar/calendar-data.loader';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { fixedClock } from '../common/clock';
import { ProblemError } from '../common/problem';
import { EventStore } from '../event-store/event-store.port';
import { createPostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { loadCatalogFiles } from '../regulations/catalog/load-catalog';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { createTestDatabase, TestDatabase } from '../../test/support/test-db';
import { Principal } from '../auth/principal';
import { CaseCommandService, CommandOptions } from './case-command.service';
import { loadCase } from './case-stream';
import { forgetKnownPlans, PLAN_EVENT_TYPE, planDigestOf, planStreamId } from './plan-codec';
import { CaseCommand } from './domain/case.commands';

const clerk: Principal = { userId: 'u-clerk', roles: ['clerk'], organisation: 'school-1', region: 'kostanay-oblast' };
const head: Principal = { ...clerk, userId: 'u-head', roles: ['head'] };
const CASE = '7d2f6a64-3c1b-4a8e-9f5e-2b7c1d0e9a33';
/** A receipt at the school's office, the applicant named `name`. */
const receipt = (caseId: string, name = 'Test'): CaseCommand => ({
  type: 'ReceiveApplication',
  caseId,
  channel: 'provider-office',
  service: 'secondary-education-duplicates',
  providerOrganisation: 'school-1',
  applicant: { iin: '900101300017', name },
  documents: ['application'],
  consentToProtectedData: true,
});

describe('the case command service against PostgreSQL', () => {
  let db: TestDatabase;
  let store: EventStore;
  let commands: CaseCommandService;
  let interfere: (() => Promise<void>) | undefined;
  const options = (extra: Partial<CommandOptions> = {}): CommandOptions => ({
    onConflict: 'retry-once',
    requestHash: 'h',
    correlationId: 'c',
    ...extra,
  });

  beforeAll(async () => {
    db = await createTestDatabase('handler');
    const real = await createPostgresEventStore({ connectionString: db.url });
    // A store that lets a test slip another writer in just before the handler appends.
    store = Object.assign(Object.create(real) as EventStore, {
      append: async (...args: Parameters<EventStore['append']>) => {
        const before = interfere;
        interfere = undefined;
        if (before) await before();
        return real.append(...args);
      },
    });
    commands = new CaseCommandService({
      store,
      catalog: new RegulationCatalog(loadCatalogFiles()),
      calendar: new WorkingCalendar(loadCalendarDataset({})),
      clock: fixedClock('2019-03-04T04:00:00Z'),
    });
    await commands.execute(CASE, receipt(CASE), clerk, options());
  });

  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('re-decides on fresh state once when another writer got in first (no If-Match)', async () => {
    // Another request files an appeal between our read and our append.
    interfere = () =>
      commands.execute(CASE, { type: 'FileAppeal', appealId: 'a-1', grounds: 'slow' }, clerk, options()).then(() => undefined);
    const outcome = await commands.execute(CASE, { type: 'ImposeVisa', executorId: 'u-exec' }, head, options());
    expect(outcome.revision).toBe(2);
    const loaded = await loadCase(store, CASE);
    expect(loaded.events.map((e) => e.type)).toEqual(['ApplicationReceived', 'AppealFiled', 'VisaImposed']);
  });

  it('answers 412 instead of retrying when the client sent If-Match', async () => {
    interfere = () =>
      commands.execute(CASE, { type: 'FileAppeal', appealId: 'a-2', grounds: 'again' }, clerk, options()).then(() => undefined);
    const error = await commands
      .execute(CASE, { type: 'PrepareDraft' }, { ...clerk, userId: 'u-exec', roles: ['executor'] }, options({ ifMatch: 2 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(412);
    expect((await loadCase(store, CASE)).events.map((e) => e.type)).toEqual([
      'ApplicationReceived',
      'AppealFiled',
      'VisaImposed',
      'AppealFiled',
    ]);
  });

  it('answers 400 text-not-storable, writing nothing, when a command reaches the store with text it cannot hold (#15)', async () => {
    // The HTTP edge refuses such text first; this is the store's own refusal, for any other caller.
    const before = (await loadCase(store, CASE)).revision;
    const error = await commands
      .execute(CASE, { type: 'FileAppeal', appealId: 'a-3', grounds: 'Ив\u0000ан' }, clerk, options())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ status: 400, code: 'text-not-storable' });
    expect((await loadCase(store, CASE)).revision).toBe(before);
  });

  it('a receipt whose deadlines run past the calendar data is refused with calendar-year-not-covered (422), not a 500', async () => {
    // A calendar holding 2016 alone, and a receipt on its last working day: the visa's deadline falls in 2017.
    const dataDir = mkdtempSync(join(tmpdir(), 'calendar-2016-'));
    copyFileSync(join(SHIPPED_CALENDAR_DATA_DIR, '2016.json'), join(dataDir, '2016.json'));
    const lastDayCovered = new CaseCommandService({
      store,
      catalog: new RegulationCatalog(loadCatalogFiles()),
      calendar: new WorkingCalendar(loadCalendarDataset({ dataDir })),
      clock: fixedClock('2016-12-30T10:00:00Z'),
    });
    const caseId = '5b0c3f1e-8a7d-4c2b-9e6f-1a2b3c4d5e6f';
    const refusal = await lastDayCovered.execute(caseId, receipt(caseId), clerk, options()).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ProblemError);
    expect(refusal).toMatchObject({ status: 422, code: 'calendar-year-not-covered' });
    expect((await loadCase(store, caseId)).revision).toBe(-1);
  });

  it("answers 409 at the first conflict, deciding nothing again, where the caller's option is onConflict: 'refuse'", async () => {
    const caseId = '3e9a7c21-6b4d-4f0e-8a1c-2d5b7e9f0a14';
    // Another clerk receives the same case between our read and our append.
    interfere = () => commands.execute(caseId, receipt(caseId, 'other'), clerk, options({ idempotencyKey: 'other' })).then(() => undefined);
    const error = await commands
      .execute(caseId, receipt(caseId, 'ours'), clerk, options({ idempotencyKey: 'ours', onConflict: 'refuse' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ status: 409, code: 'concurrent-modification' });
    expect((await loadCase(store, caseId)).events.map((e) => e.data)).toMatchObject([{ applicant: { name: 'other' } }]);
  });

  it('a receipt names its plan by digest; the plan is stored once, in plan-<digest>, and read back by a process that never saw it', async () => {
    const other = '0b9e3c52-6d4a-4f1e-8a7b-3c2d1e0f9a88';
    await commands.execute(other, receipt(other, 'Second'), clerk, options());
    const [first, second] = await Promise.all([CASE, other].map((id) => store.readStream(`case-${id}`)));
    const digests = [first[0], second[0]].map((e) => planDigestOf(e));
    expect(digests[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(digests[1]).toBe(digests[0]);
    expect(second[0]).toMatchObject({ schemaVersion: 2 });
    expect(second[0].data).not.toHaveProperty('plan');
    const plans = await store.readStream(planStreamId(digests[0] ?? ''));
    expect(plans.map((e) => e.type)).toEqual([PLAN_EVENT_TYPE]);

    const seen = (await loadCase(store, other)).state;
    forgetKnownPlans();
    const fresh = await createPostgresEventStore({ connectionString: db.url });
    try {
      const reread = await loadCase(fresh, other);
      expect(reread.state).toEqual(seen);
      expect(reread.state.plan?.regulationVersionId).toMatch(/kostanay/);
    } finally {
      await fresh.close();
    }
  });
});
