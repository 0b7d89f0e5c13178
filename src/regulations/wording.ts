import type { Duration, LegalAct, Region, StepAction } from './regulation.model';

/**
 * How a regulated duration is said in Russian and Kazakh, and why a step that
 * has one may still have no due instant: shared by the chronicle and the dossier.
 */
export type Lang = 'ru' | 'kk';

/** Russian plural: 1 минута, 2 минуты, 5 минут. */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

const UNIT_RU: Record<Extract<Duration, { kind: 'stated' }>['unit'], [string, string, string]> = {
  minutes: ['минута', 'минуты', 'минут'],
  hours: ['час', 'часа', 'часов'],
  'working-days': ['рабочий день', 'рабочих дня', 'рабочих дней'],
  'calendar-days': ['календарный день', 'календарных дня', 'календарных дней'],
  days: ['день', 'дня', 'дней'],
  months: ['месяц', 'месяца', 'месяцев'],
};

/** Kazakh nouns after a numeral stay singular. */
const UNIT_KK: Record<Extract<Duration, { kind: 'stated' }>['unit'], string> = {
  minutes: 'минут',
  hours: 'сағат',
  'working-days': 'жұмыс күні',
  'calendar-days': 'күнтізбелік күн',
  days: 'күн',
  months: 'ай',
};

export function durationText(duration: Extract<Duration, { kind: 'stated' }>, lang: Lang): string {
  return lang === 'ru'
    ? `${duration.value} ${pluralRu(duration.value, ...UNIT_RU[duration.unit])}`
    : `${duration.value} ${UNIT_KK[duration.unit]}`;
}

/**
 * Why no due instant was computed for a step, from what the regulation states:
 * nothing (left to the ministry Standard), counter time at the issue (its minutes
 * run from the applicant's arrival, which no one records), or a unit that is not
 * counted in working time (months).
 */
export function noDueInstantReason(action: StepAction | string, duration: Duration | undefined, lang: Lang): string {
  const ru = lang === 'ru';
  if (!duration) return ru ? 'срок не вычислен' : 'мерзімі есептелмеген';
  if (duration.kind === 'not-stated') return ru ? 'срок регламентом не установлен' : 'мерзімі регламентте белгіленбеген';
  const stated = durationText(duration, lang);
  if (action === 'issued' && (duration.unit === 'minutes' || duration.unit === 'hours')) {
    return ru
      ? `регламент устанавливает на выдачу результата ${stated}; срок не вычисляется: это время обслуживания с момента обращения услугополучателя за результатом, а этот момент не фиксируется`
      : `регламент нәтижені беруге ${stated} белгілейді; мерзімі есептелмейді: бұл көрсетілетін қызметті алушы нәтиже үшін келген сәттен бастап қызмет көрсету уақыты, ал ол сәт тіркелмейді`;
  }
  return ru
    ? `регламент устанавливает ${stated}; срок в рабочем времени не вычисляется`
    : `регламент ${stated} белгілейді; мерзімі жұмыс уақытында есептелмейді`;
}

const AKIMAT: Record<Region, { ru: string; kk: string }> = {
  astana: { ru: 'акимата города Астаны', kk: 'Астана қаласы әкімдігінің' },
  'almaty-oblast': { ru: 'акимата Алматинской области', kk: 'Алматы облысы әкімдігінің' },
  'kostanay-oblast': { ru: 'акимата Костанайской области', kk: 'Қостанай облысы әкімдігінің' },
  'west-kazakhstan-oblast': { ru: 'акимата Западно-Казахстанской области', kk: 'Батыс Қазақстан облысы әкімдігінің' },
};

/** Every act in the seeds is a resolution of the region's akimat ("постановление" / "қаулы"). */
const RESOLUTION_KINDS: readonly string[] = ['постановление', 'қаулы'];

const dotted = (date: string) => date.split('-').reverse().join('.');

/**
 * An akimat's act named in the reader's language (the catalog records it in the
 * seed's), e.g. "постановлением акимата Алматинской области от 12.09.2014 № 332" /
 * "Алматы облысы әкімдігінің 12.09.2014 № 332 қаулысымен" ('by'), or
 * "постановление акимата …" / "… № 332 қаулысы" ('name'). An act of another kind
 * is quoted as the catalog records it.
 */
export function actText(region: Region, act: Pick<LegalAct, 'body' | 'kind' | 'date' | 'number'>, lang: Lang, form: 'by' | 'name'): string {
  const date = dotted(act.date);
  if (!RESOLUTION_KINDS.includes(act.kind)) {
    return lang === 'ru'
      ? `${form === 'by' ? 'актом' : 'акт'} «${act.body}, ${act.kind}» от ${date} № ${act.number}`
      : `${date} № ${act.number} «${act.body}, ${act.kind}» ${form === 'by' ? 'актісімен' : 'актісі'}`;
  }
  return lang === 'ru'
    ? `${form === 'by' ? 'постановлением' : 'постановление'} ${AKIMAT[region].ru} от ${date} № ${act.number}`
    : `${AKIMAT[region].kk} ${date} № ${act.number} ${form === 'by' ? 'қаулысымен' : 'қаулысы'}`;
}

/** Said after a quote from a text in the other language: the quote stays as the act words it. */
export function quoteLanguageNote(textLanguage: Lang | null, lang: Lang): string {
  if (!textLanguage || textLanguage === lang) return '';
  return lang === 'ru' ? ' (текст регламента на казахском языке)' : ' (регламент мәтіні орыс тілінде)';
}

/** The registering bodies the seeds name, in both languages. */
const REGISTRATION_BODIES: ReadonlyArray<{ ru: string; kk: string }> = [
  { ru: 'Департамент юстиции Алматинской области', kk: 'Алматы облысының Әділет департаменті' },
  { ru: 'Департамент юстиции города Астаны', kk: 'Астана қаласының Әділет департаменті' },
  { ru: 'Департамент юстиции Костанайской области', kk: 'Қостанай облысының Әділет департаменті' },
  { ru: 'Департамент юстиции Западно-Казахстанской области', kk: 'Батыс Қазақстан облысының Әділет департаменті' },
  { ru: 'Реестр государственной регистрации нормативных правовых актов', kk: 'Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімі' },
];

/** A registering body in the reader's language; one the table does not know is shown as the seed gives it. */
export function registrationBodyText(body: string, lang: Lang): string {
  return REGISTRATION_BODIES.find((b) => b.ru === body || b.kk === body)?.[lang] ?? body;
}
