import type { EntityManager } from 'typeorm';
import { caseStreamId } from '../../cases/domain/case.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Principal } from '../../auth/principal';
import { loadCatalogFiles } from '../../regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import { readCheckpoint } from '../runtime/checkpoints';
import { ProjectionRunner } from '../runtime/projection-runner';
import { rebuildProjection } from '../runtime/rebuilder';
import { CaseDriver, minutesAfter, staff } from '../runtime/testing/case-driver';
import { CaseHistoryProjection } from './case-history.projection';
import { CaseHistoryQueries } from './case-history.query';
import { CASE_HISTORY_READ_MODEL } from './case-history.read-model';
import { CreateCaseHistoryPlans1767600000000 } from './case-history-plans.migration';
import { renderHistoryText } from './history-text';
import { AT_SCHOOL_OFFICE, THROUGH_STATE_CORPORATION } from '../testing/kostanay-school-cases';
import { until } from '../../../test/support/until';
import { ProjectionTestDatabase } from '../testing/projection-database';

const KST = staff('kostanay-oblast');
const T0 = new Date('2019-03-04T04:00:00Z'); // Mon 4 March 2019, 10:00 in Kostanay
const as = (roles: Principal['roles'], organisation: string, region: Principal['region'] = 'kostanay-oblast'): Principal => ({
  userId: 'u-r',
  roles,
  organisation,
  region,
});

