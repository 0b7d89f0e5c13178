import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { RegulationVersion } from '../regulation.model';
import { CatalogValidationError } from './catalog-error';
import { findUncitedQuotes } from './citations';
import { validateRegulationVersion } from './validate';
import { messageOf } from '../../common/error-message';

export const DEFAULT_DATA_DIR = join(__dirname, '..', 'data');
export const DEFAULT_TEXTS_DIR = join(__dirname, '..', 'texts');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

/**
 * Reads and validates every version file. Any problem stops the load with a
 * message naming the file, the field and the problem: a service must not start
 * on a catalog it cannot vouch for.
 */
export function loadCatalogFiles(dataDir = DEFAULT_DATA_DIR, textsDir = DEFAULT_TEXTS_DIR): RegulationVersion[] {
  const texts = new Map<string, string>();
  const textOf = (file: string, field: string, source: string): string => {
    const cached = texts.get(source);
    if (cached !== undefined) return cached;
    let text: string;
    try {
      text = readFileSync(join(textsDir, source), 'utf8');
    } catch {
      throw new CatalogValidationError(file, field, `source text ${source} not found in ${textsDir}`);
    }
    texts.set(source, text);
    return text;
  };

  const versions = jsonFiles(dataDir).map((path) => {
    const file = relative(dataDir, path).split(sep).join('/');
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new CatalogValidationError(file, '(file)', `not valid JSON: ${messageOf(error)}`);
    }
    const version = validateRegulationVersion(raw, file);
    const expectedFile = `${version.region}/${version.service.code}.v${version.version}.json`;
    if (file !== expectedFile) throw new CatalogValidationError(file, 'id', `file should be named ${expectedFile}`);
    const uncited = findUncitedQuotes(version, textOf(file, 'source.file', version.source.file));
    if (uncited.length > 0) {
      throw new CatalogValidationError(
        file,
        uncited[0].field,
        `quote not found in ${version.source.file}: "${uncited[0].quote.slice(0, 80)}"`,
      );
    }
    return version;
  });
  checkVersionRanges(versions);
  return versions;
}

/** Versions of one regulation must not overlap in time: a case binds to exactly one. */
function checkVersionRanges(versions: RegulationVersion[]): void {
  const byRegulation = new Map<string, RegulationVersion[]>();
  for (const v of versions) {
    const key = `${v.region}/${v.service.code}`;
    byRegulation.set(key, [...(byRegulation.get(key) ?? []), v]);
  }
  for (const list of byRegulation.values()) {
    const sorted = [...list].sort((a, b) => a.effectiveFrom.date.localeCompare(b.effectiveFrom.date));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      if (sorted[i].version === previous.version) {
        throw new CatalogValidationError(`${sorted[i].id}`, 'version', 'duplicate version number');
      }
      if (!previous.effectiveTo || previous.effectiveTo.date > sorted[i].effectiveFrom.date) {
        throw new CatalogValidationError(
          `${previous.region}/${previous.service.code}.v${previous.version}.json`,
          'effectiveTo',
          `overlaps ${sorted[i].id} which starts ${sorted[i].effectiveFrom.date}`,
        );
      }
    }
  }
}
