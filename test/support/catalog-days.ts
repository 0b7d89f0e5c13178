/**
 * A day a receipt is accepted in the first year a version is in force: the window's first
 * day (or 2 Sep); when the version starts inside its window (Kostanay's No 313 wording from
 * 15 Jul, inside the 1 Jun - 30 Aug first-grade window), its first day; else next year's.
 */
export function firstDayToApply(version: { effectiveFrom: { date: string }; windows: Array<{ from: string; to?: string }> }): Date {
  const window = version.windows[0];
  const day = window?.from ?? '09-02';
  const start = version.effectiveFrom.date;
  const year = Number(start.slice(0, 4));
  const candidate = `${year}-${day}`;
  if (candidate >= start) return new Date(`${candidate}T05:00:00Z`);
  const startsInsideWindow = window?.to !== undefined && start <= `${year}-${window.to}`;
  return new Date(`${startsInsideWindow ? start : `${year + 1}-${day}`}T05:00:00Z`);
}
