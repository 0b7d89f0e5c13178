import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCalendarDataset, SHIPPED_CALENDAR_DATA_DIR } from './calendar-data.loader';
import { parseYearData, parseYearPatch } from './calendar-data.validation';
import { CalendarEngine } from './calendar-engine';
import { CalendarDataError } from './calendar.errors';
import type { KurbanAit, YearPatch } from './calendar.types';
import { isValidLocalDate, isWeekend } from './local-date';
import { computeYearCalendar } from './year-calendar';

const files = readdirSync(SHIPPED_CALENDAR_DATA_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const raw = (file: string) => JSON.parse(readFileSync(join(SHIPPED_CALENDAR_DATA_DIR, file), 'utf8')) as Record<string, unknown>;

describe('data integrity of every year file', () => {
  it('one file per year, 2014–2027, nothing else', () => {
    expect(files).toEqual(Array.from({ length: 14 }, (_, i) => `${2014 + i}.json`));
  });

  describe.each(files)('%s', (file) => {
    const year = Number(file.slice(0, 4));
    const data = parseYearData(raw(file), file, year);

    it('parses: valid dates in the year, names in ru and kk, no duplicate dates', () => {
      expect(data.year).toBe(year);
      for (const h of data.holidays) {
        expect(isValidLocalDate(h.date)).toBe(true);
        expect(h.name.ru && h.name.kk).toBeTruthy();
      }
      expect(new Set(data.holidays.map((h) => h.date)).size).toBe(data.holidays.length);
    });

    it('religious days (Orthodox Christmas) never move; every other holiday does', () => {
      for (const h of data.holidays) expect(h.movesOffWeekend).toBe(!h.religious);
      expect(data.holidays.filter((h) => h.religious).map((h) => h.id)).toEqual(['orthodox-christmas']);
    });

    it('Kurban Ait has a date in the year, a status and sources; confirmed through 2025', () => {
      expect(data.kurbanAit.date.startsWith(String(year))).toBe(true);
      expect(data.kurbanAit.sources.length).toBeGreaterThan(0);
      if (year <= 2025) expect(data.kurbanAit.status).toBe('confirmed');
    });

    it('every transfer cites its act and at least one source; from is a day off, to a working day before the transfer', () => {
      for (const t of data.transfers) {
        expect(t.sources.length).toBeGreaterThan(0);
        expect(t.act.number ?? t.act.date ?? t.act.adiletId).toBeTruthy();
        expect(t.reason).toBeTruthy();
        expect(isWeekend(t.to)).toBe(false);
      }
      expect(() => computeYearCalendar(data)).not.toThrow();
    });

    it('the year was cross-checked against named sources', () => {
      expect(data.crossChecked.length).toBeGreaterThan(0);
    });
  });
});

describe('validation names the problem', () => {
  it('a transfer without a source or act reference is rejected with its path', () => {
    const bad = raw('2016.json');
    (bad.transfers as Record<string, unknown>[])[0].sources = [];
    (bad.transfers as Record<string, unknown>[])[0].act = { issuer: 'Government', kind: 'decree' };
    expect(() => parseYearData(bad, '2016.json', 2016)).toThrow(/transfers\[0\]\.sources: at least one source is required/);
    expect(() => parseYearData(bad, '2016.json', 2016)).toThrow(/transfers\[0\]\.act: an act needs a number, a date or an adilet id/);
  });

  it('an invalid date, a date in another year and a moving religious day are rejected', () => {
    const bad = raw('2016.json');
    const holidays = bad.holidays as Record<string, unknown>[];
    holidays[0].date = '2016-02-30';
    holidays[1].date = '2015-01-02';
    holidays[2].movesOffWeekend = true;
    let error: CalendarDataError | undefined;
    try {
      parseYearData(bad, '2016.json', 2016);
    } catch (e) {
      error = e as CalendarDataError;
    }
    expect(error).toBeInstanceOf(CalendarDataError);
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('holidays[0].date: expected a valid YYYY-MM-DD date'),
        'holidays[1].date: 2015-01-02 is not in 2016',
        expect.stringContaining('holidays[2]: a religious holiday never moves'),
      ]),
    );
  });

  it('a file named for another year is rejected', () => {
    expect(() => parseYearData(raw('2016.json'), '2017.json', 2017)).toThrow(/file is named for 2017 but says 2016/);
  });

  it('a transfer onto a day that is already off is rejected when the year is computed', () => {
    const data = parseYearData(raw('2016.json'), '2016.json', 2016);
    data.transfers = [{ ...data.transfers[0], from: '2016-03-12', to: '2016-03-08' }];
    expect(() => computeYearCalendar(data)).toThrow(/Tue 2016-03-08 is already a day off/);
  });
});

