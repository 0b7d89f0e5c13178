import { APPLICANT, clerk, driveCase, head, realWorld, SCHOOL, ScriptStep, staff } from '../../audit/testing/case-history';
import { DAY_ONE_RULE } from '../../calendar/day-one-rule';
import { decodeOrThrow } from '../../cases/domain/case-event-codec';
import { knownPlan } from '../../cases/plan-codec';
import type { CaseEvent } from '../../cases/domain/case.events';
import { QUEUE_EVENT_TYPES } from '../work-queue/work-queue.item';
import { TIMELINE_EVENT_TYPES } from '../../timeline/step-timeline';
import { regulationRefOf } from './case-history.query';
import { evolveHistoryCase, HISTORY_EVENT_TYPES, historyEntryOf, HistoryCase, HistoryPlan, historyPlanOf } from './history-entry';
import { renderHistoryText } from './history-text';
import { CaseHistoryView, toEntryView } from './history-view';

/** The chronicle as the projection and the query would build it, from events decided by the real domain. */
function historyOf(caseId: string, script: ScriptStep[], rename: (e: CaseEvent) => CaseEvent = (e) => e): CaseHistoryView {
  const events = driveCase(caseId, script).map((e) => rename(decodeOrThrow(e, knownPlan)));
  let header: HistoryCase | undefined;
  let plan: HistoryPlan | undefined;
  const entries = events.map((event, revision) => {
    const meta = { revision, position: BigInt(revision + 1), recordedAt: new Date(event.data.occurredAt) };
    header = evolveHistoryCase(header, event, meta);
    if (event.type === 'ApplicationReceived' || event.type === 'AcceptanceRefused') plan = historyPlanOf(event);
    return toEntryView(historyEntryOf(event, meta, plan), plan);
  });
  if (!header) throw new Error('no receipt');
  const { planKey: _plan, regulationVersionId, ...rest } = header;
  const version = realWorld().catalog.versions.find((v) => v.id === regulationVersionId);
  return { ...rest, regulation: regulationRefOf(regulationVersionId, version), personalDataMasked: false, entries };
}

const operator = staff('u-op', 'state-corporation-operator', 'sc-kostanay');
const executor = staff('u-exec', 'executor');
const kostanaySc = (id: string): ScriptStep[] => [
  {
    at: '2019-03-04T04:00:00Z',
    caller: operator,
    command: {
      type: 'ReceiveApplication',
      caseId: id,
      channel: 'state-corporation',
      service: 'secondary-education-duplicates',
      providerOrganisation: SCHOOL,
      applicant: APPLICANT,
      documents: ['заявление'],
      consentToProtectedData: true,
    },
  },
  { at: '2019-03-04T04:03:00Z', caller: operator, command: { type: 'RegisterAtProvider', registrationNumber: 'R-7' } },
  { at: '2019-03-04T05:00:00Z', caller: operator, command: { type: 'ForwardToProvider' } },
  { at: '2019-03-05T04:00:00Z', caller: head, command: { type: 'ImposeVisa', executorId: 'u-exec' } },
  { at: '2019-03-06T04:00:00Z', caller: executor, command: { type: 'PrepareDraft' } },
  { at: '2019-03-06T05:00:00Z', caller: head, command: { type: 'SignResult' } },
  { at: '2019-03-06T06:00:00Z', caller: clerk, command: { type: 'SendToStateCorporation' } },
  { at: '2019-03-07T06:00:00Z', caller: operator, command: { type: 'IssueResult', to: 'applicant' } },
];

describe('the State Corporation’s registration in the chronicle (#17 item 8)', () => {
  it('every read model subscribes to the new type and to the old one', () => {
    for (const types of [HISTORY_EVENT_TYPES, QUEUE_EVENT_TYPES, [...TIMELINE_EVENT_TYPES]]) {
      expect(types).toEqual(expect.arrayContaining(['RegisteredAtProvider', 'RegisteredAtStateCorporation']));
    }
  });

  it('says where the package was registered, in Russian and Kazakh', () => {
    const view = historyOf('sc-new', kostanaySc('sc-new'));
    expect(view.entries[1]).toMatchObject({ type: 'RegisteredAtStateCorporation', details: { registrationNumber: 'R-7' } });
    expect(renderHistoryText(view, 'ru')).toContain(
      'зарегистрировал документы в информационной системе Государственной корпорации (рег. № R-7)',
    );
    expect(renderHistoryText(view, 'kk')).toContain('құжаттарды Мемлекеттік корпорацияның ақпараттық жүйесінде тіркеді (тіркеу № R-7)');
  });

  it('an old event (RegisteredAtProvider for the same step) keeps its type and reads as it did', () => {
    const old = historyOf('sc-old', kostanaySc('sc-old'), (e) =>
      e.type === 'RegisteredAtStateCorporation' ? { type: 'RegisteredAtProvider', data: e.data } : e,
    );
    expect(old.entries[1]).toMatchObject({
      type: 'RegisteredAtProvider',
      step: { stepId: 'sc-2' },
      details: { registrationNumber: 'R-7' },
    });
    expect(renderHistoryText(old, 'ru')).toContain('зарегистрировал документы (рег. № R-7)');
    const fresh = historyOf('sc-old', kostanaySc('sc-old'));
    expect(old.entries.map(({ type: _t, ...rest }) => rest)).toEqual(fresh.entries.map(({ type: _t, ...rest }) => rest));
    expect(old.status).toBe(fresh.status);
  });
});

