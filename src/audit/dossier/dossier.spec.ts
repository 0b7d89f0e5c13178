import { Principal } from '../../auth/principal';
import { judgeStream } from '../integrity/stream-verdict';
import {
  APPEAL_ID,
  APPLICANT,
  clerk,
  driveCase,
  executor,
  head,
  kostanayOfficeScript,
  realWorld,
  recordInMemory,
  SCHOOL,
  ScriptStep,
  staff,
} from '../testing/case-history';
import { buildDossier, CaseDossier, legalOf } from './dossier';
import { escapeHtml, renderDossierHtml } from './dossier.html';
import { durationRu, minutesRu, plural } from './labels.ru';

const CASE = '9a3b1c2d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
const events = recordInMemory(CASE, driveCase(CASE, kostanayOfficeScript(CASE)));
const reviewer: Principal = { userId: 'u-rev', roles: ['appeal-reviewer'], organisation: 'appeals', region: 'kostanay-oblast' };
const oversight: Principal = { userId: 'u-ov', roles: ['oversight'], organisation: 'ed-dept', region: 'kostanay-oblast' };
const { calendar, catalog } = realWorld();
const dossierFor = (principal: Principal, list = events): CaseDossier =>
  buildDossier(list, {
    caseId: CASE,
    principal,
    role: principal.roles[0],
    now: new Date('2019-04-01T04:00:00Z'),
    officeMinutes: (from, to) => calendar.elapsedOfficeMinutes(from, to, { region: 'kostanay-oblast' }),
    integrity: judgeStream(`case-${CASE}`, list),
    legal: legalOf(catalog.get('kostanay-oblast/secondary-education-duplicates/v2')),
  });

