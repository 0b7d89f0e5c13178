import { DateTime } from 'luxon';
import { REGION_ZONES } from '../../calendar/regions';
import { DAY_ONE_RULE } from '../../calendar/day-one-rule';
import { REGIONS, type Region } from '../../regulations/regulation.model';
import { actText, noDueInstantReason, quoteLanguageNote } from '../../regulations/wording';
import type { CaseHistoryView, HistoryEntryView, RegulationRef } from './history-view';

export type Lang = 'ru' | 'kk';

const ROLE: Record<Lang, Record<string, string>> = {
  ru: {
    clerk: 'сотрудник канцелярии',
    head: 'руководитель',
    executor: 'исполнитель',
    'state-corporation-operator': 'работник Государственной корпорации',
    'appeal-reviewer': 'рассматривающий жалобу',
    oversight: 'работник уполномоченного органа',
    admin: 'администратор',
  },
  kk: {
    clerk: 'кеңсе қызметкері',
    head: 'басшы',
    executor: 'орындаушы',
    'state-corporation-operator': 'Мемлекеттік корпорация қызметкері',
    'appeal-reviewer': 'шағымды қараушы',
    oversight: 'уәкілетті орган қызметкері',
    admin: 'әкімші',
  },
};

const STATUS: Record<Lang, Record<CaseHistoryView['status'], string>> = {
  ru: {
    open: 'в работе',
    'acceptance-refused': 'отказано в приёме документов',
    'service-refused': 'отказано в оказании услуги',
    completed: 'завершено',
  },
  kk: {
    open: 'орындалуда',
    'acceptance-refused': 'құжаттарды қабылдаудан бас тартылды',
    'service-refused': 'қызмет көрсетуден бас тартылды',
    completed: 'аяқталды',
  },
};

type Verb = (e: HistoryEntryView, when: (iso: string) => string) => string;
const str = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));

