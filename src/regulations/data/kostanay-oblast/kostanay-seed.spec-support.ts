/**
 * Test support for the Kostanay regulations (seed 002, resolution № 285 of 21.06.2016):
 * loads a version's JSON, indexes the seed text by appendix / paragraph / sub-paragraph,
 * and lists what in a version disagrees with the model or with the text.
 */
import {
  CHANNELS,
  DURATION_UNITS,
  PROVIDER_KINDS,
  REGIONS,
  STEP_ACTIONS,
  STEP_ROLES,
  type Citation,
  type Duration,
  type RegulationVersion,
} from '../../regulation.model';
import { addDays, channelOf, loadVersionFile, readSeedText, squash } from '../seeds.spec-support';

export { addDays, squash };

export const SEED_FILE = '002_8669c611dcbcd234.txt';
export const seedText = readSeedText(SEED_FILE);
export const loadVersion = (file: string): RegulationVersion => loadVersionFile(__dirname, file);

// ---- the text, cut by appendix, paragraph and sub-paragraph -------------------------------

interface Slice {
  start: number;
  end: number;
}

/** Where each appendix of resolution № 285 starts ("Приложение N к постановлению акимата"). */
function appendixSlices(): Map<string | undefined, Slice> {
  const marks = [...seedText.matchAll(/Приложение\s*(\d)\s*к\s*постановлению\s*акимата/g)];
  const slices = new Map<string | undefined, Slice>();
  slices.set(undefined, { start: 0, end: marks[0]?.index ?? seedText.length });
  marks.forEach((m, i) => slices.set(m[1], { start: m.index, end: marks[i + 1]?.index ?? seedText.length }));
  return slices;
}
const APPENDICES = appendixSlices();

/** Numbered parts inside a slice: paragraphs "\n      N." or sub-paragraphs "\n      N)". */
function parts(within: Slice, marker: RegExp): Map<string, Slice> {
  const body = seedText.slice(within.start, within.end);
  const found = [...body.matchAll(marker)];
  const out = new Map<string, Slice>();
  found.forEach((m, i) => {
    // the first occurrence wins (a paragraph number does not repeat inside one appendix)
    if (!out.has(m[1])) {
      out.set(m[1], { start: within.start + m.index, end: within.start + (found[i + 1]?.index ?? body.length) });
    }
  });
  return out;
}
const PARAGRAPH = /\n {6}(\d+) ?\.\s/g;
const SUBPARAGRAPH = /\n {6}(\d+) ?\)\s/g;

const text = (s: Slice): string => squash(seedText.slice(s.start, s.end));

/** Why the citation's quote is not where the citation says, or undefined when it is. */
export function misplacedQuote(c: Citation): string | undefined {
  const quote = squash(c.quote);
  const appendix = APPENDICES.get(c.appendix);
  if (!appendix) return `no appendix ${c.appendix}`;
  if (!text(appendix).includes(quote)) return `quote not in appendix ${c.appendix ?? '(act text)'}`;
  if (!/^\d+$/.test(c.paragraph)) return undefined; // e.g. "Сноска": checked against the appendix only
  const paragraph = parts(appendix, PARAGRAPH).get(c.paragraph);
  if (!paragraph) return `no paragraph ${c.paragraph} in appendix ${c.appendix}`;
  if (!text(paragraph).includes(quote)) return `quote not in paragraph ${c.paragraph}`;
  if (c.subparagraph === undefined) return undefined;
  const sub = parts(paragraph, SUBPARAGRAPH).get(c.subparagraph);
  if (!sub) return `no sub-paragraph ${c.subparagraph} in paragraph ${c.paragraph}`;
  // a quote may start in the paragraph's lead-in and run into the sub-paragraph ("через: 1) ...")
  const upToSub = text({ start: paragraph.start, end: sub.end });
  const inSub = text(sub).includes(quote) || (upToSub.includes(quote) && quote.includes(`${c.subparagraph})`));
  return inSub ? undefined : `quote not in sub-paragraph ${c.subparagraph} of paragraph ${c.paragraph}`;
}

// ---- a stated duration must be in its quote: the number and the unit ----------------------