describe('the case dossier', () => {
  const dossier = dossierFor(reviewer);

  it('measures each step against its recorded deadline, in office time', () => {
    expect(dossier.timeline.map((s) => [s.stepId, s.state, s.late])).toEqual([
      ['office-1', 'done', false],
      ['office-2', 'done', true],
      ['office-3', 'done', false],
      ['office-4', 'done', false],
      ['office-5', 'done', false],
    ]);
    // Visa: from Mon 10:00 to Tue 11:00 local = 3 h + 4 h (after lunch) + 2 h of office time; due Mon 13:00.
    expect(dossier.timeline[1]).toMatchObject({
      officeMinutes: 540,
      lateByMinutes: 1320,
      lateByOfficeMinutes: 360,
      completedBy: { id: 'u-head', role: 'head' },
    });
    expect(dossier.timeline[1].regulatedDuration).toMatchObject({ kind: 'stated', value: 3, unit: 'hours' });
    expect(dossier.timeline[2].within).toEqual([]);
  });

  it('lists the breaches, actors, the appeal, the regulation with citations and the act', () => {
    expect(dossier.breaches.map((b) => [b.kind, b.subject, b.byOfficeMinutes !== null])).toEqual([
      ['step-late', 'office-2', true],
      ['appeal-late', APPEAL_ID, true],
    ]);
    expect(dossier.actors.map((a) => `${a.id}/${a.role}`)).toEqual(['u-clerk/clerk', 'u-head/head', 'u-exec/executor']);
    expect(dossier.actors[1].actions.map((a) => a.type)).toEqual(['VisaImposed', 'ResultSigned', 'AppealDecided']);
    expect(dossier.appeals).toEqual([
      expect.objectContaining({
        appealId: APPEAL_ID,
        decision: 'upheld',
        late: true,
        overdue: null,
        decidedBy: expect.objectContaining({ id: 'u-head' }),
      }),
    ]);
    expect(dossier.outcome).toMatchObject({ kind: 'completed', issuedTo: 'applicant', revision: 4, by: { id: 'u-clerk' } });
    expect(dossier.regulation?.steps.every((s) => s.citation.quote.length > 0)).toBe(true);
    expect(dossier.legal?.approvingAct).toMatchObject({ number: '285', date: '2016-06-21' });
    expect(dossier.integrity.verdict).toBe('intact');
    expect(dossier.personalData).toMatchObject({ applicant: { iin: '900101300017' }, masked: false });
    expect(dossier.documents).toEqual(['заявление', 'удостоверение личности']);
  });

  it('judges an open step against the time the dossier is made', () => {
    const open = dossierFor(reviewer, events.slice(0, 2));
    expect(open.timeline[2]).toMatchObject({ stepId: 'office-3', state: 'current', overdue: true });
    expect(open.breaches.map((b) => b.kind)).toEqual(['step-late', 'step-overdue']);
    expect(open.outcome).toMatchObject({ kind: 'open', at: null });
  });

  it('masks the applicant for oversight, everywhere', () => {
    const masked = dossierFor(oversight);
    expect(masked.personalData).toMatchObject({ applicant: { iin: '900101******', name: 'И. И. И.' }, masked: true });
    expect(JSON.stringify(masked)).not.toContain('900101300017');
    expect(renderDossierHtml(masked)).not.toContain('900101300017');
    expect(renderDossierHtml(masked)).not.toContain('Иванов');
  });

  it('renders a self-contained Russian page with every section, all content escaped', () => {
    const html = renderDossierHtml(dossier);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<meta charset="utf-8">');
    for (const id of ['applicant', 'regulation', 'timeline', 'breaches', 'outcome', 'actors', 'appeals', 'integrity', 'events', 'notes']) {
      expect(html).toContain(`<section id="${id}">`.replace('<section id="notes">', '<footer id="notes">'));
    }
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|url\(/i);
    expect(html).toContain('Виза наложена с опозданием &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Досье дела для рассмотрения жалобы');
    expect(html).toContain('Наложение визы (резолюции)');
    expect(html).toContain('Шаг выполнен с нарушением срока');
    expect(html).toContain('Жалоба рассмотрена с нарушением срока');
    expect(html).toContain('<time datetime="2019-03-04T04:00:00.000Z">04.03.2019 10:00');
    expect(html).toContain('3 часа');
    expect(html).toContain('День приёма документов не входит в срок');
    // #17 item 6: the rule governs the State Corporation route only, and the dossier says why.
    expect(html).toContain(
      'День приёма документов не входит в срок (только при обращении через: Государственная корпорация «Правительство для граждан»)',
    );
    expect(html).toContain('Толкование: Пункт 8 (раздел 4, порядок обращения в Государственную корпорацию)');
    expect(html).toContain('13 рабочих дней');
    expect(html).toContain('постановление акимата Костанайской области от 21.06.2016 № 285');
    // #17 item 10: no English in the Russian page (the appeal's recorded explanation is the calendar's English).
    expect(html).toContain(
      '5 рабочих дней (ст. 25 Закона Республики Казахстан «О государственных услугах»), считая день регистрации жалобы',
    );
    expect(html).toContain('ДОПУЩЕНИЕ, ни один из имеющихся текстов не устанавливает порядок исчисления сроков');
    const words = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
    for (const english of ['working day', 'received', 'counted', 'Asia/', 'office', 'due ', 'overall', 'Law'])
      expect([english, words.includes(english)]).toEqual([english, false]);
    expect(html).toMatch(/class="verdict-intact"/);
    expect((html.match(/<tr class="late" data-step="office-2">/g) ?? []).length).toBe(1);
    expect((html.match(/<section /g) ?? []).length).toBe((html.match(/<\/section>/g) ?? []).length);
  });

  it('formats Russian quantities', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect([1, 2, 5, 11, 21, 22, 112].map((n) => plural(n, 'день', 'дня', 'дней'))).toEqual([
      'день',
      'дня',
      'дней',
      'дней',
      'день',
      'дня',
      'дней',
    ]);
    expect(durationRu({ kind: 'stated', value: 15, unit: 'minutes', citation: { paragraph: '5', quote: '15' } })).toBe('15 минут');
    expect(durationRu({ kind: 'not-stated', note: 'п. 4 Стандарта' })).toBe('не установлен регламентом');
    expect(minutesRu(1320)).toBe('22 ч 0 мин');
    expect(minutesRu(1500)).toBe('1 сут 1 ч 0 мин');
    expect(minutesRu(null)).toBe('—');
  });
});

