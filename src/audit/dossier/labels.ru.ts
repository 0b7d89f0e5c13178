import { Role } from '../../auth/principal';
import { DAY_ONE_RULE } from '../../calendar/day-one-rule';
import { durationText, pluralRu } from '../../regulations/wording';
import { CaseEventType } from '../../cases/domain/case.events';
import { CaseStatus } from '../../cases/domain/case.state';
import { Channel, Citation, Duration, Region, SpecialRule, StepAction, StepRole } from '../../regulations/regulation.model';
import { MismatchReason, StreamVerdict } from '../integrity/stream-verdict';
import { BreachKind, DeadlineKind, StepLine } from '../replay/case-timeline';

/** Russian labels of the printable dossier. Unknown values are shown as they are. */
export const ACTION_RU: Record<StepAction, string> = {
  received: 'Приём документов',
  'acceptance-refused': 'Отказ в приёме документов',
  'consent-obtained': 'Согласие на использование сведений',
  registered: 'Регистрация документов',
  'forwarded-to-provider': 'Направление документов услугодателю',
  'visa-imposed': 'Наложение визы (резолюции)',
  'documents-reviewed': 'Рассмотрение документов',
  'draft-prepared': 'Подготовка проекта результата',
  'service-refused': 'Мотивированный отказ',
  signed: 'Подписание результата',
  'result-prepared': 'Подготовка результата услугодателем',
  'sent-to-state-corporation': 'Направление результата в Государственную корпорацию',
  'sent-to-portal': 'Направление результата в личный кабинет',
  issued: 'Выдача результата',
  enrolled: 'Зачисление',
  'handed-to-storage': 'Передача результата на хранение',
  'recalled-from-storage': 'Возврат результата из хранения',
  'request-submitted': 'Подача запроса',
  'request-processed': 'Обработка запроса',
  'status-notified': 'Уведомление о статусе',
  'system-processing': 'Обработка информационной системой',
};

export const ROLE_RU: Record<StepRole | Role, string> = {
  clerk: 'сотрудник канцелярии',
  head: 'руководитель',
  'deputy-head': 'заместитель руководителя',
  executor: 'ответственный исполнитель',
  commission: 'приёмная комиссия',
  provider: 'услугодатель',
  'state-corporation-operator': 'работник Государственной корпорации',
  'state-corporation-courier': 'курьер Государственной корпорации',
  applicant: 'услугополучатель',
  'information-system': 'информационная система',
  oversight: 'контролирующий орган',
  'appeal-reviewer': 'рассматривающий жалобу',
  admin: 'администратор',
};

export const STATUS_RU: Record<CaseStatus, string> = {
  new: 'не поступало',
  open: 'в работе',
  'acceptance-refused': 'отказано в приёме документов',
  'service-refused': 'мотивированный отказ в оказании услуги',
  completed: 'завершено',
};

export const EVENT_RU: Record<CaseEventType, string> = {
  ApplicationReceived: 'Заявление принято',
  AcceptanceRefused: 'Отказ в приёме документов',
  ForwardedToProvider: 'Документы направлены услугодателю',
  RegisteredAtProvider: 'Документы зарегистрированы',
  RegisteredAtStateCorporation: 'Документы зарегистрированы в информационной системе Государственной корпорации',
  DocumentsReviewed: 'Документы рассмотрены',
  VisaImposed: 'Наложена виза',
  ExecutorReassigned: 'Назначен другой исполнитель',
  DraftPrepared: 'Подготовлен проект результата',
  ResultSigned: 'Результат подписан',
  ResultSentToStateCorporation: 'Результат направлен в Государственную корпорацию',
  ResultIssued: 'Результат выдан',
  ServiceRefused: 'Мотивированный отказ',
  ResultHandedToStorage: 'Результат передан на хранение услугодателю',
  ResultRecalledFromStorage: 'Результат возвращён из хранения',
  AppealFiled: 'Подана жалоба',
  AppealForwarded: 'Жалоба направлена на рассмотрение',
  AppealDecided: 'Жалоба рассмотрена',
};

export const BREACH_RU: Record<BreachKind, string> = {
  'step-late': 'Шаг выполнен с нарушением срока',
  'step-overdue': 'Срок шага истёк, шаг не выполнен',
  'overall-late': 'Нарушен общий срок оказания услуги',
  'overall-overdue': 'Общий срок истёк, услуга не оказана',
  'deliver-to-state-corporation-late': 'Результат доставлен в Государственную корпорацию позже установленного',
  'recall-from-storage-late': 'Результат возвращён из хранения с нарушением срока',
  'appeal-late': 'Жалоба рассмотрена с нарушением срока',
  'appeal-overdue': 'Срок рассмотрения жалобы истёк',
  'storage-handed-early': 'Результат передан на хранение до истечения месяца',
};

export const DEADLINE_RU: Record<DeadlineKind, string> = {
  overall: 'Общий срок оказания услуги',
  appeal: 'Рассмотрение жалобы',
  'recall-from-storage': 'Возврат результата из хранения',
  'deliver-to-state-corporation': 'Доставка результата в Государственную корпорацию',
};

