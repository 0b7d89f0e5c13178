import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYearData, parseYearPatch } from './calendar-data.validation';
import { CalendarDataset } from './calendar-dataset';
import { CalendarDataError } from './calendar.errors';
import type { YearPatch } from './calendar.types';

/** The shipped year files (copied next to the compiled code by nest-cli assets). */
export const SHIPPED_CALENDAR_DATA_DIR = join(__dirname, 'data');

export interface CalendarDataOptions {
  /** Defaults to the shipped files. */
  dataDir?: string;
  /** A directory of `YYYY.json` override patches layered over the shipped files. */
  overrideDir?: string;
  /** In-memory patches applied last (e.g. a late Kurban Ait change). */
  patches?: YearPatch[];
}

const YEAR_FILE = /^(\d{4})\.json$/;

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CalendarDataError(file, [`cannot read: ${(error as Error).message}`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CalendarDataError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
}

function yearFiles(dir: string): { year: number; file: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new CalendarDataError(dir, [`cannot list directory: ${(error as Error).message}`]);
  }
  return names
    .map((name) => ({ m: YEAR_FILE.exec(name), name }))
    .filter((x): x is { m: RegExpExecArray; name: string } => x.m !== null)
    .map(({ m, name }) => ({ year: Number(m[1]), file: join(dir, name) }))
    .sort((a, b) => a.year - b.year);
}

/**
 * The only I/O of the calendar: reads and validates the year files and the
 * override layers once, at start. Any problem stops the start with its path.
 */
export function loadCalendarDataset(options: CalendarDataOptions = {}): CalendarDataset {
  const dataDir = options.dataDir ?? SHIPPED_CALENDAR_DATA_DIR;
  const base = new CalendarDataset(yearFiles(dataDir).map(({ year, file }) => parseYearData(readJson(file), file, year)));
  const layers = [
    ...(options.overrideDir
      ? yearFiles(options.overrideDir).map(({ year, file }) => ({ patch: parseYearPatch(readJson(file), file, year), origin: file }))
      : []),
    ...(options.patches ?? []).map((patch, i) => ({ patch: parseYearPatch(patch, `patch #${i}`), origin: `patch #${i}` })),
  ];
  return base.withPatches(layers);
}