describe('dossiers of other paths', () => {
  const operator = staff('u-op', 'state-corporation-operator', 'sc-kostanay');
  const make = (caseId: string, script: ScriptStep[], now = '2019-05-06T04:00:00Z') => {
    const list = recordInMemory(caseId, driveCase(caseId, script));
    return buildDossier(list, {
      caseId,
      principal: reviewer,
      role: 'appeal-reviewer',
      now: new Date(now),
      officeMinutes: (from, to) => calendar.elapsedOfficeMinutes(from, to, { region: 'kostanay-oblast' }),
      integrity: judgeStream(`case-${caseId}`, list),
      legal: null,
    });
  };
  const receiveVia = (caseId: string, channel: 'state-corporation' | 'provider-office', caller = operator): ScriptStep => ({
    at: '2019-03-04T04:00:00Z',
    caller,
    command: {
      type: 'ReceiveApplication',
      caseId,
      channel,
      service: 'secondary-education-duplicates',
      providerOrganisation: SCHOOL,
      applicant: APPLICANT,
      documents: ['заявление'],
      consentToProtectedData: true,
    },
  });

  it('State Corporation: the provider’s own actions inside its 13 working days, an early hand-over to storage, the recall', () => {
    const id = 'c1d2e3f4-0000-4000-8000-000000000001';
    const d = make(id, [
      receiveVia(id, 'state-corporation'),
      { at: '2019-03-04T04:03:00Z', caller: operator, command: { type: 'RegisterAtProvider' } },
      { at: '2019-03-04T05:00:00Z', caller: operator, command: { type: 'ForwardToProvider' } },
      { at: '2019-03-05T04:00:00Z', caller: head, command: { type: 'ImposeVisa', executorId: 'u-exec' } },
      { at: '2019-03-06T04:00:00Z', caller: executor, command: { type: 'PrepareDraft' } },
      { at: '2019-03-06T05:00:00Z', caller: head, command: { type: 'SignResult' } },
      { at: '2019-03-06T06:00:00Z', caller: clerk, command: { type: 'SendToStateCorporation' } },
      { at: '2019-03-20T06:00:00Z', caller: operator, command: { type: 'HandToStorage' } },
      { at: '2019-03-25T06:00:00Z', caller: clerk, command: { type: 'RecallFromStorage', requestedAt: '2019-03-25T05:00:00Z' } },
      { at: '2019-03-26T06:00:00Z', caller: operator, command: { type: 'IssueResult', to: 'applicant' } },
    ]);
    const provider = d.timeline.find((s) => s.action === 'result-prepared')!;
    expect(provider).toMatchObject({ role: 'provider', state: 'done', late: false, completedBy: { id: 'u-clerk' } });
    expect(provider.within.map((w) => w.type)).toEqual(['VisaImposed', 'DraftPrepared', 'ResultSigned']);
    expect(provider.officeMinutes).toBeGreaterThan(0);
    // The 5 minutes are counter time from the applicant's arrival: the domain records no due instant, so no breach.
    expect(d.breaches.map((b) => [b.kind, b.subject])).toEqual([['storage-handed-early', expect.any(String)]]);
    expect(d.deadlines.map((x) => [x.kind, x.late])).toEqual([['recall-from-storage', false]]);
    expect(d.outcome).toMatchObject({ kind: 'completed', issuedTo: 'applicant' });
    expect(d.outcome.storage.map((e) => e.type)).toEqual(['ResultHandedToStorage', 'ResultRecalledFromStorage']);
    expect(d.stateCorporationOrganisation).toBe('sc-kostanay');
    expect(renderDossierHtml(d)).toContain('Результат передан на хранение до истечения месяца');
    // #17 item 9: the 5 minutes are stated; the page says why no due instant follows.
    expect(d.timeline.at(-1)).toMatchObject({
      action: 'issued',
      dueAt: null,
      regulatedDuration: { kind: 'stated', value: 5, unit: 'minutes' },
    });
    expect(renderDossierHtml(d)).toContain('регламент устанавливает на выдачу результата 5 минут; срок не вычисляется');
  });

  it('a motivated refusal ends the timeline; the steps after it were never reached', () => {
    const id = 'c1d2e3f4-0000-4000-8000-000000000002';
    const d = make(id, [
      receiveVia(id, 'provider-office', clerk),
      { at: '2019-03-04T05:00:00Z', caller: head, command: { type: 'ImposeVisa', executorId: 'u-exec' } },
      { at: '2019-03-05T05:00:00Z', caller: head, command: { type: 'RefuseService', grounds: 'Недостоверные сведения в документах' } },
    ]);
    expect(d.status).toBe('service-refused');
    expect(d.timeline.map((s) => s.state)).toEqual(['done', 'done', 'not-reached', 'not-reached', 'not-reached']);
    expect(d.outcome).toMatchObject({ kind: 'service-refused', grounds: 'Недостоверные сведения в документах', by: { id: 'u-head' } });
    expect(d.breaches).toEqual([]);
    expect(renderDossierHtml(d)).toContain('Недостоверные сведения в документах');
  });

  it('a refused acceptance: nothing was due', () => {
    const id = 'c1d2e3f4-0000-4000-8000-000000000003';
    const d = make(id, [
      {
        at: '2019-03-04T04:00:00Z',
        caller: operator,
        command: {
          type: 'RefuseAcceptance',
          caseId: id,
          channel: 'state-corporation',
          service: 'secondary-education-duplicates',
          providerOrganisation: SCHOOL,
          applicant: APPLICANT,
          documents: ['заявление'],
          missingDocuments: ['удостоверение личности'],
        },
      },
    ]);
    expect(d).toMatchObject({
      status: 'acceptance-refused',
      consentToProtectedData: null,
      breaches: [],
      outcome: { kind: 'acceptance-refused', missingDocuments: ['удостоверение личности'] },
    });
    expect(d.timeline.every((s) => s.state === 'not-reached')).toBe(true);
  });

  it('an open case past its deadlines, and an undecided complaint past its 5 working days', () => {
    const id = 'c1d2e3f4-0000-4000-8000-000000000004';
    const d = make(id, [
      receiveVia(id, 'provider-office', clerk),
      { at: '2019-03-04T05:00:00Z', caller: clerk, command: { type: 'FileAppeal', appealId: APPEAL_ID, grounds: 'Нет ответа' } },
    ]);
    expect(d.breaches.map((b) => [b.kind, b.actualAt])).toEqual([
      ['step-overdue', null],
      ['appeal-overdue', null],
    ]);
    expect(d.appeals[0]).toMatchObject({ overdue: true, decision: null });
  });
});