const NUMBER_WORDS: Record<number, string[]> = {
  1: ['один', 'одного', 'сутки'],
  2: ['две', 'два'],
  3: ['три'],
  4: ['четыре'],
  5: ['пять'],
  10: ['десять'],
  13: ['тринадцать'],
  15: ['пятнадцать'],
};
const UNIT_WORDS: Record<(typeof DURATION_UNITS)[number], RegExp> = {
  minutes: /минут/,
  hours: /час/,
  'working-days': /рабоч(их|его)(дн|дня)/,
  'calendar-days': /календарн/,
  days: /^(?!.*(рабоч|календарн)).*(день|дня|сутки)/,
  months: /месяц/,
};

export function durationMismatch(d: Duration): string | undefined {
  if (d.kind !== 'stated') return undefined;
  const quote = squash(d.citation.quote);
  const digits = new RegExp(`(^|\\D)${d.value}(\\D|$)`).test(quote);
  const words = (NUMBER_WORDS[d.value] ?? []).some((w) => quote.includes(w));
  if (!digits && !words) return `quote does not contain ${d.value}`;
  if (!UNIT_WORDS[d.unit].test(quote)) return `quote does not name the unit ${d.unit}`;
  return undefined;
}

// ---- every citation and duration in a version ---------------------------------------------

function collect<T>(value: unknown, path: string, pick: (o: Record<string, unknown>) => T | undefined, out: Array<[string, T]>): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, `${path}[${i}]`, pick, out));
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const hit = pick(o);
    if (hit !== undefined) out.push([path, hit]);
    for (const [k, v] of Object.entries(o)) collect(v, `${path}.${k}`, pick, out);
  }
}

export function citationsOf(v: RegulationVersion): Array<[string, Citation]> {
  const out: Array<[string, Citation]> = [];
  collect(v, '$', (o) => (typeof o.quote === 'string' ? (o as unknown as Citation) : undefined), out);
  return out;
}

export function durationsOf(v: RegulationVersion): Array<[string, Duration]> {
  const out: Array<[string, Duration]> = [];
  collect(v, '$', (o) => (o.kind === 'stated' || o.kind === 'not-stated' ? (o as unknown as Duration) : undefined), out);
  return out;
}

// ---- the shape the model requires (JSON is not type-checked) ------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY = /^\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: unknown): boolean => list.includes(v as T);

export function shapeProblems(v: RegulationVersion, file: string): string[] {
  const p: string[] = [];
  const need = (ok: boolean, what: string): void => {
    if (!ok) p.push(what);
  };
  need(v.id === `kostanay-oblast/${file.replace(/\.v(\d+)\.json$/, '/v$1')}`, `id ${v.id} does not match file ${file}`);
  need(v.id === `${v.region}/${v.service.code}/v${v.version}`, 'id is not <region>/<code>/v<version>');
  need(oneOf(REGIONS, v.region), `region ${v.region}`);
  need(Number.isInteger(v.version) && v.version > 0, 'version');
  need(Array.isArray(v.providerKind) && v.providerKind.every((k) => oneOf(PROVIDER_KINDS, k)), 'providerKind');
  need(v.source.file === SEED_FILE && v.source.language === 'ru', 'source');
  need(!!v.service.name.ru, 'service.name.ru');
  for (const d of [v.legal.approvingAct.date, v.legal.registration?.date, v.effectiveFrom.date, v.effectiveTo?.date]) {
    need(d === undefined || DATE.test(d), `date ${d}`);
  }
  need(oneOf(['consolidated', 'original', 'intermediate'] as const, v.wording.kind) && !!v.wording.note, 'wording');
  need(
    v.form.kind.every((k) => oneOf(['paper', 'electronic', 'partially-automated'] as const, k)),
    'form.kind',
  );
  need(Array.isArray(v.refusalGrounds) && Array.isArray(v.windows) && Array.isArray(v.specialRules) && Array.isArray(v.notes), 'lists');
  need(
    v.channels
      .map((c) => c.channel)
      .sort()
      .join() === [...CHANNELS].sort().join(),
    'all three channels, once each',
  );
  const ids = new Set<string>();
  for (const c of v.channels) {
    need(oneOf(['full', 'not-in-seeds'] as const, c.wording), `${c.channel}.wording`);
    need(c.wording === 'full' || c.steps.length === 0, `${c.channel}: not-in-seeds with steps`);
    need(c.available || c.steps.length === 0, `${c.channel}: unavailable with steps`);
    for (const s of c.steps) {
      need(!ids.has(s.id), `duplicate step id ${s.id}`);
      ids.add(s.id);
      need(oneOf(STEP_ROLES, s.role), `${s.id}.role ${s.role}`);
      need(oneOf(['stated', 'inferred'] as const, s.roleBasis), `${s.id}.roleBasis`);
      need(oneOf(STEP_ACTIONS, s.action), `${s.id}.action ${s.action}`);
      need(!!s.description.ru, `${s.id}.description`);
      need(s.branch === undefined || oneOf(['acceptance-refusal', 'service-refusal'] as const, s.branch), `${s.id}.branch`);
    }
  }
  for (const w of v.windows) need(MONTH_DAY.test(w.from) && MONTH_DAY.test(w.to), 'window dates');
  for (const [path, d] of durationsOf(v)) {
    if (d.kind === 'stated') need(oneOf(DURATION_UNITS, d.unit) && d.value > 0, `${path}: unit/value`);
    else need(!!d.note, `${path}: not-stated without note`);
  }
  for (const [path, c] of citationsOf(v)) {
    need(typeof c.paragraph === 'string' && c.paragraph.length > 0 && c.quote.length > 0, `${path}: citation`);
    need(c.appendix === undefined || c.appendix === v.source.appendix, `${path}: cites appendix ${c.appendix}`);
  }
  return p;
}

