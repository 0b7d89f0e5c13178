import { REGION_ZONES } from '../../calendar/regions';
import type { Duration, Region } from '../../regulations/regulation.model';
import type { Lang, Messages } from './messages';
import { isProblemCode } from './problem-codes';

const LOCALES: Record<Lang, string> = { ru: 'ru-RU', kk: 'kk-KZ' };

/**
 * One Intl formatter per language, zone and style, made once: constructing
 * one costs about a millisecond, and a queue page formats three instants per
 * row (bench:projections measured 50 rows at ~45 ms of the page's time).
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(
  key: string,
  make: () => T,
  is: (f: unknown) => f is T,
): T {
  const found = formatters.get(key);
  if (is(found)) return found;
  const made = make();
  formatters.set(key, made);
  return made;
}
const isDateTimeFormat = (f: unknown): f is Intl.DateTimeFormat => f instanceof Intl.DateTimeFormat;
const isNumberFormat = (f: unknown): f is Intl.NumberFormat => f instanceof Intl.NumberFormat;
const isPluralRules = (f: unknown): f is Intl.PluralRules => f instanceof Intl.PluralRules;
const dateTimeFormat = (lang: Lang, region: Region, withTime: boolean) =>
  cached(
    `dt:${lang}:${region}:${withTime}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        dateStyle: 'medium',
        ...(withTime ? { timeStyle: 'short' } : {}),
        timeZone: REGION_ZONES[region],
      }),
    isDateTimeFormat,
  );

/** An instant as the region's wall clock shows it, e.g. "4 мар. 2019 г., 10:15". */
export function formatDateTime(at: Date | string, lang: Lang, region: Region): string {
  return dateTimeFormat(lang, region, true).format(new Date(at));
}

export function formatDate(at: Date | string, lang: Lang, region: Region): string {
  return dateTimeFormat(lang, region, false).format(new Date(at));
}

export function formatNumber(value: number, lang: Lang): string {
  return cached(`n:${lang}`, () => new Intl.NumberFormat(LOCALES[lang]), isNumberFormat).format(value);
}

/** "3 рабочих дня" / "3 жұмыс күні": a counted unit in the language's plural form. */
export function formatCount(value: number, forms: [string, string, string], lang: Lang): string {
  const category = cached(`p:${lang}`, () => new Intl.PluralRules(LOCALES[lang]), isPluralRules).select(value);
  const form = category === 'one' ? forms[0] : category === 'few' ? forms[1] : forms[2];
  return `${formatNumber(value, lang)} ${form}`;
}

/** A regulated duration; undefined when the regulation states none. */
export function formatDuration(duration: Duration, t: Messages, lang: Lang): string | undefined {
  switch (duration.kind) {
    case 'stated':
      return formatCount(duration.value, t.units[duration.unit], lang);
    case 'not-stated':
      return undefined;
    default: {
      const unknown: never = duration;
      return unknown;
    }
  }
}

/** Elapsed office time in minutes, short: "1 д 2 ч 5 мин" (a day = 24 h of elapsed time as given). */
export function formatMinutes(totalMinutes: number, t: Messages): string {
  const minutes = Math.max(0, Math.round(totalMinutes));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} ${t.short.days}`);
  if (hours > 0) parts.push(`${hours} ${t.short.hours}`);
  if (rest > 0 || parts.length === 0) parts.push(`${rest} ${t.short.minutes}`);
  return parts.join(' ');
}

/** A problem code as a sentence in the user's language; unknown codes get a generic sentence. */
export function problemMessage(code: string, t: Messages): string {
  return isProblemCode(code) ? t.problems[code] : t.unknownProblem;
}
