import { assertYearConsistent } from './calendar-data.validation';
import { CalendarDataError } from './calendar.errors';
import type { YearData, YearPatch } from './calendar.types';

/** The years the calendar knows, after every override layer has been applied. Immutable. */
export class CalendarDataset {
  private readonly years: ReadonlyMap<number, YearData>;

  constructor(years: Iterable<YearData>) {
    const map = new Map<number, YearData>();
    for (const y of years) {
      if (map.has(y.year)) throw new CalendarDataError(y.layers.join(' + '), [`year ${y.year} given twice`]);
      map.set(y.year, y);
    }
    this.years = map;
  }

  get(year: number): YearData | undefined {
    return this.years.get(year);
  }

  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** A new dataset with the patches applied in order (later patches win). */
  withPatches(patches: readonly { patch: YearPatch; origin: string }[]): CalendarDataset {
    const next = new Map(this.years);
    for (const { patch, origin } of patches) next.set(patch.year, applyPatch(next.get(patch.year), patch, origin));
    return new CalendarDataset(next.values());
  }
}

/**
 * Merge rules: holidays and kurbanAit replace; a transfer replaces one with the
 * same `from` or `to`, else is added; an override replaces one for the same date,
 * else is added; notes are appended.
 */
export function applyPatch(base: YearData | undefined, patch: YearPatch, origin: string): YearData {
  if (!base) {
    if (!patch.holidays || !patch.kurbanAit) {
      throw new CalendarDataError(origin, [`no shipped data for ${patch.year}: an override must then give holidays and kurbanAit`]);
    }
    base = { year: patch.year, holidays: [], kurbanAit: patch.kurbanAit, transfers: [], overrides: [], crossChecked: [], notes: [], layers: [] };
  }
  const transfers = [...base.transfers];
  for (const t of patch.transfers ?? []) {
    const i = transfers.findIndex((x) => x.from === t.from || x.to === t.to);
    if (i >= 0) transfers[i] = t;
    else transfers.push(t);
  }
  const overrides = [...base.overrides];
  for (const o of patch.overrides ?? []) {
    const i = overrides.findIndex((x) => x.date === o.date);
    if (i >= 0) overrides[i] = o;
    else overrides.push(o);
  }
  const merged: YearData = {
    ...base,
    holidays: patch.holidays ?? base.holidays,
    kurbanAit: patch.kurbanAit ?? base.kurbanAit,
    transfers,
    overrides,
    notes: [...base.notes, ...(patch.notes ?? [])],
    layers: [...base.layers, origin],
  };
  assertYearConsistent(merged);
  return merged;
}