describe('a Kazakh-text regulation in the Russian dossier (#17 item 10)', () => {
  it('names the service and the act in Russian, and says the quotes are in Kazakh', () => {
    const id = 'c1d2e3f4-0000-4000-8000-0000000000a1';
    const almaty = (role: string) => staff(`u-${role}`, role, 'school-alm', 'almaty-oblast');
    const list = recordInMemory(
      id,
      driveCase(id, [
        {
          at: '2015-02-02T04:00:00Z',
          caller: almaty('clerk'),
          command: {
            type: 'ReceiveApplication',
            caseId: id,
            channel: 'provider-office',
            service: 'school-admission',
            providerOrganisation: 'school-alm',
            applicant: APPLICANT,
            documents: ['өтініш'],
            consentToProtectedData: true,
          },
        },
      ]),
    );
    const d = buildDossier(list, {
      caseId: id,
      principal: { ...reviewer, region: 'almaty-oblast' },
      role: 'appeal-reviewer',
      now: new Date('2015-02-03T04:00:00Z'),
      integrity: judgeStream(`case-${id}`, list),
      legal: legalOf(catalog.get('almaty-oblast/school-admission/v1')),
    });
    const html = renderDossierHtml(d);
    expect(html).toContain(
      '<dt>Услуга</dt><dd>Прием документов и зачисление в организации образования независимо от ведомственной подчиненности',
    );
    expect(html).toContain('постановление акимата Алматинской области от 12.09.2014 № 332');
    expect(html).toContain('Департамент юстиции Алматинской области, 2014-10-21 № 2874');
    expect(html).not.toContain('Әділет');
    expect(html).toContain('001_ca970ef67ec64517.txt, на казахском языке, приложение 3');
    expect(html).toContain('Цитаты приводятся дословно, на языке текста регламента (казахском).');
    expect(html).not.toContain('қаулы');
    expect(html).not.toContain('Алматы облысы әкімдігі');
  });
});