const ALMATY = 'almaty-oblast';
const almatyOffice = (id: string): ScriptStep[] => [
  {
    at: '2015-02-02T04:00:00Z',
    caller: staff('u-clerk', 'clerk', 'school-alm', ALMATY),
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
  {
    at: '2015-02-02T06:00:00Z',
    caller: staff('u-head', 'head', 'school-alm', ALMATY),
    command: { type: 'ImposeVisa', executorId: 'u-exec' },
  },
];

describe('a step without a due instant says what the text states and why (#17 item 9)', () => {
  const lineOf = (text: string, marker: string) => text.split('\n').find((l) => l.includes(marker)) ?? '';

  it('the issue’s 5 minutes of counter time (Kostanay duplicates, para 8, 4)): stated, not computed, and why', () => {
    const view = historyOf('sc-issue', kostanaySc('sc-issue'));
    expect(view.entries.at(-1)).toMatchObject({
      type: 'ResultIssued',
      dueAt: null,
      regulatedDuration: { kind: 'stated', value: 5, unit: 'minutes' },
    });
    const ru = lineOf(renderHistoryText(view, 'ru'), 'выдал результат');
    expect(ru).toContain(
      'регламент устанавливает на выдачу результата 5 минут; срок не вычисляется: это время обслуживания с момента обращения услугополучателя за результатом, а этот момент не фиксируется',
    );
    expect(ru).not.toContain('не установлен');
    expect(ru).toContain('«работник Государственной корпорации на основании расписки');
    const kk = lineOf(renderHistoryText(view, 'kk'), 'нәтижені көрсетілетін қызметті алушыға берді');
    expect(kk).toContain('регламент нәтижені беруге 5 минут белгілейді; мерзімі есептелмейді');
    expect(kk).not.toContain('белгіленбеген');
  });

  it('a step whose duration the text leaves to the Standard still says it is not established (Almaty school admission)', () => {
    const view = historyOf('alm', almatyOffice('alm'));
    expect(view.entries[1]).toMatchObject({ type: 'VisaImposed', regulatedDuration: { kind: 'not-stated' } });
    expect(lineOf(renderHistoryText(view, 'ru'), 'наложил визу')).toContain('срок регламентом не установлен');
    expect(lineOf(renderHistoryText(view, 'kk'), 'бұрыштама қойды')).toContain('мерзімі регламентте белгіленбеген');
  });

  it('a row written before durations were kept makes no claim about the text', () => {
    const view = historyOf('sc-row', kostanaySc('sc-row'));
    const { regulatedDuration: _d, ...old } = view.entries[view.entries.length - 1];
    const text = renderHistoryText({ ...view, entries: [...view.entries.slice(0, -1), old] }, 'ru');
    expect(lineOf(text, 'выдал результат')).toContain('; срок не вычислен.');
  });
});

describe('every output in ru is Russian and in kk Kazakh (#17 item 10)', () => {
  it('an Almaty case (Kazakh text) in Russian: the service and the act in Russian, the quotes marked as Kazakh', () => {
    const view = historyOf('alm-ru', almatyOffice('alm-ru'));
    const ru = renderHistoryText(view, 'ru');
    expect(ru).toContain('Дело alm-ru: Прием документов и зачисление в организации образования независимо от ведомственной подчиненности');
    expect(ru).toContain('регламента, утверждённого постановлением акимата Алматинской области от 12.09.2014 № 332,');
    expect(ru).toContain('(текст регламента на казахском языке)');
    expect(ru).not.toContain('ведомстволық бағыныстылығына қарамастан');
    expect(ru).not.toContain('әкімдігі');
    const kk = renderHistoryText(view, 'kk');
    expect(kk).toContain('Іс alm-ru: Бастауыш, негізгі орта, жалпы орта білім берудің');
    expect(kk).toContain('Алматы облысы әкімдігінің 12.09.2014 № 332 қаулысымен бекітілген регламенттің');
    expect(kk).not.toContain('(регламент мәтіні орыс тілінде)');
  });

  it('a Kostanay case (Russian text) in Kazakh: the service and the act in Kazakh, the quotes marked as Russian', () => {
    const view = historyOf('kst-kk', kostanaySc('kst-kk'));
    expect(view.regulation).toMatchObject({
      textLanguage: 'ru',
      serviceName: { kk: 'Негізгі орта, жалпы орта білім туралы құжаттардың телнұсқаларын беру' },
    });
    const kk = renderHistoryText(view, 'kk');
    expect(kk).toContain('Іс kst-kk: Негізгі орта, жалпы орта білім туралы құжаттардың телнұсқаларын беру,');
    expect(kk).toContain('Қостанай облысы әкімдігінің 21.06.2016 № 285 қаулысымен бекітілген регламенттің');
    expect(kk).toContain('(регламент мәтіні орыс тілінде)');
    expect(kk).not.toContain('Выдача дубликатов');
    expect(kk).not.toContain('акимат');
  });
});

describe('the text chronicle states which day is day 1 (#17 item 5)', () => {
  it("once, at the end, in the reader's language, as an assumption", () => {
    const view = historyOf('rule', kostanaySc('rule'));
    expect(renderHistoryText(view, 'ru').trimEnd().split('\n').at(-1)).toBe(`Исчисление сроков в днях: ${DAY_ONE_RULE.ru}.`);
    expect(renderHistoryText(view, 'kk').trimEnd().split('\n').at(-1)).toBe(`Күнмен есептелетін мерзімдер: ${DAY_ONE_RULE.kk}.`);
    expect(DAY_ONE_RULE.ru).toMatch(/^ДОПУЩЕНИЕ/);
    expect(DAY_ONE_RULE.kk).toMatch(/^БОЛЖАМ/);
  });
});
