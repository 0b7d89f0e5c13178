import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGIONS, RegulationVersion } from '../regulation.model';
import { squash } from './citations';
import { DEFAULT_TEXTS_DIR, loadCatalogFiles } from './load-catalog';
import { RegulationCatalog } from './regulation-catalog';

/** The shipped catalog, checked as a whole against the seed texts. */
describe('the shipped regulation catalog', () => {
  const versions = loadCatalogFiles();
  const catalog = new RegulationCatalog(versions);

  it('loads and validates every file', () => {
    expect(versions.length).toBeGreaterThan(0);
  });

  it('covers every regulation of the seeds (14 regulations)', () => {
    const regulations = new Set(versions.map((v) => `${v.region}/${v.service.code}`));
    expect([...regulations].sort()).toEqual(
      [
        'astana/externat-permission',
        'astana/secondary-education-duplicates',
        'almaty-oblast/externat-permission',
        'almaty-oblast/home-schooling-documents',
        'almaty-oblast/school-admission',
        'almaty-oblast/secondary-education-duplicates',
        'kostanay-oblast/externat-permission',
        'kostanay-oblast/school-admission',
        'kostanay-oblast/secondary-education-duplicates',
        'west-kazakhstan-oblast/externat-permission',
        'west-kazakhstan-oblast/secondary-education-duplicates',
        'west-kazakhstan-oblast/tvet-admission',
        'west-kazakhstan-oblast/tvet-dormitory',
        'west-kazakhstan-oblast/tvet-education-duplicates',
      ].sort(),
    );
  });

  it('ships every cited seed text inside the repo', () => {
    for (const v of versions) expect(() => readFileSync(join(DEFAULT_TEXTS_DIR, v.source.file))).not.toThrow();
  });

  const stepsOf = (v: RegulationVersion) => v.channels.flatMap((c) => c.steps.map((s) => ({ channel: c.channel, step: s })));

  it('quotes the number of every stated step duration', () => {
    const missing = versions.flatMap((v) =>
      stepsOf(v)
        .filter(({ step }) => step.duration.kind === 'stated')
        .filter(({ step }) => {
          const d = step.duration as Extract<typeof step.duration, { kind: 'stated' }>;
          return !squash(d.citation.quote).includes(String(d.value));
        })
        .map(({ channel, step }) => `${v.id} ${channel} ${step.id}`),
    );
    expect(missing).toEqual([]);
  });

  it("names every service in Russian and Kazakh: the seed's own name as the seed gives it, the other marked as translated, from the seed it names (#17 item 10)", () => {
    const seedText = (file: string) => squash(readFileSync(join(DEFAULT_TEXTS_DIR, file), 'utf8'));
    const seedFiles = readdirSync(DEFAULT_TEXTS_DIR);
    for (const v of versions) {
      const own = v.source.language;
      const other = own === 'ru' ? 'kk' : 'ru';
      expect([v.id, seedText(v.source.file).includes(squash(v.service.name[own]))]).toEqual([v.id, true]);
      expect([v.id, v.service.nameTranslation?.lang]).toEqual([v.id, other]);
      expect(v.service.name[other].length).toBeGreaterThan(20);
      // "the same service's name in seed(s) 000 and 001": stands in each named seed.
      const named = [...(v.service.nameTranslation?.note.matchAll(/\b(00\d)\b/g) ?? [])].map((m) => m[1]);
      if (!v.service.nameTranslation?.note.startsWith("the catalog's translation")) expect([v.id, named.length > 0]).toEqual([v.id, true]);
      for (const n of named) {
        const file = seedFiles.find((f) => f.startsWith(`${n}_`)) ?? `${n} (missing)`;
        expect([v.id, file, seedText(file).includes(squash(v.service.name[other]))]).toEqual([v.id, file, true]);
      }
    }
  });

  it('every registration (of the approving act or of an amending act) has its number in the seed text; amending acts share one model', () => {
    for (const v of versions) {
      const text = squash(readFileSync(join(DEFAULT_TEXTS_DIR, v.source.file), 'utf8'));
      const registrations = [v.legal.registration, ...v.legal.amendments.map((a) => a.registration)].filter((r) => r !== undefined);
      for (const r of registrations) expect([v.id, text.includes(`№${r.number}`)]).toEqual([v.id, true]);
      for (const a of v.legal.amendments)
        expect(
          Object.keys(a).filter(
            (k) => !['act', 'registration', 'effectiveFrom', 'paragraphsReworded', 'paragraphsChanged', 'citation'].includes(k),
          ),
        ).toEqual([]);
    }
  });

  it('a step whose quote requires a notarised power of attorney says so in `representative`, quoting the seed', () => {
    // "нотариально удостоверенная доверенность" / "нотариалды куәландырылған сенімхат" (not the notarial information system)
    const notarial = /нотариально\s+удостоверенн|нотариалды\s+куәландырылған/i;
    const steps = versions.flatMap((v) => stepsOf(v).map(({ channel, step }) => ({ v, key: `${v.id} ${channel} ${step.id}`, step })));
    const quoted = steps.filter(({ step }) => notarial.test(step.citation.quote));
    expect(quoted.length).toBeGreaterThanOrEqual(4);
    for (const { v, key, step } of quoted) {
      const text = squash(readFileSync(join(DEFAULT_TEXTS_DIR, v.source.file), 'utf8'));
      expect([key, step.representative?.powerOfAttorney]).toEqual([key, 'notarised']);
      expect(step.representative?.citation.quote).toMatch(notarial);
      expect(text).toContain(squash(step.representative?.citation.quote ?? '(missing)'));
      expect(squash(step.citation.quote)).toContain(squash(step.representative?.citation.quote ?? '(missing)'));
    }
    expect(steps.filter(({ step }) => step.representative && !quoted.some((q) => q.step === step))).toEqual([]);
  });

  it('keeps the in-force lookup unambiguous for every region, service and day of a version', () => {
    for (const v of versions) {
      for (const c of v.channels.filter((ch) => ch.available && ch.wording === 'full')) {
        expect(catalog.inForce(v.region, v.service.code, c.channel, v.effectiveFrom.date).id).toBe(v.id);
      }
    }
  });

  it('uses only known regions', () => {
    for (const v of versions) expect(REGIONS).toContain(v.region);
  });
});