const VERB: Record<Lang, Record<HistoryEntryView['type'], Verb>> = {
  ru: {
    ApplicationReceived: () => 'принял заявление и документы',
    AcceptanceRefused: (e) => `отказал в приёме документов (не представлены: ${(e.details.missingDocuments as string[]).join(', ')})`,
    ForwardedToProvider: () => 'направил документы услугодателю',
    RegisteredAtProvider: (e) =>
      `зарегистрировал документы${e.details.registrationNumber ? ` (рег. № ${str(e.details.registrationNumber)})` : ''}`,
    RegisteredAtStateCorporation: (e) =>
      `зарегистрировал документы в информационной системе Государственной корпорации${e.details.registrationNumber ? ` (рег. № ${str(e.details.registrationNumber)})` : ''}`,
    DocumentsReviewed: () => 'рассмотрел документы',
    VisaImposed: (e) => `наложил визу, исполнитель ${str(e.details.executorId)}`,
    ExecutorReassigned: (e) =>
      `назначил исполнителем ${str(e.details.executorId)} вместо ${str(e.details.previousExecutorId)}: ${str(e.details.reason)}`,
    DraftPrepared: () => 'подготовил проект результата',
    ResultSigned: () => 'подписал результат',
    ResultSentToStateCorporation: () => 'направил результат в Государственную корпорацию',
    ResultIssued: (e) =>
      e.details.to === 'representative' ? 'выдал результат представителю услугополучателя' : 'выдал результат услугополучателю',
    ServiceRefused: (e) => `мотивированно отказал в оказании услуги: ${str(e.details.grounds)}`,
    ResultHandedToStorage: () => 'передал невостребованный результат услугодателю на хранение',
    ResultRecalledFromStorage: (e, when) =>
      `вернул результат из хранения в Государственную корпорацию по запросу от ${when(str(e.details.requestedAt))}`,
    AppealFiled: (e, when) => `зарегистрировал жалобу ${str(e.details.appealId)} (решение — до ${when(str(e.details.decisionDueAt))})`,
    AppealForwarded: (e) => `направил жалобу ${str(e.details.appealId)}: ${str(e.details.to)}`,
    AppealDecided: (e) =>
      `рассмотрел жалобу ${str(e.details.appealId)}: ${e.details.decision === 'upheld' ? 'удовлетворена' : 'отклонена'}`,
  },
  kk: {
    ApplicationReceived: () => 'өтінішті және құжаттарды қабылдады',
    AcceptanceRefused: (e) => `құжаттарды қабылдаудан бас тартты (ұсынылмаған: ${(e.details.missingDocuments as string[]).join(', ')})`,
    ForwardedToProvider: () => 'құжаттарды көрсетілетін қызметті берушіге жіберді',
    RegisteredAtProvider: (e) =>
      `құжаттарды тіркеді${e.details.registrationNumber ? ` (тіркеу № ${str(e.details.registrationNumber)})` : ''}`,
    RegisteredAtStateCorporation: (e) =>
      `құжаттарды Мемлекеттік корпорацияның ақпараттық жүйесінде тіркеді${e.details.registrationNumber ? ` (тіркеу № ${str(e.details.registrationNumber)})` : ''}`,
    DocumentsReviewed: () => 'құжаттарды қарады',
    VisaImposed: (e) => `бұрыштама қойды, орындаушы ${str(e.details.executorId)}`,
    ExecutorReassigned: (e) =>
      `${str(e.details.previousExecutorId)} орнына ${str(e.details.executorId)} орындаушы етіп тағайындады: ${str(e.details.reason)}`,
    DraftPrepared: () => 'нәтиженің жобасын дайындады',
    ResultSigned: () => 'нәтижеге қол қойды',
    ResultSentToStateCorporation: () => 'нәтижені Мемлекеттік корпорацияға жіберді',
    ResultIssued: (e) =>
      e.details.to === 'representative'
        ? 'нәтижені көрсетілетін қызметті алушының өкіліне берді'
        : 'нәтижені көрсетілетін қызметті алушыға берді',
    ServiceRefused: (e) => `қызмет көрсетуден дәлелді бас тартты: ${str(e.details.grounds)}`,
    ResultHandedToStorage: () => 'талап етілмеген нәтижені көрсетілетін қызметті берушіге сақтауға берді',
    ResultRecalledFromStorage: (e, when) =>
      `${when(str(e.details.requestedAt))} сұрауы бойынша нәтижені сақтаудан Мемлекеттік корпорацияға қайтарды`,
    AppealFiled: (e, when) => `${str(e.details.appealId)} шағымын тіркеді (шешім ${when(str(e.details.decisionDueAt))} дейін)`,
    AppealForwarded: (e) => `${str(e.details.appealId)} шағымын жіберді: ${str(e.details.to)}`,
    AppealDecided: (e) =>
      `${str(e.details.appealId)} шағымын қарады: ${e.details.decision === 'upheld' ? 'қанағаттандырылды' : 'қанағаттандырусыз қалдырылды'}`,
  },
};

function duration(minutes: number, lang: Lang): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const [dd, hh, mm] = lang === 'ru' ? ['д', 'ч', 'мин'] : ['күн', 'сағ', 'мин'];
  const parts = [d ? `${d} ${dd}` : '', h ? `${h} ${hh}` : '', m || (!d && !h) ? `${m} ${mm}` : ''].filter(Boolean);
  return parts.join(' ');
}

function timing(e: HistoryEntryView, lang: Lang, when: (iso: string) => string): string {
  const ru = lang === 'ru';
  if (e.dueAt) {
    const due = ru ? `; срок: ${when(e.dueAt)}` : `; мерзімі: ${when(e.dueAt)}`;
    if (e.late) {
      const by = e.lateByMinutes !== null ? ` (${ru ? 'опоздание' : 'кешігу'} ${duration(e.lateByMinutes, lang)})` : '';
      return `${due}; ${ru ? 'выполнено с нарушением срока' : 'мерзімі бұзылып орындалды'}${by}`;
    }
    return `${due}; ${ru ? 'выполнено в срок' : 'мерзімінде орындалды'}`;
  }
  // The receipt starts the clock: it has no deadline of its own to meet or miss.
  if (!e.step || e.type === 'ApplicationReceived' || e.type === 'AcceptanceRefused') return '';
  if (e.step.withinStep) return ru ? '; в рамках процедуры, срок которой установлен целиком' : '; мерзімі тұтас белгіленген рәсім шегінде';
  // Say what the text states and why no due instant follows (#17 item 9).
  return `; ${noDueInstantReason(e.step.action, e.regulatedDuration, lang)}`;
}

