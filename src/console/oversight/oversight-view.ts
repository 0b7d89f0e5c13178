import type { BreachRowDto, StepStatsRowDto, SummaryRowDto } from '../../projections/oversight/oversight.dto';

/** Received / completed / refused of one provider and service over the months shown. */
export interface CountGroup {
  organisation: string;
  service: string;
  received: number;
  completed: number;
  refused: number;
}

/** Sums the summary's months per provider and service (the chart; the table keeps the months). */
export function countGroups(rows: readonly SummaryRowDto[]): CountGroup[] {
  const groups = new Map<string, CountGroup>();
  for (const row of rows) {
    const key = JSON.stringify([row.organisation, row.service]);
    const group = groups.get(key) ?? { organisation: row.organisation, service: row.service, received: 0, completed: 0, refused: 0 };
    group.received += row.received;
    group.completed += row.completed;
    group.refused += row.refusedAtAcceptance + row.refusedService;
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => b.received - a.received || a.organisation.localeCompare(b.organisation) || a.service.localeCompare(b.service),
  );
}

export interface Tally {
  key: string;
  role: string;
  count: number;
  overrunMinutes: number;
}

/** Breaches counted by the role the regulation makes responsible, and by the person who ended the step late. */
export function breachTallies(rows: readonly BreachRowDto[]): { byRole: Tally[]; byPerson: Tally[] } {
  const byRole = new Map<string, Tally>();
  const byPerson = new Map<string, Tally>();
  const add = (map: Map<string, Tally>, key: string, role: string, overrun: number) => {
    const tally = map.get(key) ?? { key, role, count: 0, overrunMinutes: 0 };
    tally.count += 1;
    tally.overrunMinutes += overrun;
    map.set(key, tally);
  };
  for (const row of rows) {
    const overrun = Math.max(0, row.overrunMinutes ?? 0);
    add(byRole, row.responsibleRole, row.responsibleRole, overrun);
    if (row.actor) add(byPerson, row.actor.id, row.actor.role, overrun);
  }
  const order = (a: Tally, b: Tally) => b.count - a.count || b.overrunMinutes - a.overrunMinutes || a.key.localeCompare(b.key);
  return { byRole: [...byRole.values()].sort(order), byPerson: [...byPerson.values()].sort(order) };
}

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten, at least `value` (and at least 1). */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

/** Where a step's markers go on its own row: fractions of the row's scale (median, p90, the regulated office minutes). */
export interface StepMarks {
  scaleMinutes: number;
  median: number | null;
  p90: number | null;
  regulated: number | null;
}

/**
 * Each step on its own scale (a five-minute registration and a thirteen-day
 * decision do not share an axis): the largest of median, p90 and the regulated
 * office minutes, plus a margin so the regulated line is never on the edge.
 * Durations counted in days have no office-minute equivalent: no line.
 */
export function stepMarks(
  row: Pick<StepStatsRowDto, 'medianElapsedOfficeMinutes' | 'p90ElapsedOfficeMinutes' | 'allowedOfficeMinutes'>,
): StepMarks {
  const values = [row.medianElapsedOfficeMinutes, row.p90ElapsedOfficeMinutes, row.allowedOfficeMinutes].filter(
    (v): v is number => v !== null && v >= 0,
  );
  const scaleMinutes = niceCeiling(Math.max(0, ...values) * 1.1);
  const at = (v: number | null) => (v === null ? null : Math.min(1, Math.max(0, v / scaleMinutes)));
  return {
    scaleMinutes,
    median: at(row.medianElapsedOfficeMinutes),
    p90: at(row.p90ElapsedOfficeMinutes),
    regulated: at(row.allowedOfficeMinutes),
  };
}

/** SVG text does not wrap: a label cut to `max` characters with an ellipsis (the full text goes in the <title>). */
export const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