/** Everything the text does not back: misplaced quotes and stated durations whose quote lacks the number. */
export function textProblems(v: RegulationVersion): string[] {
  const p: string[] = [];
  for (const [path, c] of citationsOf(v)) {
    const why = misplacedQuote(c);
    if (why) p.push(`${path}: ${why}: ${c.quote.slice(0, 80)}`);
  }
  for (const [path, d] of durationsOf(v)) {
    const why = durationMismatch(d);
    if (why) p.push(`${path}: ${why}`);
  }
  return p;
}

/** A compact row per step, to compare against a table written from the text. */
export type StepRow = [id: string, role: string, action: string, duration: string, paragraph: string, branch?: string];
export function stepRows(v: RegulationVersion, channel: (typeof CHANNELS)[number]): StepRow[] {
  const c = v.channels.find((x) => x.channel === channel);
  if (!c) throw new Error(`no channel ${channel}`);
  return c.steps.map((s) => {
    const d = s.duration.kind === 'stated' ? `${s.duration.value} ${s.duration.unit}` : 'not-stated';
    const where = s.citation.subparagraph ? `${s.citation.paragraph}.${s.citation.subparagraph}` : s.citation.paragraph;
    const row: StepRow = [s.id, s.role, s.action, d, where];
    if (s.branch) row.push(s.branch);
    return row;
  });
}

export const channel = channelOf;

// ---- amendment footnotes ("Сноска. Пункт N – в редакции … / с изменением …") ---------------

export interface Footnote {
  /** "1", "8", … or "приложение" for a footnote on an appendix of the regulation. */
  target: string;
  kind: 'reworded' | 'changed';
  /** The amending act's date, YYYY-MM-DD. */
  actDate: string;
}

/** The amendment footnotes inside one appendix of the act, as the text states them. */
export function footnotes(appendix: string): Footnote[] {
  const slice = APPENDICES.get(appendix);
  if (!slice) throw new Error(`no appendix ${appendix}`);
  const body = text(slice);
  const out: Footnote[] = [];
  for (const note of body.split('Сноска.').slice(1)) {
    const head = /^(?:Пункт(\d+)|Приложение\d*)/.exec(note);
    if (!head) throw new Error(`unexpected footnote: ${note.slice(0, 60)}`);
    const target = head[1] ?? 'приложение';
    // one footnote may name several acts: "в редакции … от 04.07.2018 …; с изменением … от 21.12.2018 …"
    for (const m of note.slice(0, 400).matchAll(/(вредакции|сизменени)\D*?(\d\d)\.(\d\d)\.(\d{4})/g)) {
      out.push({ target, kind: m[1] === 'вредакции' ? 'reworded' : 'changed', actDate: `${m[4]}-${m[3]}-${m[2]}` });
    }
  }
  return out;
}

// ---- checks every Kostanay regulation's versions must pass ---------------------------------

/**
 * Shape, quotes, amendments against the footnotes, and the date chain:
 * the approving act in effect on registration + 11 days (publication assumed on registration),
 * each amendment and the repeal on their act date + 11 days (publication assumed on the act date),
 * the original wording from the approving act, an intermediate wording from each amendment that
 * a later one partly reworded, the consolidated wording from the latest amendment to the repeal.
 */
