import { kk } from './kk';
import { ru } from './ru';

export const LANGS = ['ru', 'kk'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'ru';

/** ru.ts's shape with its literals widened: every language's dictionary has this type. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : T extends readonly [string, string, string]
      ? [string, string, string]
      : { [K in keyof T]: Widen<T[K]> };
export type Messages = Widen<typeof ru>;

const DICTIONARIES: Record<Lang, Messages> = { ru, kk };

export const messagesFor = (lang: Lang): Messages => DICTIONARIES[lang];

export const isLang = (value: unknown): value is Lang => typeof value === 'string' && LANGS.some((l) => l === value);

/**
 * The language of a request: ?lang=, then the console's cookie, then the
 * first of ru/kk in Accept-Language (by q), then Russian.
 */
export function chooseLang(query: unknown, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find((m) => m !== null);
      return { base: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLang) ?? DEFAULT_LANG;
}
