import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYearData, parseYearPatch } from './calendar-data.validation';
import { CalendarDataset } from './calendar-dataset';
import { CalendarDataError } from './calendar.errors';
import type { YearPatch } from './calendar.types';

/** The shipped year files (copied next to the compiled code by nest-cli assets). */
export const SHIPPED_CALENDAR_DATA_DIR = join(__dirname, 'data');

/** Where start-up messages go (the module passes a Nest Logger; tests may collect them). */
export interface CalendarLoadLog {
  log(message: string): void;
  warn(message: string): void;
}

export interface CalendarDataOptions {
  /** Defaults to the shipped files. */
  dataDir?: string;
  /** A directory of `YYYY.json` override patches layered over the shipped files. */
  overrideDir?: string;
  /** In-memory patches applied last (e.g. a late Kurban Ait change). */
  patches?: YearPatch[];
  /** Defaults to silence. */
  log?: CalendarLoadLog;
}

/**
 * How a layer is named in `YearData.layers` (and so in GET /calendar/:year): the
 * same file name may be shipped and overridden, so the kind comes first.
 */
export const layerName = {
  shipped: (name: string) => `shipped:${name}`,
  overrideFile: (name: string) => `override-file:${name}`,
  patch: (index: number) => `patch:#${index}`,
};

const YEAR_FILE = /^(\d{4})\.json$/;
const SILENT: CalendarLoadLog = { log: () => undefined, warn: () => undefined };

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

/**
 * The `YYYY.json` files of a directory. A `.json` file with any other name is
 * refused: it is almost certainly a misnamed year file (`2026-override.json`),
 * and ignoring it would silently compute deadlines without it. Other files
 * (a README) are named in a warning; hidden files (`.gitkeep`) are skipped.
 */
function yearFiles(dir: string, log: CalendarLoadLog): { year: number; name: string; file: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new CalendarDataError(dir, [`cannot list directory: ${(error as Error).message}`]);
  }
  const misnamed = names.filter((name) => /\.json$/i.test(name) && !YEAR_FILE.test(name));
  if (misnamed.length) {
    throw new CalendarDataError(
      dir,
      misnamed.map(
        (name) => `${name}: a calendar file must be named YYYY.json (e.g. 2026.json); rename it or move it out of the directory`,
      ),
    );
  }
  const ignored = names.filter((name) => !name.startsWith('.') && !YEAR_FILE.test(name));
  if (ignored.length) log.warn(`Calendar: ignoring ${ignored.join(', ')} in ${dir} (not YYYY.json)`);
  return names
    .map((name) => ({ m: YEAR_FILE.exec(name), name }))
    .filter((x): x is { m: RegExpExecArray; name: string } => x.m !== null)
    .map(({ m, name }) => ({ year: Number(m[1]), name, file: join(dir, name) }))
    .sort((a, b) => a.year - b.year);
}

/**
 * The only I/O of the calendar: reads and validates the year files and the
 * override layers once, at start. Every year is computed after each layer, so a
 * layer that contradicts the data below it (a transfer onto a day already off)
 * stops the start naming that layer's file, the date and the reason, instead of
 * failing every later request for the year.
 */
export function loadCalendarDataset(options: CalendarDataOptions = {}): CalendarDataset {
  const log = options.log ?? SILENT;
  const dataDir = options.dataDir ?? SHIPPED_CALENDAR_DATA_DIR;
  const shipped = yearFiles(dataDir, log).map(({ year, name, file }) => ({
    data: parseYearData(readJson(file), file, year, layerName.shipped(name)),
    file,
  }));
  const base = new CalendarDataset(shipped.map((s) => s.data));
  for (const { data, file } of shipped) base.assertYearsConsistent([data.year], file);

  const layers = [
    ...(options.overrideDir
      ? yearFiles(options.overrideDir, log).map(({ year, name, file }) => ({
          patch: parseYearPatch(readJson(file), file, year),
          name: layerName.overrideFile(name),
          origin: file,
        }))
      : []),
    ...(options.patches ?? []).map((patch, i) => ({
      patch: parseYearPatch(patch, layerName.patch(i)),
      name: layerName.patch(i),
      origin: layerName.patch(i),
    })),
  ];
  let dataset = base;
  for (const layer of layers) {
    dataset = dataset.withPatch(layer.patch, layer.name, layer.origin);
    log.log(`Calendar: override layer ${layer.name} (${layer.origin}) applied to ${layer.patch.year}`);
  }
  if (layers.length === 0) log.log('Calendar: no override layers; shipped data only');
  return dataset;
}
