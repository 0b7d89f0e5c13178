/**
 * Text PostgreSQL cannot store: the NUL character (refused in `text`, and as
 * `\u0000` in `jsonb`) and UTF-16 surrogates without their pair (no Unicode
 * scalar value, so no UTF-8 encoding). With the `u` flag, \p{Cs} matches only
 * an unpaired surrogate: a valid pair is read as one code point.
 */
const UNSTORABLE = /\u0000|\p{Cs}/u;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

export const STORABLE_TEXT_RULE = 'text must not contain NUL characters or unpaired UTF-16 surrogates';
