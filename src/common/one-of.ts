/** Whether `value` is one of `values`: the type guard of a union kept as a const array (regions, roles, log levels). */
export function isOneOf<const T>(values: readonly T[], value: unknown): value is T {
  return values.some((candidate) => candidate === value);
}
