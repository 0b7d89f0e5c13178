/**
 * Test support: realistic case histories produced by the real domain (decide
 * with the real catalog and calendar), never hand-written event JSON.
 */
import { loadCalendarDataset } from '../../calendar/calendar-data.loader';
import { WorkingCalendar } from '../../calendar/working-calendar.service';
import { toNewEvents, uuidFromName } from '../../cases/case-stream';
import { Caller, decide } from '../../cases/domain/case.decide';
import { CaseCommand } from '../../cases/domain/case.commands';
import { caseStreamId } from '../../cases/domain/case.events';
import { CaseState, evolve, initialCaseState } from '../../cases/domain/case.state';
import { rememberPlansOf } from '../../cases/plan-codec';
import { workingTimeFrom } from '../../cases/working-time.adapter';
import { NewEvent, RecordedEvent } from '../../event-store/event-store.port';
import { chainHash } from '../../event-store/hash-chain';
import { loadCatalogFiles } from '../../regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import { Region } from '../../regulations/regulation.model';

let shared: { calendar: WorkingCalendar; catalog: RegulationCatalog } | undefined;
export function realWorld(): { calendar: WorkingCalendar; catalog: RegulationCatalog } {
  shared ??= { calendar: new WorkingCalendar(loadCalendarDataset({})), catalog: new RegulationCatalog(loadCatalogFiles()) };
  return shared;
}

export interface ScriptStep {
  /** The server's clock when the command is decided. */
  at: string;
  caller: Caller;
  command: CaseCommand;
}

/** Decides each command on the state folded so far; returns the events as the handler would append them (their plans known in this process, as stored). */
export function driveCase(caseId: string, script: ScriptStep[]): NewEvent[] {
  const { calendar, catalog } = realWorld();
  const time = workingTimeFrom(calendar);
  let state: CaseState = initialCaseState();
  const appended: NewEvent[] = [];
  script.forEach((step, index) => {
    const now = new Date(step.at);
    const c = step.command;
    const regulation =
      c.type === 'ReceiveApplication' || c.type === 'RefuseAcceptance'
        ? catalog.inForce(step.caller.region as Region, c.service, c.channel, time.localDate(now, step.caller.region as Region))
        : undefined;
    const events = decide(c, state, { caller: step.caller, now, time, regulation });
    state = events.reduce(evolve, state);
    rememberPlansOf(events); // as if stored: the receipts name their plans by digest
    const commandId = uuidFromName(`${caseId}:command:${index}`);
    appended.push(...toNewEvents(events, { commandId, correlationId: `corr-${index}`, causationId: commandId }));
  });
  return appended;
}

/** The events as a store would return them, chained exactly like the adapters chain them. */
export function recordInMemory(caseId: string, events: NewEvent[]): RecordedEvent[] {
  const streamId = caseStreamId(caseId);
  let prevHash = '';
  return events.map((e, revision) => {
    const rawData = JSON.stringify(e.data);
    const rawMetadata = JSON.stringify(e.metadata);
    const hash = chainHash({ prevHash, streamId, revision, type: e.type, schemaVersion: e.schemaVersion, rawData, rawMetadata });
    const recorded: RecordedEvent = {
      id: e.id,
      type: e.type,
      schemaVersion: e.schemaVersion,
      streamId,
      revision,
      position: BigInt(revision + 1) << 20n,
      recordedAt: new Date(String(e.metadata.occurredAt)),
      data: JSON.parse(rawData) as unknown,
      metadata: JSON.parse(rawMetadata) as RecordedEvent['metadata'],
      prevHash,
      hash,
      rawData,
      rawMetadata,
    };
    prevHash = hash;
    return recorded;
  });
}

export const KOSTANAY = 'kostanay-oblast';
export const SCHOOL = 'school-7';
export const staff = (id: string, role: string, organisation = SCHOOL, region = KOSTANAY): Caller => ({
  id,
  roles: [role],
  organisation,
  region,
});
export const clerk = staff('u-clerk', 'clerk');
export const head = staff('u-head', 'head');
export const executor = staff('u-exec', 'executor');

export const APPLICANT = { iin: '900101300017', name: 'Иванов Иван Иванович' };
export const APPEAL_ID = '0b6c2f1e-9a11-4c1e-9d3a-5f0c7a1e2b1c';

/**
 * Kostanay duplicates at the provider's office (v2), received Mon 4 Mar 2019
 * 10:00 local (UTC+6 then): the visa comes a day late (3 office hours were
 * due by 13:00), the rest on time; a complaint filed Thu 7 Mar is decided
 * Mon 18 Mar, after its 5 working days (8 Mar is a holiday).
 */
export function kostanayOfficeScript(caseId: string): ScriptStep[] {
  return [
    {
      at: '2019-03-04T04:00:00Z',
      caller: clerk,
      command: {
        type: 'ReceiveApplication',
        caseId,
        channel: 'provider-office',
        service: 'secondary-education-duplicates',
        providerOrganisation: SCHOOL,
        applicant: APPLICANT,
        documents: ['заявление', 'удостоверение личности'],
        consentToProtectedData: true,
      },
    },
    { at: '2019-03-05T05:00:00Z', caller: head, command: { type: 'ImposeVisa', executorId: 'u-exec' } },
    { at: '2019-03-06T05:00:00Z', caller: executor, command: { type: 'PrepareDraft', summary: 'Проект дубликата <аттестата> & печать' } },
    { at: '2019-03-06T06:00:00Z', caller: head, command: { type: 'SignResult' } },
    { at: '2019-03-06T06:10:00Z', caller: clerk, command: { type: 'IssueResult', to: 'applicant' } },
    // The provider's clerk takes the complaint in (appeals are filed only by the case's offices).
    {
      at: '2019-03-07T05:00:00Z',
      caller: clerk,
      command: { type: 'FileAppeal', appealId: APPEAL_ID, grounds: 'Виза наложена с опозданием <script>alert(1)</script>' },
    },
    {
      at: '2019-03-18T05:00:00Z',
      caller: head,
      command: { type: 'DecideAppeal', appealId: APPEAL_ID, decision: 'upheld', reasoning: 'Нарушение срока наложения визы подтверждено' },
    },
  ];
}
