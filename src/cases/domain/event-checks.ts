/**
 * Small runtime checks for decoding stored events. Each check is a type guard
 * that also says what it found wrong, so a decode failure names the field.
 * The checks never copy: a value that passes is the stored value itself, with
 * every optional field it carries.
 */
export type Check<T> = (value: unknown, at: string, problems: string[]) => value is T;

type Shape = Record<string, Check<unknown>>;
export type Checked<S extends Shape> = {
  [K in keyof S]: S[K] extends Check<infer T> ? T : never;
};

const fail = (problems: string[], at: string, expected: string): false => {
  problems.push(`${at} is not ${expected}`);
  return false;
};

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const str: Check<string> = (v, at, p): v is string => typeof v === 'string' || fail(p, at, 'a string');
export const bool: Check<boolean> = (v, at, p): v is boolean => typeof v === 'boolean' || fail(p, at, 'a boolean');

export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  return (v, at, p): v is T => values.some((value) => value === v) || fail(p, at, `one of ${values.join(', ')}`);
}

export function arrayOf<T>(item: Check<T>): Check<T[]> {
  return (v, at, p): v is T[] => (Array.isArray(v) ? v.every((x, i) => item(x, `${at}[${i}]`, p)) : fail(p, at, 'an array'));
}

/** Absent or passing `check`. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (v, at, p): v is T | undefined => v === undefined || check(v, at, p);
}

/** An object with at least these fields (others pass through untouched). */
export function obj<S extends Shape>(shape: S): Check<Checked<S>> {
  return (v, at, p): v is Checked<S> => {
    if (!isRecord(v)) return fail(p, at, 'an object');
    return Object.entries(shape).every(([key, check]) => check(v[key], `${at}.${key}`, p));
  };
}

/**
 * A nested value this service wrote whole (a regulation plan, a citation):
 * its shape is checked where the case logic reads it, and the rest is taken as
 * recorded. The one place the decoder vouches for more than it checks.
 */
export function recorded<T>(what: string, shape: Shape): Check<T> {
  const check = obj(shape);
  return (v, at, p): v is T => check(v, at, p) || fail(p, at, what);
}
