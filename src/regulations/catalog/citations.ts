import { Citation, RegulationVersion } from '../regulation.model';

/** The seed extraction spreads letters and breaks lines: compare with all whitespace removed. */
export const squash = (text: string): string => text.replace(/\s+/g, '');

export interface CitedQuote {
  field: string;
  quote: string;
}

/** Every citation in a version with the field path it sits at. */
export function collectCitations(version: RegulationVersion): Array<{ field: string; citation: Citation }> {
  const found: Array<{ field: string; citation: Citation }> = [];
  const walk = (value: unknown, field: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${field}[${i}]`));
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.quote === 'string' && typeof record.paragraph === 'string') {
        found.push({ field, citation: record as unknown as Citation });
      }
      for (const [key, child] of Object.entries(record)) walk(child, field ? `${field}.${key}` : key);
    }
  };
  walk(version, '');
  return found;
}

export function findUncitedQuotes(version: RegulationVersion, text: string): CitedQuote[] {
  const haystack = squash(text);
  return collectCitations(version)
    .filter(({ citation }) => !haystack.includes(squash(citation.quote)))
    .map(({ field, citation }) => ({ field, quote: citation.quote }));
}