function regulationName(ref: RegulationRef | null, region: Region | undefined, lang: Lang): string {
  if (!ref?.act || !region)
    return lang === 'ru' ? `регламента ${ref?.versionId ?? ''}`.trim() : `${ref?.versionId ?? ''} регламенттің`.trim();
  // The act in the reader's language (the catalog records it in the text's own).
  return lang === 'ru'
    ? `регламента, утверждённого ${actText(region, ref.act, 'ru', 'by')},`
    : `${actText(region, ref.act, 'kk', 'by')} бекітілген регламенттің`;
}

function basis(e: HistoryEntryView, lang: Lang, ref: RegulationRef | null, region: Region | undefined): string {
  const ru = lang === 'ru';
  if (e.type === 'AppealFiled' || e.type === 'AppealDecided') {
    return ru
      ? ' Основание: ст. 25 Закона Республики Казахстан «О государственных услугах».'
      : ' Негіздеме: «Мемлекеттік көрсетілетін қызметтер туралы» Қазақстан Республикасы Заңының 25-бабы.';
  }
  const c = e.citation;
  if (!c) return '';
  // The quote stays in the act's words; the reader is told when they are in the other language.
  const quote = `«${c.quote.replace(/\s+/g, ' ').trim()}»${quoteLanguageNote(ref?.textLanguage ?? null, lang)}`;
  if (ru) {
    const where = `п. ${c.paragraph}${c.subparagraph ? ` пп. ${c.subparagraph}` : ''}`;
    return ` Основание: ${where} ${regulationName(ref, region, lang)} ${quote}.`;
  }
  const where = c.subparagraph ? `${c.paragraph}-тармағының ${c.subparagraph}) тармақшасы` : `${c.paragraph}-тармағы`;
  return ` Негіздеме: ${regulationName(ref, region, lang)} ${where}: ${quote}.`;
}

/** One action of the chronicle as a sentence (who did what, timing, basis), without its time: the text's lines and the console's chronicle. */
export function historyEntrySentence(view: CaseHistoryView, e: HistoryEntryView, lang: Lang): string {
  const region = REGIONS.find((r) => r === view.region);
  const zone = region ? REGION_ZONES[region] : 'UTC';
  const when = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('dd.MM.yyyy HH:mm');
  const role = ROLE[lang][e.actor.role] ?? e.actor.role;
  return `${role} (${e.actor.id}, ${e.actor.organisation}) ${VERB[lang][e.type](e, when)}${timing(e, lang, when)}.${basis(e, lang, view.regulation, region)}`;
}

/** The chronicle as sentences in Russian or Kazakh, times local to the case's region. */
export function renderHistoryText(view: CaseHistoryView, lang: Lang): string {
  const region = REGIONS.find((r) => r === view.region);
  const zone = region ? REGION_ZONES[region] : 'UTC';
  const service = view.regulation.serviceName?.[lang] ?? view.service;
  const when = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('dd.MM.yyyy HH:mm');
  const ru = lang === 'ru';
  const applicant = `${view.applicant.name} (${ru ? 'ИИН' : 'ЖСН'} ${view.applicant.iin})`;
  const head = ru
    ? `Дело ${view.caseId}: ${service}, ${view.regulation.versionId}; услугодатель ${view.providerOrganisation}; услугополучатель ${applicant}; принято ${when(view.receivedAt)}; статус: ${STATUS.ru[view.status]}.`
    : `Іс ${view.caseId}: ${service}, ${view.regulation.versionId}; көрсетілетін қызметті беруші ${view.providerOrganisation}; көрсетілетін қызметті алушы ${applicant}; қабылданды ${when(view.receivedAt)}; мәртебесі: ${STATUS.kk[view.status]}.`;
  const lines = view.entries.map((e) => `${when(e.occurredAt)} — ${historyEntrySentence(view, e, lang)}`);
  // Which day is day 1 of a period counted in days: stated once, with its standing (#17 item 5).
  const periods = ru ? `Исчисление сроков в днях: ${DAY_ONE_RULE.ru}.` : `Күнмен есептелетін мерзімдер: ${DAY_ONE_RULE.kk}.`;
  return [head, ...lines, periods].join('\n') + '\n';
}
