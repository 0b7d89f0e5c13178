import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogLookupError } from '../../common/rule-violation';
import { CatalogValidationError } from './catalog-error';
import { loadCatalogFiles } from './load-catalog';
import { RegulationCatalog } from './regulation-catalog';
import { fixtureText, fixtureVersion } from './regulation.fixture';
import { validateRegulationVersion } from './validate';

function writeCatalog(files: Record<string, unknown>, text: string): { data: string; texts: string } {
  const root = mkdtempSync(join(tmpdir(), 'catalog-'));
  const data = join(root, 'data');
  const texts = join(root, 'texts');
  mkdirSync(texts, { recursive: true });
  writeFileSync(join(texts, 'fixture.txt'), text);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(data, path, '..'), { recursive: true });
    writeFileSync(join(data, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return { data, texts };
}

describe('validateRegulationVersion', () => {
  it('accepts a valid version', () => {
    expect(validateRegulationVersion(fixtureVersion(), 'f.json').id).toBe('kostanay-oblast/secondary-education-duplicates/v1');
  });

  it.each([
    ['region', { region: 'mars' }],
    ['id', { id: 'wrong/id/v1' }],
    ['effectiveTo.date', { effectiveTo: { date: '2010-01-01', basis: 'stated' } }],
    ['effectiveFrom.note', { effectiveFrom: { date: '2016-08-05', basis: 'assumed' } }],
    ['channels', { channels: fixtureVersion().channels.slice(0, 2) }],
  ])('names the bad field %s', (field, override) => {
    const bad = { ...fixtureVersion(), ...override };
    try {
      validateRegulationVersion(bad, 'x/y.json');
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogValidationError);
      expect((error as CatalogValidationError).field).toBe(field);
      expect((error as Error).message).toContain('x/y.json');
    }
  });

  it('an acceptance-day rule limited to channels needs its reading, and a reading needs channels', () => {
    const withRule = (rule: Record<string, unknown>) => ({
      ...fixtureVersion(),
      specialRules: [{ kind: 'acceptance-day-not-counted', citation: fixtureVersion().channels[0].citation, ...rule }],
    });
    expect(() => validateRegulationVersion(withRule({ channels: ['state-corporation'] }), 'f.json')).toThrow('specialRules[0].reading');
    expect(() => validateRegulationVersion(withRule({ channels: ['counter'], reading: { en: 'e', ru: 'р', kk: 'қ' } }), 'f.json')).toThrow(
      'specialRules[0].channels[0]',
    );
    expect(() => validateRegulationVersion(withRule({ channels: ['state-corporation'], reading: { en: 'e', ru: 'р' } }), 'f.json')).toThrow(
      'specialRules[0].reading.kk',
    );
    expect(() => validateRegulationVersion(withRule({ reading: { en: 'e', ru: 'р', kk: 'қ' } }), 'f.json')).toThrow(
      'specialRules[0].reading',
    );
    expect(
      validateRegulationVersion(withRule({ channels: ['state-corporation'], reading: { en: 'e', ru: 'р', kk: 'қ' } }), 'f.json')
        .specialRules,
    ).toHaveLength(1);
    expect(validateRegulationVersion(withRule({}), 'f.json').specialRules).toHaveLength(1);
  });

  it("a service is named in both languages, and the seed's own language is never marked translated", () => {
    const named = (service: Record<string, unknown>) => ({
      ...fixtureVersion(),
      service: { code: 'secondary-education-duplicates', ...service },
    });
    expect(() => validateRegulationVersion(named({ name: { ru: 'Выдача дубликатов' } }), 'f.json')).toThrow('service.name.kk');
    expect(() =>
      validateRegulationVersion(named({ name: { ru: 'Выдача', kk: 'Беру' }, nameTranslation: { lang: 'ru', note: 'x' } }), 'f.json'),
    ).toThrow('service.nameTranslation.lang');
    expect(() =>
      validateRegulationVersion(named({ name: { ru: 'Выдача', kk: 'Беру' }, nameTranslation: { lang: 'kk' } }), 'f.json'),
    ).toThrow('service.nameTranslation.note');
  });

  it('names the step field with its path', () => {
    const version = fixtureVersion();
    (version.channels[0].steps[1] as { role: string }).role = 'janitor';
    expect(() => validateRegulationVersion(version, 'f.json')).toThrow('channels[0].steps[1].role');
  });

  it('rejects a stated duration without a positive value', () => {
    const version = fixtureVersion();
    (version.channels[0].steps[0].duration as { value: number }).value = 0;
    expect(() => validateRegulationVersion(version, 'f.json')).toThrow('channels[0].steps[0].duration.value');
  });
});

