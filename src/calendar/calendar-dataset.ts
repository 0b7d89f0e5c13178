import { assertYearConsistent } from './calendar-data.validation';
import { CalendarDataError } from './calendar.errors';
import type { Transfer, YearData, YearPatch } from './calendar.types';
import { computeYearCalendar } from './year-calendar';

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

  /** Transfers recorded in the neighbouring years' files (a `from` may reach into this year). */
  foreignTransfers(year: number): Transfer[] {
    return [year - 1, year + 1].flatMap((y) => this.years.get(y)?.transfers ?? []);
  }

  /**
   * Computes each of `years` that is covered, so that a contradiction (a transfer
   * onto a day already off, from a day already worked) is found now and reported
   * against `origin`, the file or patch being loaded.
   */
  assertYearsConsistent(years: readonly number[], origin: string): void {
    const problems: string[] = [];
    for (const year of years) {
      const data = this.years.get(year);
      if (!data) continue;
      try {
        computeYearCalendar(data, this.foreignTransfers(year));
      } catch (error) {
        if (!(error instanceof CalendarDataError)) throw error;
        problems.push(...error.problems.map((p) => `${year} (layers ${data.layers.join(' + ')}): ${p}`));
      }
    }
    if (problems.length) throw new CalendarDataError(origin, problems);
  }

  /**
   * A new dataset with one more layer (it wins over what is below). The layer's
   * year and its neighbours (whose transfers may reach across New Year) are
   * recomputed; a contradiction stops here, naming `origin`.
   */
  withPatch(patch: YearPatch, name: string, origin: string): CalendarDataset {
    const next = new Map(this.years);
    next.set(patch.year, applyPatch(next.get(patch.year), patch, name, origin));
    const dataset = new CalendarDataset(next.values());
    dataset.assertYearsConsistent([patch.year - 1, patch.year, patch.year + 1], origin);
    return dataset;
  }
}

/**
 * Merge rules: holidays and kurbanAit replace; a transfer replaces one with the
 * same `from` or `to`, else is added; an override replaces one for the same date,
 * else is added; notes are appended.
 */
export function applyPatch(base: YearData | undefined, patch: YearPatch, name: string, origin: string): YearData {
  if (!base) {
    if (!patch.holidays || !patch.kurbanAit) {
      throw new CalendarDataError(origin, [`no shipped data for ${patch.year}: an override must then give holidays and kurbanAit`]);
    }
    base = {
      year: patch.year,
      holidays: [],
      kurbanAit: patch.kurbanAit,
      transfers: [],
      overrides: [],
      crossChecked: [],
      notes: [],
      layers: [],
    };
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
    layers: [...base.layers, name],
  };
  assertYearConsistent(merged, origin);
  return merged;
}
