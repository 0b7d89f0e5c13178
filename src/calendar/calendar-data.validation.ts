import { CalendarDataError } from './calendar.errors';
import type {
  DayOverride,
  HolidayEntry,
  KurbanAit,
  KurbanAitStatus,
  LocalizedName,
  SourceRef,
  Transfer,
  TransferAct,
  YearData,
  YearPatch,
} from './calendar.types';
import { isValidLocalDate, yearOf } from './local-date';

/**
 * Structural checks of a year file or override patch, with every problem named
 * by its JSON path. Semantic checks that need the computed year (a transfer's
 * `from` must be a day off, its `to` a working day) live in year-calendar.ts.
 */

type Json = Record<string, unknown>;
const STATUSES: KurbanAitStatus[] = ['confirmed', 'announced', 'estimated'];

class Checker {
  readonly problems: string[] = [];
  fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }
  object(value: unknown, path: string): Json | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
    this.fail(path, 'expected an object');
    return undefined;
  }
  array(value: unknown, path: string): unknown[] {
    if (Array.isArray(value)) return value;
    this.fail(path, 'expected an array');
    return [];
  }
  text(value: unknown, path: string): string {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.fail(path, 'expected a non-empty string');
    return '';
  }
  optionalText(value: unknown, path: string): string | undefined {
    return value === undefined ? undefined : this.text(value, path);
  }
  bool(value: unknown, path: string): boolean {
    if (typeof value === 'boolean') return value;
    this.fail(path, 'expected true or false');
    return false;
  }
  date(value: unknown, path: string, year?: number): string {
    if (!isValidLocalDate(value)) {
      this.fail(path, `expected a valid YYYY-MM-DD date, got ${JSON.stringify(value)}`);
      return '';
    }
    if (year !== undefined && yearOf(value) !== year) this.fail(path, `${value} is not in ${year}`);
    return value;
  }
}

function name(c: Checker, value: unknown, path: string): LocalizedName {
  const o = c.object(value, path) ?? {};
  return { ru: c.text(o.ru, `${path}.ru`), kk: c.text(o.kk, `${path}.kk`) };
}

function source(c: Checker, value: unknown, path: string): SourceRef {
  const o = c.object(value, path) ?? {};
  const ref: SourceRef = { title: c.text(o.title, `${path}.title`) };
  for (const key of ['url', 'repo', 'path', 'commit'] as const) {
    const v = c.optionalText(o[key], `${path}.${key}`);
    if (v !== undefined) ref[key] = v;
  }
  if (!ref.url && !(ref.repo && ref.path)) c.fail(path, 'a source needs a url, or a repo and a path');
  return ref;
}

function sources(c: Checker, value: unknown, path: string, required: boolean): SourceRef[] {
  if (value === undefined && !required) return [];
  const list = c.array(value, path).map((s, i) => source(c, s, `${path}[${i}]`));
  if (required && list.length === 0) c.fail(path, 'at least one source is required');
  return list;
}

function holiday(c: Checker, value: unknown, path: string, year: number): HolidayEntry {
  const o = c.object(value, path) ?? {};
  const entry: HolidayEntry = {
    id: c.text(o.id, `${path}.id`),
    date: c.date(o.date, `${path}.date`, year),
    name: name(c, o.name, `${path}.name`),
    religious: c.bool(o.religious, `${path}.religious`),
    movesOffWeekend: c.bool(o.movesOffWeekend, `${path}.movesOffWeekend`),
  };
  if (entry.religious && entry.movesOffWeekend) c.fail(path, 'a religious holiday never moves off a weekend (Law "On holidays", art. 5)');
  return entry;
}

function kurbanAit(c: Checker, value: unknown, path: string, year: number): KurbanAit {
  const o = c.object(value, path) ?? {};
  const status = o.status as KurbanAitStatus;
  if (!STATUSES.includes(status)) c.fail(`${path}.status`, `expected one of ${STATUSES.join(', ')}`);
  const result: KurbanAit = {
    date: c.date(o.date, `${path}.date`, year),
    status,
    name: name(c, o.name, `${path}.name`),
    sources: sources(c, o.sources, `${path}.sources`, true),
  };
  if (o.history !== undefined) {
    result.history = c.array(o.history, `${path}.history`).map((h, i) => {
      const p = `${path}.history[${i}]`;
      const ho = c.object(h, p) ?? {};
      const hs = ho.status as KurbanAitStatus;
      if (!STATUSES.includes(hs)) c.fail(`${p}.status`, `expected one of ${STATUSES.join(', ')}`);
      return {
        date: c.date(ho.date, `${p}.date`, year),
        status: hs,
        ...(ho.until !== undefined ? { until: c.date(ho.until, `${p}.until`) } : {}),
        note: c.text(ho.note, `${p}.note`),
        ...(ho.sources !== undefined ? { sources: sources(c, ho.sources, `${p}.sources`, false) } : {}),
      };
    });
  }
  return result;
}

function act(c: Checker, value: unknown, path: string): TransferAct {
  const o = c.object(value, path) ?? {};
  const kind = o.kind;
  if (kind !== 'decree' && kind !== 'order') c.fail(`${path}.kind`, 'expected "decree" or "order"');
  const result: TransferAct = { issuer: c.text(o.issuer, `${path}.issuer`), kind: kind as TransferAct['kind'] };
  for (const key of ['number', 'title', 'adiletId', 'url', 'basis', 'amends'] as const) {
    const v = c.optionalText(o[key], `${path}.${key}`);
    if (v !== undefined) result[key] = v;
  }
  for (const key of ['date', 'reported'] as const) {
    if (o[key] !== undefined) result[key] = c.date(o[key], `${path}.${key}`);
  }
  if (!result.number && !result.date && !result.adiletId) c.fail(path, 'an act needs a number, a date or an adilet id');
  return result;
}

