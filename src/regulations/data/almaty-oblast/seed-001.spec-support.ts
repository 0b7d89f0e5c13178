/**
 * Shared checks for the regulations encoded from seed 001 (Almaty oblast, akimat
 * decree of 12.09.2014 № 332, in Kazakh). Each spec file registers these generic
 * checks, then asserts its own regulation's facts explicitly.
 */
import {
  CHANNELS,
  DURATION_UNITS,
  PROVIDER_KINDS,
  REGIONS,
  STEP_ACTIONS,
  STEP_ROLES,
  type Channel,
  type Citation,
  type Duration,
  type RegulationVersion,
} from '../../regulation.model';
import { addDays, channelOf, loadVersionFile, readSeedText, squash } from '../seeds.spec-support';

export { addDays, channelOf, squash };

export const SEED_FILE = '001_ca970ef67ec64517.txt';

export const loadVersion = (fileName: string): RegulationVersion => loadVersionFile(__dirname, fileName);
export const loadSeedText = (): string => readSeedText(SEED_FILE);

/** Every regulation of decree № 332 opens with this approval stamp; the decree's own text precedes the first. */
const APPROVAL_STAMP = '№ 332 қаулысымен бекітілген';
export const REGULATION_COUNT = 4;

function stampPositions(text: string): number[] {
  const positions: number[] = [];
  for (let i = text.indexOf(APPROVAL_STAMP); i >= 0; i = text.indexOf(APPROVAL_STAMP, i + 1)) positions.push(i);
  return positions;
}

/** The decree's own text (appendix undefined) or the n-th regulation it approves (appendix "n"). */
export function scopeOf(text: string, appendix: string | undefined): string {
  const starts = stampPositions(text);
  if (starts.length !== REGULATION_COUNT) throw new Error(`expected ${REGULATION_COUNT} approval stamps, found ${starts.length}`);
  if (appendix === undefined) return text.slice(0, starts[0]);
  const n = Number(appendix);
  if (!Number.isInteger(n) || n < 1 || n > starts.length) throw new Error(`no regulation at appendix "${appendix}"`);
  return text.slice(starts[n - 1], starts[n] ?? text.length);
}

const lineStart = (label: string): RegExp => new RegExp(`(?:^|\\n)[ \\t]*${label}`);

/** Slice from the line opening with `label(n)` to the line opening with `label(n + 1)`, or the end. */
function sliceNumbered(scope: string, n: number, label: (k: number) => string): string | undefined {
  const start = scope.search(lineStart(label(n)));
  if (start < 0) return undefined;
  const rest = scope.slice(start + 1);
  const next = rest.search(lineStart(label(n + 1)));
  return next < 0 ? scope.slice(start) : scope.slice(start, start + 1 + next);
}

const paragraphLabel = (k: number): string => `${k}\\. `;
const subparagraphLabel = (k: number): string => `(?:- )?${k}\\) `;

/**
 * The text a citation points at: its regulation (or the decree), its numbered paragraph
 * ("5."), its subparagraph ("3)"). A non-numeric paragraph (the "Ескерту" footnote) is
 * searched in the whole scope, which must contain that label.
 */
export function citedText(text: string, c: Citation): string {
  const scope = scopeOf(text, c.appendix);
  if (!/^\d+$/.test(c.paragraph)) {
    if (!scope.includes(c.paragraph)) throw new Error(`label "${c.paragraph}" not in scope`);
    return scope;
  }
  const paragraph = sliceNumbered(scope, Number(c.paragraph), paragraphLabel);
  if (paragraph === undefined) throw new Error(`paragraph ${c.paragraph} not found`);
  if (c.subparagraph === undefined) return paragraph;
  const sub = sliceNumbered(paragraph, Number(c.subparagraph), subparagraphLabel);
  if (sub === undefined) throw new Error(`subparagraph ${c.paragraph}.${c.subparagraph} not found`);
  return sub;
}

type Located<T> = { path: string; value: T };

function walk(node: unknown, path: string, visit: (value: Record<string, unknown>, path: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    visit(record, path);
    for (const [key, value] of Object.entries(record)) walk(value, `${path}.${key}`, visit);
  }
}

export function collectCitations(v: RegulationVersion): Array<Located<Citation>> {
  const found: Array<Located<Citation>> = [];
  walk(v, '$', (value, path) => {
    if (typeof value.quote === 'string' && typeof value.paragraph === 'string') {
      found.push({ path, value: value as unknown as Citation });
    }
  });
  return found;
}

