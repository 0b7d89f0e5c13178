import { loadCalendarDataset } from '../../../calendar/calendar-data.loader';
import { WorkingCalendar } from '../../../calendar/working-calendar.service';
import { appendCaseEvents, loadCase } from '../../../cases/case-stream';
import type { CaseCommand } from '../../../cases/domain/case.commands';
import { decide, type Caller } from '../../../cases/domain/case.decide';
import { workingTimeFrom } from '../../../cases/working-time.adapter';
import type { EventStore, GlobalPosition } from '../../../event-store/event-store.port';
import { loadCatalogFiles } from '../../../regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../../regulations/catalog/regulation-catalog';
import type { Channel, Region } from '../../../regulations/regulation.model';

/**
 * Produces case histories for read-model tests through the real domain:
 * decide() with the real catalog and calendar, stored with toNewEvents().
 * Nothing here hand-writes event JSON.
 */
export class CaseDriver {
  private static shared?: { catalog: RegulationCatalog; time: ReturnType<typeof workingTimeFrom> };
  private readonly catalog: RegulationCatalog;
  private readonly time: ReturnType<typeof workingTimeFrom>;
  private commands = 0;

  constructor(private readonly store: EventStore) {
    CaseDriver.shared ??= {
      catalog: new RegulationCatalog(loadCatalogFiles()),
      time: workingTimeFrom(new WorkingCalendar(loadCalendarDataset({}))),
    };
    this.catalog = CaseDriver.shared.catalog;
    this.time = CaseDriver.shared.time;
  }

  /** ReceiveApplication (or RefuseAcceptance) with the version in force at `at`; returns the position written. */
  async receive(options: {
    caseId: string;
    region: Region;
    service: string;
    channel: Channel;
    providerOrganisation: string;
    caller: Caller;
    at: Date;
    applicant?: { iin: string; name: string };
    missingDocuments?: string[];
    category?: string;
  }): Promise<GlobalPosition> {
    const regulation = this.catalog.inForce(
      options.region,
      options.service,
      options.channel,
      this.time.localDate(options.at, options.region),
    );
    const base = {
      caseId: options.caseId,
      channel: options.channel,
      service: options.service,
      providerOrganisation: options.providerOrganisation,
      applicant: options.applicant ?? { iin: '870515400707', name: 'Асель Нурлановна Сапарова' },
      documents: ['application', 'identity-document'],
    };
    const command: CaseCommand = options.missingDocuments
      ? { type: 'RefuseAcceptance', ...base, missingDocuments: options.missingDocuments }
      : { type: 'ReceiveApplication', ...base, consentToProtectedData: true, ...(options.category ? { category: options.category } : {}) };
    return this.run(options.caseId, command, options.caller, options.at, regulation);
  }

  /** Any later command on the case, as `caller` at `at`. */
  act(caseId: string, command: CaseCommand, caller: Caller, at: Date): Promise<GlobalPosition> {
    return this.run(caseId, command, caller, at);
  }

  private async run(
    caseId: string,
    command: CaseCommand,
    caller: Caller,
    at: Date,
    regulation?: ReturnType<RegulationCatalog['get']>,
  ): Promise<GlobalPosition> {
    const loaded = await loadCase(this.store, caseId);
    const events = decide(command, loaded.state, { caller, now: at, time: this.time, ...(regulation ? { regulation } : {}) });
    this.commands += 1;
    const id = `${caseId}:${loaded.revision + 1}:${this.commands}`;
    const result = await appendCaseEvents(
      this.store,
      caseId,
      events,
      { commandId: id, correlationId: id, causationId: id },
      loaded.revision === -1 ? 'no-stream' : loaded.revision,
    );
    return result.position;
  }
}

/** Staff of one region for the scenarios: provider school-7 and State Corporation office sc-kst. */
export const staff = (region: Region, organisation = 'school-7', sc = 'sc-kst') => ({
  clerk: { id: 'u-clerk', roles: ['clerk'], organisation, region },
  head: { id: 'u-head', roles: ['head'], organisation, region },
  executor: { id: 'u-exec', roles: ['executor'], organisation, region },
  operator: { id: 'u-op', roles: ['state-corporation-operator'], organisation: sc, region },
});

export const minutesAfter = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);