describe('loadCatalogFiles', () => {
  const v1 = fixtureVersion();
  const v2 = fixtureVersion({
    id: 'kostanay-oblast/secondary-education-duplicates/v2',
    version: 2,
    effectiveFrom: { date: '2020-02-09', basis: 'assumed', note: 'fixture' },
    effectiveTo: undefined,
  });

  it('loads files and rejects a quote that is not in the source text', () => {
    const ok = writeCatalog({ 'kostanay-oblast/secondary-education-duplicates.v1.json': v1 }, fixtureText(v1));
    expect(loadCatalogFiles(ok.data, ok.texts)).toHaveLength(1);
    const bad = writeCatalog({ 'kostanay-oblast/secondary-education-duplicates.v1.json': v1 }, 'another text');
    expect(() => loadCatalogFiles(bad.data, bad.texts)).toThrow(/quote not found in fixture.txt/);
  });

  it('names a file that is not JSON', () => {
    const dirs = writeCatalog({ 'kostanay-oblast/secondary-education-duplicates.v1.json': '{oops' }, '');
    expect(() => loadCatalogFiles(dirs.data, dirs.texts)).toThrow(/secondary-education-duplicates.v1.json: \(file\): not valid JSON/);
  });

  it('rejects a file whose name does not match its id', () => {
    const dirs = writeCatalog({ 'kostanay-oblast/other.v1.json': v1 }, fixtureText(v1));
    expect(() => loadCatalogFiles(dirs.data, dirs.texts)).toThrow(/should be named/);
  });

  it('rejects overlapping versions of one regulation', () => {
    const overlapping = { ...v2, effectiveFrom: { date: '2019-01-01', basis: 'assumed', note: 'x' } };
    const dirs = writeCatalog(
      {
        'kostanay-oblast/secondary-education-duplicates.v1.json': v1,
        'kostanay-oblast/secondary-education-duplicates.v2.json': overlapping,
      },
      fixtureText(v1),
    );
    expect(() => loadCatalogFiles(dirs.data, dirs.texts)).toThrow(/overlaps/);
  });
});

describe('RegulationCatalog.inForce', () => {
  const v1 = fixtureVersion();
  const v2 = fixtureVersion({
    id: 'kostanay-oblast/secondary-education-duplicates/v2',
    version: 2,
    effectiveFrom: { date: '2020-02-09', basis: 'assumed', note: 'fixture' },
    effectiveTo: undefined,
  });
  const catalog = new RegulationCatalog([v1, v2]);

  const code = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      return error instanceof CatalogLookupError ? error.code : String(error);
    }
    return 'no error';
  };

  it('picks the version in force on the day, bounds inclusive-exclusive', () => {
    expect(catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', 'provider-office', '2016-08-05').id).toBe(v1.id);
    expect(catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', 'provider-office', '2020-02-08').id).toBe(v1.id);
    expect(catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', 'provider-office', '2020-02-09').id).toBe(v2.id);
  });

  it('explains what exists when nothing matches', () => {
    expect(code(() => catalog.inForce('astana', 'secondary-education-duplicates', 'portal', '2018-01-01'))).toBe('regulation-not-found');
    expect(code(() => catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', 'provider-office', '2015-01-01'))).toBe(
      'regulation-not-in-force',
    );
    expect(code(() => catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', 'portal', '2018-01-01'))).toBe(
      'channel-not-available',
    );
  });

  it('refuses a channel whose wording is not in the seeds', () => {
    const partial = fixtureVersion();
    partial.channels[1] = { ...partial.channels[1], wording: 'not-in-seeds', steps: [], note: 'reworded by 313' };
    const c = new RegulationCatalog([partial]);
    expect(code(() => c.inForce('kostanay-oblast', 'secondary-education-duplicates', 'state-corporation', '2017-01-01'))).toBe(
      'regulation-wording-unknown',
    );
  });
});