export function collectStatedDurations(v: RegulationVersion): Array<Located<Extract<Duration, { kind: 'stated' }>>> {
  const found: Array<Located<Extract<Duration, { kind: 'stated' }>>> = [];
  walk(v, '$', (value, path) => {
    if (value.kind === 'stated' && typeof value.value === 'number') {
      found.push({ path, value: value as unknown as Extract<Duration, { kind: 'stated' }> });
    }
  });
  return found;
}

const durationLabel = (d: Duration): string => (d.kind === 'stated' ? `${d.value} ${d.unit}` : 'not-stated');
const citationLabel = (c: Citation): string => [c.appendix ?? '-', c.paragraph, c.subparagraph].filter(Boolean).join('.');

/** One row per step, to compare with a table written from the text: [id, role, basis, action, duration, where, branch]. */
export function stepTable(v: RegulationVersion, channel: Channel): string[][] {
  return channelOf(v, channel).steps.map((s) => [
    s.id,
    s.role,
    s.roleBasis,
    s.action,
    durationLabel(s.duration),
    citationLabel(s.citation),
    s.branch ?? 'main',
  ]);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const oneOf = <T extends string>(list: readonly T[], value: unknown): boolean => list.includes(value as T);

/** Shape problems of the fields the model fixes as closed vocabularies or formats; empty when fine. */
export function shapeProblems(v: RegulationVersion): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok) problems.push(message);
  };
  check(oneOf(REGIONS, v.region), `region ${v.region}`);
  check(v.id === `${v.region}/${v.service.code}/v${v.version}`, `id ${v.id}`);
  check(Number.isInteger(v.version) && v.version >= 1, 'version');
  check(v.providerKind.length > 0 && v.providerKind.every((k) => oneOf(PROVIDER_KINDS, k)), 'providerKind');
  check(v.source.language === 'kk' || v.source.language === 'ru', 'source.language');
  for (const date of [v.effectiveFrom, v.effectiveTo, v.legal.repeal?.effectiveFrom].filter((d) => d !== undefined)) {
    check(ISO_DATE.test(date.date) && ['stated', 'derived', 'assumed'].includes(date.basis), `date ${date.date}`);
  }
  for (const act of [v.legal.approvingAct, v.legal.repeal?.act, ...v.legal.amendments.map((a) => a.act)]) {
    if (act) check(ISO_DATE.test(act.date) && act.body !== '' && act.kind !== '' && act.number !== '', `act ${act.number}`);
  }
  check(['consolidated', 'original'].includes(v.wording.kind), 'wording.kind');
  check(v.form.kind.length > 0 && v.form.kind.every((k) => ['paper', 'electronic', 'partially-automated'].includes(k)), 'form');
  check(v.result.text.kk !== undefined || v.result.text.ru !== undefined, 'result.text');
  check(
    v.channels.length === CHANNELS.length && CHANNELS.every((c) => v.channels.filter((r) => r.channel === c).length === 1),
    'channels: each of the three exactly once',
  );
  const stepIds = new Set<string>();
  for (const rules of v.channels) {
    check(['full', 'not-in-seeds'].includes(rules.wording), `${rules.channel}.wording`);
    check(rules.available || rules.steps.length === 0, `${rules.channel}: unavailable but has steps`);
    check(rules.available || (rules.note ?? '') !== '', `${rules.channel}: unavailable without a note`);
    for (const s of rules.steps) {
      check(!stepIds.has(s.id), `duplicate step id ${s.id}`);
      stepIds.add(s.id);
      check(oneOf(STEP_ROLES, s.role), `${s.id}.role ${s.role}`);
      check(s.roleBasis === 'stated' || s.roleBasis === 'inferred', `${s.id}.roleBasis`);
      check(oneOf(STEP_ACTIONS, s.action), `${s.id}.action ${s.action}`);
      check(s.description.kk !== undefined || s.description.ru !== undefined, `${s.id}.description`);
      check(s.branch === undefined || s.branch === 'acceptance-refusal' || s.branch === 'service-refusal', `${s.id}.branch`);
      if (s.duration.kind === 'stated') {
        check(oneOf(DURATION_UNITS, s.duration.unit) && s.duration.value > 0, `${s.id}.duration`);
      } else {
        check(s.duration.kind === 'not-stated' && s.duration.note !== '', `${s.id}.duration`);
      }
    }
  }
  for (const w of v.windows) check(/^\d{2}-\d{2}$/.test(w.from) && /^\d{2}-\d{2}$/.test(w.to), 'window');
  return problems;
}

