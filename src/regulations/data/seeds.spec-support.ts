/**
 * What every regulation spec needs, whatever its seed: the version file as the
 * catalog loads it (validated), the seed text it quotes, calendar arithmetic
 * for effective dates, and a channel by name. Seed-specific checks live beside
 * each seed's specs (seed-001, kostanay-seed, tvet-seed-003, seed-004).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { validateRegulationVersion } from '../catalog/validate';
import { Channel, ChannelRules, RegulationVersion } from '../regulation.model';

export { findUncitedQuotes, squash } from '../catalog/citations';

/** A seed text shipped in src/regulations/texts (the copy the catalog cites). */
export function readSeedText(file: string): string {
  return readFileSync(join(__dirname, '../texts', file), 'utf8');
}

/** A version file of the region folder `dir`, through the catalog's validator (which throws naming the field). */
export function loadVersionFile(dir: string, file: string): RegulationVersion {
  const raw: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  return validateRegulationVersion(raw, `${basename(dir)}/${file}`);
}

/** YYYY-MM-DD plus `days` calendar days, in UTC so no zone shifts the day. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function channelOf(version: RegulationVersion, channel: Channel): ChannelRules {
  const rules = version.channels.find((c) => c.channel === channel);
  if (!rules) throw new Error(`${version.id}: channel ${channel} not listed`);
  return rules;
}
