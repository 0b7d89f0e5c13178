import { CatalogLookupError } from '../../common/rule-violation';
import { Channel, Region, RegulationVersion } from '../regulation.model';

export interface CatalogFilter {
  region?: Region;
  service?: string;
  channel?: Channel;
  /** YYYY-MM-DD: only versions in force that day. */
  date?: string;
}

const inRange = (v: RegulationVersion, date: string): boolean =>
  v.effectiveFrom.date <= date && (!v.effectiveTo || date < v.effectiveTo.date);

const range = (v: RegulationVersion): string => `${v.id} [${v.effectiveFrom.date} .. ${v.effectiveTo?.date ?? 'in force'})`;

/** The loaded, validated catalog: list, get, and "in force for" lookups. */
export class RegulationCatalog {
  private readonly byId: Map<string, RegulationVersion>;

  constructor(readonly versions: readonly RegulationVersion[]) {
    this.byId = new Map(versions.map((v) => [v.id, v]));
  }

  list(filter: CatalogFilter = {}): RegulationVersion[] {
    return this.versions.filter(
      (v) =>
        (!filter.region || v.region === filter.region) &&
        (!filter.service || v.service.code === filter.service) &&
        (!filter.channel || v.channels.some((c) => c.channel === filter.channel && c.available)) &&
        (!filter.date || inRange(v, filter.date)),
    );
  }

  get(id: string): RegulationVersion {
    const version = this.byId.get(id);
    if (!version) throw new CatalogLookupError('not-found', 'regulation-version-not-found', `No regulation version ${id}`);
    return version;
  }

  /**
   * The one version governing an application received on `date` (the provider's
   * local date) through `channel`, or a clear error naming what was asked and
   * what exists.
   */
  inForce(region: Region, service: string, channel: Channel, date: string): RegulationVersion {
    const asked = `${region}/${service} via ${channel} on ${date}`;
    const candidates = this.versions.filter((v) => v.region === region && v.service.code === service);
    if (candidates.length === 0) {
      const services = [...new Set(this.versions.filter((v) => v.region === region).map((v) => v.service.code))];
      throw new CatalogLookupError('not-found', 'regulation-not-found', `No regulation for ${asked}`, {
        asked: { region, service, channel, date },
        servicesInRegion: services,
      });
    }
    const version = candidates.find((v) => inRange(v, date));
    if (!version) {
      throw new CatalogLookupError(
        'unprocessable',
        'regulation-not-in-force',
        `No version of ${region}/${service} was in force on ${date}`,
        {
          asked: { region, service, channel, date },
          versions: candidates.map(range),
        },
      );
    }
    const rules = version.channels.find((c) => c.channel === channel);
    if (!rules || !rules.available) {
      throw new CatalogLookupError('unprocessable', 'channel-not-available', `${version.id} does not accept applications via ${channel}`, {
        asked: { region, service, channel, date },
        version: version.id,
        channels: version.channels.filter((c) => c.available).map((c) => c.channel),
        ...(rules ? { citation: rules.citation } : {}),
      });
    }
    if (rules.wording === 'not-in-seeds') {
      throw new CatalogLookupError(
        'unprocessable',
        'regulation-wording-unknown',
        `The wording of ${version.id} for ${channel} in force on ${date} is not in the catalog`,
        {
          asked: { region, service, channel, date },
          version: version.id,
          note: rules.note,
        },
      );
    }
    return version;
  }
}