/**
 * The checks every version from this seed must pass: shape, every quote in the paragraph
 * it cites, every stated number in its quote, and the decree's dates as the text gives them.
 */
export function describeSeed001Version(fileName: string, appendix: string): void {
  const v = loadVersion(fileName);
  const text = loadSeedText();

  describe(`${fileName}: common checks`, () => {
    it('has the shape of a RegulationVersion and an id matching its file name', () => {
      expect(shapeProblems(v)).toEqual([]);
      expect(v.id).toBe(`almaty-oblast/${v.service.code}/v${v.version}`);
      expect(fileName).toBe(`${v.service.code}.v${v.version}.json`);
      expect(v.region).toBe('almaty-oblast');
      expect(v.source).toEqual({ file: SEED_FILE, language: 'kk', appendix });
    });

    it('quotes every citation from the paragraph (and subparagraph) it names', () => {
      const citations = collectCitations(v);
      expect(citations.length).toBeGreaterThan(5);
      for (const { path, value } of citations) {
        expect({ path, found: squash(citedText(text, value)).includes(squash(value.quote)) }).toEqual({ path, found: true });
        expect({ path, length: value.quote.length <= 320 }).toEqual({ path, length: true });
      }
    });

    it('cites only this regulation or the decree itself', () => {
      for (const { path, value } of collectCitations(v)) {
        expect({ path, appendix: value.appendix ?? 'decree' }).toEqual({
          path,
          appendix: value.paragraph === 'Ескерту' ? 'decree' : appendix,
        });
      }
    });

    it('has every stated number in its citation quote', () => {
      for (const { path, value } of collectStatedDurations(v)) {
        expect({ path, has: squash(value.citation.quote).includes(String(value.value)) }).toEqual({ path, has: true });
      }
    });

    it('carries the decree № 332 metadata and no amendment (the text has no amending footnote)', () => {
      expect(v.legal.approvingAct).toEqual({ body: 'Алматы облысы әкімдігі', kind: 'қаулы', date: '2014-09-12', number: '332' });
      expect(squash(text)).toContain(squash('Алматы облысы әкімдігінің 2014 жылғы 12 қыркүйектегі № 332 қаулысы.'));
      expect(v.legal.registration).toEqual({ body: 'Алматы облысының Әділет департаменті', date: '2014-10-21', number: '2874' });
      expect(squash(text)).toContain(squash('Алматы облысының Әділет департаментінде 2014 жылы 21 қазанда № 2874 болып тіркелді.'));
      expect(v.legal.amendments).toEqual([]);
      expect(text).not.toMatch(/редакцияда|өзгеріс енгізілді|өзгерістер енгізілді/);
      expect(v.wording.kind).toBe('consolidated');
      expect(v.version).toBe(1);
    });

    it('is in effect from registration (assumed publication) + 11 days to the repeal + 11 days', () => {
      const decreeText = scopeOf(text, undefined);
      const tenDaysAfterPublication = 'алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі';
      expect(squash(citedText(text, { paragraph: '3', quote: '' }))).toContain(squash(tenDaysAfterPublication));
      // the publication date is not in the decree's text, hence the 'assumed' basis
      expect(decreeText).not.toMatch(/жарияланды/);
      expect(v.effectiveFrom).toMatchObject({ date: addDays('2014-10-21', 11), basis: 'assumed' });
      expect(v.effectiveFrom.date).toBe('2014-11-01');

      expect(v.legal.repeal?.act).toEqual({ body: 'Алматы облысы әкімдігі', kind: 'қаулы', date: '2015-08-26', number: '381' });
      expect(squash(v.legal.repeal?.citation.quote ?? '')).toContain(squash(tenDaysAfterPublication));
      expect(v.legal.repeal?.effectiveFrom).toMatchObject({ date: addDays('2015-08-26', 11), basis: 'assumed' });
      expect(v.effectiveTo).toMatchObject({ date: '2015-09-06', basis: 'assumed' });
    });
  });
}
