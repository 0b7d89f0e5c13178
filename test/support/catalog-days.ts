/** The window's first day (or 2 Sep) in the first year a version is in force: a day a receipt is accepted. */
export function firstDayToApply(version: { effectiveFrom: { date: string }; windows: Array<{ from: string }> }): Date {
  const day = version.windows[0]?.from ?? '09-02';
  const year = Number(version.effectiveFrom.date.slice(0, 4));
  const candidate = `${year}-${day}`;
  return new Date(`${candidate < version.effectiveFrom.date ? year + 1 : year}-${day}T05:00:00Z`);
}