describe('override layers', () => {
  const kurban2024Monday: KurbanAit = {
    date: '2024-06-17',
    status: 'announced',
    name: { ru: 'Курбан айт (первый день)', kk: 'Құрбан айт (бірінші күні)' },
    sources: [
      {
        title: 'calendar of the Spiritual Administration as published before 7 June 2024',
        url: 'https://rus.azattyq-ruhy.kz/society/58081-opublikovan-kalendar-musulmanskikh-prazdnikov-na-2024-god/amp',
      },
    ],
  };

  it('an in-memory patch replaces Kurban Ait (2024 as announced before the 7 June change): Monday 17 June off', () => {
    const engine = new CalendarEngine(loadCalendarDataset({ patches: [{ year: 2024, kurbanAit: kurban2024Monday }] }));
    expect(engine.dayInfo('2024-06-17')).toMatchObject({ working: false, status: 'holiday' });
    expect(engine.dayInfo('2024-06-16').reasons).toEqual([{ kind: 'weekend' }]);
    expect(engine.yearData(2024).layers).toEqual(['shipped:2024.json', 'patch:#0']);
    // the shipped data is untouched
    expect(new CalendarEngine(loadCalendarDataset()).isWorkingDay('2024-06-17', 'astana')).toBe(true);
  });

  it('an override directory adds a transfer and an explicit override, validated like the shipped files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kz-calendar-override-'));
    try {
      const patch: YearPatch = {
        year: 2026,
        transfers: [
          {
            from: '2026-05-09',
            to: '2026-05-08',
            reason: 'test: a hypothetical late transfer',
            act: { issuer: 'Minister of Labour and Social Protection of Population', kind: 'order', number: 'test-1' },
            sources: [{ title: 'test fixture', url: 'https://example.invalid/order' }],
          },
        ],
        overrides: [{ date: '2026-12-31', working: false, reason: 'test: declared day off' }],
      };
      writeFileSync(join(dir, '2026.json'), JSON.stringify(patch));
      const messages: string[] = [];
      const log = { log: (m: string) => messages.push(m), warn: (m: string) => messages.push(`WARN ${m}`) };
      const engine = new CalendarEngine(loadCalendarDataset({ overrideDir: dir, log }));
      expect(engine.yearData(2026).layers).toEqual(['shipped:2026.json', 'override-file:2026.json']);
      expect(messages).toEqual([`Calendar: override layer override-file:2026.json (${join(dir, '2026.json')}) applied to 2026`]);
      expect(engine.dayInfo('2026-05-08')).toMatchObject({ working: false, status: 'transferred-day-off' });
      expect(engine.dayInfo('2026-12-31')).toMatchObject({ working: false, status: 'override-day-off' });

      writeFileSync(join(dir, '2026.json'), JSON.stringify({ ...patch, year: 2025 }));
      expect(() => loadCalendarDataset({ overrideDir: dir })).toThrow(/file is named for 2026 but says 2025/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a new year needs holidays and Kurban Ait; a complete patch makes it covered', () => {
    expect(() => loadCalendarDataset({ patches: [{ year: 2028, transfers: [] }] })).toThrow(/must then give holidays and kurbanAit/);
    const y2027 = parseYearData(raw('2027.json'), '2027.json', 2027);
    const holidays = y2027.holidays.map((h) => ({ ...h, date: `2028${h.date.slice(4)}` }));
    const engine = new CalendarEngine(
      loadCalendarDataset({
        patches: [{ year: 2028, holidays, kurbanAit: { ...y2027.kurbanAit, date: '2028-05-05', status: 'estimated' } }],
      }),
    );
    expect(engine.coveredYears()).toContain(2028);
    expect(engine.dayInfo('2028-05-05').working).toBe(false);
  });

  it('patches are validated too', () => {
    expect(() => parseYearPatch({ year: 2024, kurbanAit: { date: '2024-13-01' } }, 'x')).toThrow(CalendarDataError);
    expect(() => parseYearPatch({ year: 2024, holidayz: [] }, 'x')).toThrow(/holidayz: unknown field/);
  });
});

describe('an override layer is checked against the data at start', () => {
  const transfer = (from: string, to: string) => ({
    from,
    to,
    reason: 'test: a transfer onto a day that is already off',
    act: { issuer: 'Government', kind: 'decree', number: 'test-2' },
    sources: [{ title: 'test fixture', url: 'https://example.invalid/decree' }],
  });
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kz-calendar-override-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const loadError = (options: Parameters<typeof loadCalendarDataset>[0]): CalendarDataError => {
    try {
      loadCalendarDataset(options);
    } catch (error) {
      if (error instanceof CalendarDataError) return error;
      throw error;
    }
    throw new Error('expected the load to be refused');
  };

  it('a transfer onto a day already off (Mon 2026-03-09, the day off for Sun 8 March) is refused with the file, the date and the reason', () => {
    writeFileSync(join(dir, '2026.json'), JSON.stringify({ year: 2026, transfers: [transfer('2026-03-14', '2026-03-09')] }));
    const error = loadError({ overrideDir: dir });
    expect(error.origin).toBe(join(dir, '2026.json'));
    expect(error.problems).toEqual([
      expect.stringMatching(
        /^2026 .*transfer to 2026-03-09 \(test: a transfer onto a day that is already off\): Mon 2026-03-09 is already a day off/,
      ),
    ]);
  });

  it('an in-memory patch that contradicts the data is refused too, naming the patch', () => {
    const error = loadError({
      patches: [
        { year: 2026, transfers: [] },
        {
          year: 2026,
          transfers: [{ ...transfer('2026-03-11', '2026-03-12'), act: { issuer: 'Government', kind: 'decree', number: '1' } }],
        },
      ],
    });
    expect(error.origin).toBe('patch:#1');
    expect(error.problems).toEqual([
      expect.stringContaining(
        'transfer from 2026-03-11 (test: a transfer onto a day that is already off): Wed 2026-03-11 is already a working day',
      ),
    ]);
  });

  it('a .json file not named YYYY.json is refused; another file is named in a warning', () => {
    writeFileSync(join(dir, '2026-override.json'), '{}');
    expect(loadError({ overrideDir: dir }).problems).toEqual([
      expect.stringMatching(/^2026-override\.json: a calendar file must be named YYYY\.json/),
    ]);
    rmSync(join(dir, '2026-override.json'));
    writeFileSync(join(dir, 'README.md'), 'notes');
    writeFileSync(join(dir, '.gitkeep'), '');
    const warnings: string[] = [];
    loadCalendarDataset({ overrideDir: dir, log: { log: () => undefined, warn: (m) => warnings.push(m) } });
    expect(warnings).toEqual([`Calendar: ignoring README.md in ${dir} (not YYYY.json)`]);
  });
});