export const STEP_STATE_RU: Record<StepLine['state'], string> = {
  done: 'выполнен',
  current: 'текущий',
  pending: 'ожидает',
  'not-reached': 'не выполнялся',
};

export const VERDICT_RU: Record<StreamVerdict['verdict'], string> = {
  intact: 'Проверки несовпадений не выявили',
  broken: 'Целостность НАРУШЕНА',
  empty: 'Записей нет',
};

export const REASON_RU: Record<MismatchReason, string> = {
  'hash-mismatch': 'содержимое события не совпадает с его хэшем (изменено после записи)',
  'broken-link': 'событие не ссылается на хэш предыдущего',
  'revision-gap': 'пропущена ревизия (событие удалено)',
  'events-missing-at-end': 'удалены последние события потока',
  'head-hash-mismatch': 'хэш головы потока не совпадает с последним событием',
  'head-missing': 'нет записи о голове потока',
  'head-behind': 'голова потока отстаёт от последнего события (откатана)',
  'event-missing': 'событие есть в журнале прозрачности, но удалено из хранилища',
  'leaf-mismatch': 'событие не совпадает со своим листом в журнале прозрачности (изменено после заверения)',
  'leaf-missing': 'событие отсутствует в журнале прозрачности, хотя нотариус уже прошёл его позицию',
};

export const CHANNEL_RU: Record<Channel, string> = {
  'provider-office': 'канцелярия услугодателя',
  'state-corporation': 'Государственная корпорация «Правительство для граждан»',
  portal: 'веб-портал «электронного правительства»',
};

export const REGION_RU: Record<Region, string> = {
  astana: 'город Астана',
  'almaty-oblast': 'Алматинская область',
  'kostanay-oblast': 'Костанайская область',
  'west-kazakhstan-oblast': 'Западно-Казахстанская область',
};

export const SPECIAL_RULE_RU: Record<SpecialRule['kind'], string> = {
  'acceptance-day-not-counted': 'День приёма документов не входит в срок',
  'deliver-to-state-corporation-before-deadline':
    'Доставка результата в Государственную корпорацию не позднее чем за сутки до истечения срока',
  'state-corporation-storage': 'Хранение невостребованного результата в Государственной корпорации',
  'recall-from-provider-storage': 'Возврат результата из хранения услугодателя по запросу',
  other: 'Иное правило',
};

/**
 * The appeal term in words (the recorded explanation is the calendar's, in English):
 * what it is, its basis, and which day is its first.
 */
export const APPEAL_TERM_RU = `5 рабочих дней (ст. 25 Закона Республики Казахстан «О государственных услугах»), считая день регистрации жалобы или, если она зарегистрирована после окончания рабочего дня либо в выходной, следующий рабочий день (${DAY_ONE_RULE.ru}); срок истекает с окончанием рабочего времени последнего дня`;

export const TEXT_LANGUAGE_RU = { ru: 'на русском языке', kk: 'на казахском языке' } as const;

export const DECISION_RU = { upheld: 'жалоба удовлетворена', rejected: 'в удовлетворении жалобы отказано' } as const;

export const NOTES_RU = [
  'Время указано по часам сервиса в момент записи действия, местное время региона услугодателя.',
  'Сроки и отметки о нарушении — те, что записаны вместе с событиями в момент начала и окончания шага; они не пересчитываются.',
  'Рабочее время считается по часам работы из стандарта (9:00–18:30, перерыв 13:00–14:30) в рабочие дни календаря региона.',
  'Невыполненные шаги и нерассмотренные жалобы оцениваются на момент формирования досье.',
  `Исчисление сроков в днях: ${DAY_ONE_RULE.ru}.`,
];

/** Russian plural: 1 минута, 2 минуты, 5 минут. */
export const plural = pluralRu;

export function durationRu(duration: Duration): string {
  return duration.kind === 'not-stated' ? 'не установлен регламентом' : durationText(duration, 'ru');
}

export function citationRu(citation: Citation | string | null | undefined): string {
  if (!citation) return '';
  if (typeof citation === 'string') return citation;
  const where = [
    citation.appendix ? `приложение ${citation.appendix}` : undefined,
    `пункт ${citation.paragraph}`,
    citation.subparagraph ? `подпункт ${citation.subparagraph}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `${where}: «${citation.quote.replace(/\s+/g, ' ').trim()}»`;
}

/** 1 д 2 ч 05 мин: a lateness or an amount of office time. */
export function minutesRu(total: number | null): string {
  if (total === null) return '—';
  const sign = total < 0 ? '−' : '';
  let rest = Math.abs(Math.round(total));
  const days = Math.floor(rest / 1440);
  rest -= days * 1440;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  return sign + [days ? `${days} сут` : '', hours ? `${hours} ч` : '', `${minutes} мин`].filter(Boolean).join(' ');
}

export const label = <K extends string>(table: Partial<Record<K, string>>, key: string): string => table[key as K] ?? key;