export function commonVersionTests(appendix: string, files: string[]): void {
  const versions = files.map(loadVersion);

  describe.each(files.map((f, i) => [f, versions[i]] as const))('%s', (file, v) => {
    it('has the shape the model requires', () => {
      expect(shapeProblems(v, file)).toEqual([]);
    });

    it('cites only quotes that stand in the cited appendix, paragraph and sub-paragraph', () => {
      expect(textProblems(v)).toEqual([]);
    });

    it('encodes appendix ' + appendix + ' of resolution № 285 of 21.06.2016, registered 25.07.2016 № 6555', () => {
      expect(v.source).toEqual({ file: SEED_FILE, language: 'ru', appendix });
      expect(v.legal.approvingAct).toEqual({
        body: 'акимат Костанайской области',
        kind: 'постановление',
        date: '2016-06-21',
        number: '285',
      });
      expect(v.legal.registration).toEqual({ body: 'Департамент юстиции Костанайской области', date: '2016-07-25', number: '6555' });
    });

    it('lists exactly the amendments the footnotes of this appendix name, with their paragraphs', () => {
      const notes = footnotes(appendix).filter((n) => n.target !== 'приложение');
      const dates = [...new Set(footnotes(appendix).map((n) => n.actDate))].sort();
      expect(v.legal.amendments.map((a) => a.act.date).sort()).toEqual(dates);
      for (const a of v.legal.amendments) {
        const mine = notes.filter((n) => n.actDate === a.act.date);
        expect([...a.paragraphsReworded].sort()).toEqual(
          mine
            .filter((n) => n.kind === 'reworded')
            .map((n) => n.target)
            .sort(),
        );
        expect([...a.paragraphsChanged].sort()).toEqual(
          mine
            .filter((n) => n.kind === 'changed')
            .map((n) => n.target)
            .sort(),
        );
        expect(a.effectiveFrom).toMatchObject({ date: addDays(a.act.date, 11), basis: 'assumed' });
        expect(squash(a.citation.quote)).toContain(a.act.date.split('-').reverse().join('.'));
      }
    });

    it('is repealed by resolution 29.01.2020 № 36, in effect 2020-02-09 (assumed publication on the act date)', () => {
      expect(v.legal.repeal?.act).toMatchObject({ date: '2020-01-29', number: '36' });
      expect(v.legal.repeal?.effectiveFrom).toMatchObject({ date: addDays('2020-01-29', 11), basis: 'assumed' });
      expect(v.legal.repeal?.effectiveFrom.date).toBe('2020-02-09');
    });
  });

  it('chains the versions: the original from 2016-08-05, each later wording from an amendment taking effect, the consolidated one to the repeal', () => {
    const chain = [...versions].sort((a, b) => a.effectiveFrom.date.localeCompare(b.effectiveFrom.date));
    const first = chain[0];
    const last = chain[chain.length - 1];
    expect(chain.map((v) => v.wording.kind)).toEqual(['original', ...chain.slice(1, -1).map(() => 'intermediate'), 'consolidated']);
    expect(first.effectiveFrom).toMatchObject({ date: addDays('2016-07-25', 11), basis: 'assumed' });
    expect(first.effectiveFrom.date).toBe('2016-08-05');
    const amendmentDates = last.legal.amendments.map((a) => a.effectiveFrom?.date ?? '').sort();
    for (const v of chain.slice(1)) expect(amendmentDates).toContain(v.effectiveFrom.date);
    expect(last.effectiveFrom.date).toBe(amendmentDates.at(-1));
    chain.slice(1).forEach((v, i) => expect(chain[i].effectiveTo?.date).toBe(v.effectiveFrom.date));
    expect(last.effectiveTo?.date).toBe(last.legal.repeal?.effectiveFrom.date);
  });
}

/** One paragraph (or sub-paragraph) of an appendix, without whitespace. */
export function paragraphText(appendix: string, paragraph: string, subparagraph?: string): string {
  const slice = APPENDICES.get(appendix);
  const p = slice && parts(slice, PARAGRAPH).get(paragraph);
  if (!p) throw new Error(`no paragraph ${paragraph} in appendix ${appendix}`);
  if (subparagraph === undefined) return text(p);
  const sub = parts(p, SUBPARAGRAPH).get(subparagraph);
  if (!sub) throw new Error(`no sub-paragraph ${subparagraph} in paragraph ${paragraph}`);
  return text(sub);
}