describe('case history read model (real domain, real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('ch', [CASE_HISTORY_READ_MODEL]);
  let runner: ProjectionRunner;
  let queries: CaseHistoryQueries;
  let last = 0n;

  beforeAll(async () => {
    await pg.open();
    queries = new CaseHistoryQueries(pg.dataSource, new RegulationCatalog(loadCatalogFiles()));
    const drive = new CaseDriver(pg.store);

    // office: the provider's own office; the draft comes late.
    const office = AT_SCHOOL_OFFICE;
    await drive.receive({ ...office, caseId: 'office', caller: KST.clerk, at: T0 });
    await drive.act('office', { type: 'ImposeVisa', executorId: 'u-exec' }, KST.head, minutesAfter(T0, 15));
    await drive.act('office', { type: 'PrepareDraft' }, KST.executor, new Date('2019-03-28T05:00:00Z'));
    await drive.act('office', { type: 'SignResult' }, KST.head, new Date('2019-03-28T05:30:00Z'));
    await drive.act('office', { type: 'IssueResult', to: 'applicant' }, KST.clerk, new Date('2019-03-28T06:00:00Z'));
    await drive.act(
      'office',
      { type: 'FileAppeal', appealId: 'ap-1', grounds: 'the duplicate came late' },
      KST.clerk,
      new Date('2019-04-01T04:00:00Z'),
    );
    last = await drive.act(
      'office',
      { type: 'DecideAppeal', appealId: 'ap-1', decision: 'upheld', reasoning: 'the draft was late' },
      KST.head,
      new Date('2019-04-02T04:00:00Z'),
    );

    // sc: through the State Corporation; the uncollected result goes to storage and is recalled.
    const sc = THROUGH_STATE_CORPORATION;
    await drive.receive({ ...sc, caseId: 'sc', caller: KST.operator, at: T0 });
    await drive.act('sc', { type: 'RegisterAtProvider' }, KST.operator, minutesAfter(T0, 2));
    await drive.act('sc', { type: 'ForwardToProvider' }, KST.operator, minutesAfter(T0, 30));
    await drive.act('sc', { type: 'ImposeVisa', executorId: 'u-exec' }, KST.head, minutesAfter(T0, 60));
    await drive.act('sc', { type: 'SendToStateCorporation' }, KST.clerk, new Date('2019-03-12T05:00:00Z'));
    await drive.act('sc', { type: 'HandToStorage' }, KST.operator, new Date('2019-04-15T05:00:00Z'));
    await drive.act(
      'sc',
      { type: 'RecallFromStorage', requestedAt: '2019-04-20T05:00:00.000Z' },
      KST.clerk,
      new Date('2019-04-22T05:00:00Z'),
    );
    last = await drive.act('sc', { type: 'IssueResult', to: 'applicant' }, KST.operator, new Date('2019-04-23T05:00:00Z'));

    runner = pg.runner(new CaseHistoryProjection(), { batchSize: 5 });
    runner.start();
    await until('the case history to catch up', () => pg.checkpointReached('case-history', last));
  });

  afterAll(async () => {
    await runner?.stop();
    await pg.close();
  });

  it('records every action with actor, step, citation, due vs actual and the log position', async () => {
    const view = await queries.history('office', as(['head'], 'school-7'));
    expect(view).toMatchObject({
      caseId: 'office',
      status: 'completed',
      regulation: {
        versionId: 'kostanay-oblast/secondary-education-duplicates/v2',
        act: expect.objectContaining({ number: expect.any(String) }),
      },
      applicant: { iin: '870515400707', name: 'Асель Нурлановна Сапарова' },
      personalDataMasked: false,
      revision: 6,
    });
    expect(view.entries.map((e) => e.type)).toEqual([
      'ApplicationReceived',
      'VisaImposed',
      'DraftPrepared',
      'ResultSigned',
      'ResultIssued',
      'AppealFiled',
      'AppealDecided',
    ]);
    expect(view.entries.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const positions = view.entries.map((e) => BigInt(e.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));

    const visa = view.entries[1];
    expect(visa).toMatchObject({
      actor: { id: 'u-head', role: 'head', organisation: 'school-7' },
      step: { action: 'visa-imposed', withinStep: null },
      citation: { paragraph: expect.any(String), quote: expect.stringMatching(/\S/) },
      occurredAt: '2019-03-04T04:15:00.000Z',
      late: false,
      lateByMinutes: null,
      details: { executorId: 'u-exec', next: expect.objectContaining({ action: 'draft-prepared', role: 'executor' }) },
    });
    expect(Date.parse(visa.dueAt!)).toBeGreaterThan(Date.parse(visa.occurredAt));
    const draft = view.entries[2];
    expect(draft).toMatchObject({ step: { action: 'draft-prepared' }, late: true });
    expect(draft.lateByMinutes).toBeGreaterThan(0);
    expect(view.entries[6]).toMatchObject({ type: 'AppealDecided', late: false, details: { decision: 'upheld' } });
  });

  it('storage and recall cite the special rules; actions inside a step regulated whole carry no own deadline', async () => {
    const view = await queries.history('sc', as(['state-corporation-operator'], 'sc-kst'));
    const byType = Object.fromEntries(view.entries.map((e) => [e.type, e]));
    expect(byType.VisaImposed).toMatchObject({ step: { withinStep: expect.any(String) }, dueAt: null, late: null });
    expect(byType.ResultHandedToStorage).toMatchObject({
      step: null,
      citation: expect.objectContaining({ quote: expect.any(String) }),
      late: null,
    });
    expect(byType.ResultRecalledFromStorage).toMatchObject({
      citation: expect.objectContaining({ paragraph: expect.any(String) }),
      dueAt: expect.any(String),
    });
    expect(view.stateCorporationOrganisation).toBe('sc-kst');
  });

  it('masks the applicant for oversight; refuses staff of other organisations and other regions', async () => {
    const masked = await queries.history('office', as(['oversight'], 'kst-education'));
    expect(masked.applicant).toEqual({ iin: '870515******', name: 'А. Н. С.' });
    expect(masked.personalDataMasked).toBe(true);
    expect((await queries.history('office', as(['appeal-reviewer'], 'kst-appeals'))).applicant.iin).toBe('870515400707');
    // Hidden cases answer exactly like missing ones.
    await expect(queries.history('office', as(['head'], 'school-8'))).rejects.toMatchObject({ status: 404, code: 'case-not-found' });
    await expect(queries.history('office', as(['oversight'], 'ast-education', 'astana'))).rejects.toMatchObject({ status: 404 });
    await expect(queries.history('office', as(['state-corporation-operator'], 'sc-kst'))).rejects.toMatchObject({ status: 404 });
    await expect(queries.history('nope', as(['oversight'], 'kst-education'))).rejects.toMatchObject({
      status: 404,
      code: 'case-not-found',
    });
  });

  it('renders Russian and Kazakh sentences in local time', async () => {
    const view = await queries.history('office', as(['head'], 'school-7'));
    const ru = renderHistoryText(view, 'ru').split('\n');
    expect(ru[1]).toMatch(/^04\.03\.2019 10:00 — сотрудник канцелярии \(u-clerk, school-7\) принял заявление и документы\. Основание: /);
    expect(ru[0]).toMatch(
      /^Дело office: .*услугополучатель Асель Нурлановна Сапарова \(ИИН 870515400707\); принято 04\.03\.2019 10:00; статус: завершено\.$/,
    );
    expect(ru[2]).toMatch(
      /^04\.03\.2019 10:15 — руководитель \(u-head, school-7\) наложил визу, исполнитель u-exec; срок: 04\.03\.2019 \d\d:\d\d; выполнено в срок\. Основание: п\. \S+( пп\. \S+)? регламента, утверждённого постановлением акимата Костанайской области от 21\.06\.2016 № 285, «.+»\.$/,
    );
    expect(ru[3]).toMatch(
      /^28\.03\.2019 11:00 — исполнитель \(u-exec, school-7\) подготовил проект результата; срок: .+; выполнено с нарушением срока \(опоздание .+\)\./,
    );
    expect(ru[7]).toMatch(/рассмотрел жалобу ap-1: удовлетворена.*ст\. 25 Закона/);
    const kk = renderHistoryText(view, 'kk').split('\n');
    expect(kk[2]).toMatch(
      /^04\.03\.2019 10:15 — басшы \(u-head, school-7\) бұрыштама қойды, орындаушы u-exec; мерзімі: 04\.03\.2019 \d\d:\d\d; мерзімінде орындалды\. Негіздеме: Қостанай облысы әкімдігінің 21\.06\.2016 № 285 қаулысымен бекітілген регламенттің \S+-тармағының \S+\) тармақшасы: «.+» \(регламент мәтіні орыс тілінде\)\.$/,
    );
    const maskedText = renderHistoryText(await queries.history('office', as(['oversight'], 'kst-education')), 'ru');
    expect(maskedText).not.toContain('870515400707');
    expect(maskedText).not.toContain('Сапарова');
  });

  it('a rebuild meeting an event it cannot store fails naming it, and every history request answers as before (it used to empty the table first)', async () => {
    const events = await pg.store.readStream(caseStreamId('sc'));
    const culprit = events[4];
    /** Fails on one event the way a NUL in its text did (issue #15): PostgreSQL refuses the JSON. */
    class ChokesOnOneEvent extends CaseHistoryProjection {
      override async apply(batch: RecordedEvent[], tx: EntityManager): Promise<void> {
        if (batch.some((e) => e.id === culprit.id)) await tx.query(`SELECT '"\\u0000"'::jsonb`);
        await super.apply(batch, tx);
      }
    }
    const reader = as(['oversight'], 'kst-education');
    const before = {
      sc: await queries.history('sc', reader),
      office: await queries.history('office', reader),
      checkpoint: await readCheckpoint(pg.dataSource, 'case-history'),
    };
    await expect(
      rebuildProjection({
        projection: new ChokesOnOneEvent(),
        ...pg.rebuildDeps(),
        batchSize: 4,
        lockWaitMs: 5_000,
      }),
    ).rejects.toThrow(
      `case-history cannot apply event ${culprit.id} at position ${culprit.position} (stream case-sc, type ${culprit.type}): unsupported Unicode escape sequence`,
    );
    expect({
      sc: await queries.history('sc', reader),
      office: await queries.history('office', reader),
      checkpoint: await readCheckpoint(pg.dataSource, 'case-history'),
    }).toEqual(before);
  });

  it('stores each distinct plan once: headers name it, entries leave the step durations and citations to it, the view puts them back', async () => {
    const plans: Array<{ plan_key: string }> = await pg.dataSource.query('SELECT plan_key FROM rm_case_history_plans');
    const headers: Array<{ header: Record<string, unknown> }> = await pg.dataSource.query('SELECT header FROM rm_case_history_cases');
    // The two cases are under two regulation plans (office and State Corporation channel).
    expect(plans).toHaveLength(2);
    for (const { header } of headers) {
      expect(plans.map((p) => p.plan_key)).toContain(header.planKey);
      expect(header).not.toHaveProperty('stepDurations');
      expect(header).not.toHaveProperty('specialRules');
    }
    const [stored]: Array<{ n: number }> = await pg.dataSource.query(
      `SELECT count(*)::int AS n FROM rm_case_history_entries WHERE entry ? 'regulatedDuration'`,
    );
    expect(stored.n).toBe(0);
    const citations: Array<{ with_step: number; with_citation: number }> = await pg.dataSource.query(
      `SELECT count(*) FILTER (WHERE entry->'step' <> 'null')::int AS with_step,
              count(*) FILTER (WHERE entry->'step' <> 'null' AND entry ? 'citation')::int AS with_citation
         FROM rm_case_history_entries`,
    );
    expect(citations[0].with_step).toBeGreaterThan(5);
    expect(citations[0].with_citation).toBe(0);
    const view = await queries.history('office', as(['head'], 'school-7'));
    for (const entry of view.entries.filter((e) => e.step !== null))
      expect(entry.citation).toMatchObject({ quote: expect.stringMatching(/\S/) });
    expect(view).not.toHaveProperty('planKey');
    expect(view.entries[0]).toMatchObject({ type: 'ApplicationReceived', regulatedDuration: { citation: expect.any(Object) } });
    expect(view.entries[1]).toMatchObject({ type: 'VisaImposed', regulatedDuration: { kind: expect.any(String) } });
    expect(view.entries[5]).not.toHaveProperty('regulatedDuration'); // the appeal: no step
  });

  it('a rebuild from zero gives the same chronicle as the live projection', async () => {
    const dump = async () => [
      await pg.dataSource.query('SELECT * FROM rm_case_history_cases ORDER BY case_id'),
      await pg.dataSource.query<unknown[]>(
        'SELECT case_id, revision, position::text, entry FROM rm_case_history_entries ORDER BY case_id, revision',
      ),
      await pg.dataSource.query('SELECT * FROM rm_case_history_plans ORDER BY plan_key'),
    ];
    const live = await dump();
    await runner.stop();
    await rebuildProjection({
      projection: new CaseHistoryProjection(),
      ...pg.rebuildDeps(),
      batchSize: 4,
    });
    expect(await dump()).toEqual(live);
  });

  it('the migration moves the plans of headers written before it out of them, and every history answers as before', async () => {
    const reader = as(['appeal-reviewer'], 'appeals', 'kostanay-oblast');
    const before = { office: await queries.history('office', reader), sc: await queries.history('sc', reader) };
    await runner.stop();
    // Back to the earlier shape: plans inline in every header (the oldest without step durations), each entry with its citation
    // and duration.
    await pg.dataSource.query(`
      UPDATE rm_case_history_entries e SET entry = e.entry || jsonb_build_object('citation', p.plan->'stepCitations'->(e.entry->'step'->>'stepId'))
        FROM rm_case_history_cases c JOIN rm_case_history_plans p ON p.plan_key = c.header->>'planKey'
       WHERE c.case_id = e.case_id AND NOT e.entry ? 'citation'`);
    await pg.dataSource.query(`
      UPDATE rm_case_history_entries e SET entry = e.entry || jsonb_build_object('regulatedDuration', p.plan->'stepDurations'->(e.entry->'step'->>'stepId'))
        FROM rm_case_history_cases c JOIN rm_case_history_plans p ON p.plan_key = c.header->>'planKey'
       WHERE c.case_id = e.case_id AND e.case_id = 'office' AND p.plan->'stepDurations' ? (e.entry->'step'->>'stepId')`);
    await pg.dataSource.query(`
      UPDATE rm_case_history_cases c SET header = (c.header - 'planKey') || jsonb_build_object('specialRules', p.plan->'specialRules')
             || CASE WHEN c.case_id = 'office' THEN '{}'::jsonb ELSE jsonb_build_object('stepDurations', p.plan->'stepDurations') END
        FROM rm_case_history_plans p WHERE p.plan_key = c.header->>'planKey'`);
    await pg.dataSource.query('DROP TABLE rm_case_history_plans');
    const q = pg.dataSource.createQueryRunner();
    try {
      await new CreateCaseHistoryPlans1767600000000().up(q);
    } finally {
      await q.release();
    }
    expect({ office: await queries.history('office', reader), sc: await queries.history('sc', reader) }).toEqual(before);
    const [n]: Array<{ n: number }> = await pg.dataSource.query('SELECT count(*)::int AS n FROM rm_case_history_plans');
    expect(n.n).toBe(2);
    // A converted case goes on from its header's plan.
    const appealed = await new CaseDriver(pg.store).act(
      'sc',
      { type: 'FileAppeal', appealId: 'ap-2', grounds: 'the result waited in storage' },
      KST.clerk,
      new Date('2019-04-24T05:00:00Z'),
    );
    runner = pg.runner(new CaseHistoryProjection(), { batchSize: 5 });
    runner.start();
    await until('the case history to catch up', () => pg.checkpointReached('case-history', appealed));
    const after = await queries.history('sc', reader);
    expect(after.entries.slice(0, -1)).toEqual(before.sc.entries);
    expect(after.entries.at(-1)).toMatchObject({ type: 'AppealFiled' });
    expect(after).toMatchObject({ revision: before.sc.revision + 1 });
  });
});
