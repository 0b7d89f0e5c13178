/** JSON values as the fuzzer builds and mutates them. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function isJson(value: unknown, depth = 0): value is Json {
  if (depth > 64) return false;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  return isRecord(value) && Object.values(value).every((v) => isJson(v, depth + 1));
}

/** Sets an own enumerable key, even `__proto__`, which an assignment would take as the prototype. */
export function defineKey(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy whose objects carry `__proto__` and friends as plain keys. */
export function copyJson(value: Json): Json {
  if (Array.isArray(value)) return value.map(copyJson);
  if (value === null || typeof value !== 'object') return value;
  const copy: { [key: string]: Json } = {};
  for (const [key, inner] of Object.entries(value)) defineKey(copy, key, copyJson(inner));
  return copy;
}

/** Every path into a value's objects and arrays, the root excluded. */
export function pathsOf(value: Json, prefix: Array<string | number> = [], depth = 0): Array<Array<string | number>> {
  if (depth > 8 || value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, Json]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, inner]) => [[...prefix, key], ...pathsOf(inner, [...prefix, key], depth + 1)]);
}

/** A copy of `value` with the thing at `path` replaced (or removed when `replacement` is undefined). */
export function withAt(value: Json, path: Array<string | number>, replacement: Json | undefined): Json {
  const copy = copyJson(value);
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return copy;
    const next: Json | undefined = Array.isArray(parent) ? parent[Number(key)] : parent[String(key)];
    if (next === undefined) return copy;
    parent = next;
  }
  const last = path[path.length - 1];
  if (last === undefined) return replacement ?? null;
  if (Array.isArray(parent)) {
    if (replacement === undefined) parent.splice(Number(last), 1);
    else parent[Number(last)] = replacement;
  } else if (parent !== null && typeof parent === 'object') {
    if (replacement === undefined) delete parent[String(last)];
    else defineKey(parent, String(last), replacement);
  }
  return copy;
}