function transfer(c: Checker, value: unknown, path: string, year: number): Transfer {
  const o = c.object(value, path) ?? {};
  const t: Transfer = {
    from: c.date(o.from, `${path}.from`),
    to: c.date(o.to, `${path}.to`, year),
    reason: c.text(o.reason, `${path}.reason`),
    act: act(c, o.act, `${path}.act`),
    sources: sources(c, o.sources, `${path}.sources`, true),
  };
  // A transfer may reach into the neighbouring year (28 Dec 2013 worked for 3 Jan 2014), no further.
  if (t.from && Math.abs(yearOf(t.from) - year) > 1) c.fail(`${path}.from`, `${t.from} is too far from ${year}`);
  if (t.from && t.from === t.to) c.fail(path, 'from and to are the same date');
  return t;
}

function override(c: Checker, value: unknown, path: string, year: number): DayOverride {
  const o = c.object(value, path) ?? {};
  return {
    date: c.date(o.date, `${path}.date`, year),
    working: c.bool(o.working, `${path}.working`),
    reason: c.text(o.reason, `${path}.reason`),
    ...(o.sources !== undefined ? { sources: sources(c, o.sources, `${path}.sources`, false) } : {}),
  };
}

function noDuplicates(c: Checker, values: string[], path: string, what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) c.fail(path, `duplicate ${what} ${v}`);
    seen.add(v);
  }
}

function checkYear(c: Checker, o: Json, expectedYear?: number): number {
  const year = o.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1991 || year > 2100) {
    c.fail('year', 'expected an integer year 1991..2100');
    return expectedYear ?? 0;
  }
  if (expectedYear !== undefined && year !== expectedYear) c.fail('year', `file is named for ${expectedYear} but says ${year}`);
  return year;
}

/** A complete year (a shipped file); `origin` names it in errors, `layer` in `YearData.layers`. */
export function parseYearData(raw: unknown, origin: string, expectedYear?: number, layer: string = origin): YearData {
  const c = new Checker();
  const o = c.object(raw, '$') ?? {};
  const year = checkYear(c, o, expectedYear);
  const holidays = c.array(o.holidays, 'holidays').map((h, i) => holiday(c, h, `holidays[${i}]`, year));
  const data: YearData = {
    year,
    holidays,
    kurbanAit: kurbanAit(c, o.kurbanAit, 'kurbanAit', year),
    transfers: c.array(o.transfers ?? [], 'transfers').map((t, i) => transfer(c, t, `transfers[${i}]`, year)),
    overrides: c.array(o.overrides ?? [], 'overrides').map((x, i) => override(c, x, `overrides[${i}]`, year)),
    crossChecked: sources(c, o.crossChecked, 'crossChecked', true),
    notes: c.array(o.notes ?? [], 'notes').map((n, i) => c.text(n, `notes[${i}]`)),
    layers: [layer],
  };
  checkUniqueness(c, data);
  if (c.problems.length) throw new CalendarDataError(origin, c.problems);
  return data;
}

/** An override layer for one year; see YearPatch for the merge rules. */
export function parseYearPatch(raw: unknown, origin: string, expectedYear?: number): YearPatch {
  const c = new Checker();
  const o = c.object(raw, '$') ?? {};
  const year = checkYear(c, o, expectedYear);
  const patch: YearPatch = { year };
  if (o.holidays !== undefined) patch.holidays = c.array(o.holidays, 'holidays').map((h, i) => holiday(c, h, `holidays[${i}]`, year));
  if (o.kurbanAit !== undefined) patch.kurbanAit = kurbanAit(c, o.kurbanAit, 'kurbanAit', year);
  if (o.transfers !== undefined) patch.transfers = c.array(o.transfers, 'transfers').map((t, i) => transfer(c, t, `transfers[${i}]`, year));
  if (o.overrides !== undefined) patch.overrides = c.array(o.overrides, 'overrides').map((x, i) => override(c, x, `overrides[${i}]`, year));
  if (o.notes !== undefined) patch.notes = c.array(o.notes, 'notes').map((n, i) => c.text(n, `notes[${i}]`));
  const known = new Set(['year', 'holidays', 'kurbanAit', 'transfers', 'overrides', 'notes', '$comment', 'crossChecked']);
  for (const key of Object.keys(o)) if (!known.has(key)) c.fail(key, 'unknown field in an override patch');
  if (c.problems.length) throw new CalendarDataError(origin, c.problems);
  return patch;
}

/** Duplicate checks over a merged year (also run after patches are applied). */
export function assertYearConsistent(data: YearData, origin: string): void {
  const c = new Checker();
  checkUniqueness(c, data);
  if (c.problems.length) throw new CalendarDataError(origin, c.problems);
}

function checkUniqueness(c: Checker, data: YearData): void {
  noDuplicates(
    c,
    data.holidays.map((h) => h.date),
    'holidays',
    'holiday date',
  );
  noDuplicates(
    c,
    data.transfers.map((t) => t.to),
    'transfers',
    'transfer target',
  );
  noDuplicates(
    c,
    data.transfers.map((t) => t.from),
    'transfers',
    'transfer source',
  );
  noDuplicates(
    c,
    data.overrides.map((x) => x.date),
    'overrides',
    'override date',
  );
  const kurban = data.kurbanAit?.date;
  if (kurban && data.holidays.some((h) => h.date === kurban)) c.fail('kurbanAit.date', `${kurban} is already another holiday`);
}
