import { Inject, Injectable } from '@nestjs/common';
import { Principal, Role } from '../auth/principal';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { foldRecorded } from '../cases/case-stream';
import { caseStreamId } from '../cases/domain/case.events';
import { CaseState } from '../cases/domain/case.state';
import { CLOCK, Clock } from '../common/clock';
import { isUuid } from '../common/ids';
import { ProblemError } from '../common/problem';
import { EVENT_STORE, EventStore, RecordedEvent } from '../event-store/event-store.port';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { Region } from '../regulations/regulation.model';
import { AccessLogPage, AccessLogService } from './access/access-log.service';
import { assertCanReadAccessLog, CaseParties, decideCaseAccess, REGIONAL_AUDITORS } from './access/access-policy';
import { AuditAction } from './access/case-accessed';
import type { StreamAnchor } from './anchor/case-anchor';
import { CaseIntegrityService, VerifiedStream } from './case-integrity.service';
import { IntegrityStatement, integrityStatement } from './dossier/integrity-statement';
import { buildDossier, CaseDossier, legalOf, LegalView } from './dossier/dossier';
import { StreamVerdict } from './integrity/stream-verdict';
import { CaseReplay, CaseReplaySteps, replayCase, replaySteps } from './replay/replay';
import { ReplayPoint, selectEvents } from './replay/replay-point';

export interface AuditRequest {
  caseId: string;
  principal: Principal;
  correlationId: string;
}

interface Opened {
  events: RecordedEvent[];
  state: CaseState;
  verdict: StreamVerdict;
  anchor: StreamAnchor;
  verified: VerifiedStream;
  role: Role;
}

export type CaseVerification = StreamVerdict & { caseId: string; verifiedAt: string; anchor: StreamAnchor; statement: IntegrityStatement };

export function checkCaseId(id: string): string {
  if (!isUuid(id)) throw new ProblemError(400, 'invalid-case-id', 'A case id is a UUID');
  return id;
}

const partiesOf = (state: CaseState): CaseParties | undefined =>
  state.plan ? { region: state.plan.region, providerOrganisation: state.providerOrganisation, stateCorporationOrganisation: state.stateCorporationOrganisation } : undefined;

/**
 * Replay, verify and dossier of one case: always from the case's own stream
 * (never a read model), always checked against the access rules and recorded
 * in the case's access log before anything is answered.
 */
@Injectable()
export class CaseAuditService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(RegulationCatalog) private readonly catalog: RegulationCatalog,
    @Inject(CaseIntegrityService) private readonly integrity: CaseIntegrityService,
    @Inject(AccessLogService) private readonly accessLog: AccessLogService,
  ) {}

  /**
   * `evidenceOfDeleted`: verify and the bundle still answer for a case whose
   * events are all gone while the transparency log holds its leaves. Its region
   * went with its receipt, so only regional auditors (appeal reviewers,
   * oversight) of any region are served: the answer holds hashes, no personal data.
   */
  private async open(
    request: AuditRequest,
    what: AuditAction,
    parameters: Record<string, string>,
    check?: (events: RecordedEvent[]) => void,
    evidenceOfDeleted = false,
  ): Promise<Opened> {
    const { caseId, principal, correlationId } = request;
    const verified = await this.integrity.read(caseStreamId(checkCaseId(caseId)));
    const { events, verdict, anchor } = verified;
    const deleted = events.length === 0 && (verified.evidence.logCheck?.leaves.length ?? 0) > 0;
    if (events.length === 0 && !(deleted && evidenceOfDeleted)) throw new ProblemError(404, 'case-not-found', 'No such case');
    const state = foldRecorded(events);
    const parties = partiesOf(state);
    const auditor = principal.roles.find((r) => REGIONAL_AUDITORS.includes(r));
    const decision = parties
      ? decideCaseAccess(principal, parties)
      : deleted && auditor
        ? { allowed: true as const, role: auditor }
        : { allowed: false as const, role: principal.roles[0], reason: "The case's receipt is missing from its stream, so its parties cannot be established" };
    if (!decision.allowed) {
      await this.accessLog.record({ caseId, principal, role: decision.role, what, parameters, outcome: 'denied', correlationId });
      throw new ProblemError(403, 'case-not-visible', decision.reason);
    }
    check?.(events);
    await this.accessLog.record({ caseId, principal, role: decision.role, what, parameters, outcome: 'granted', correlationId });
    return { events, state, verdict, anchor, verified, role: decision.role };
  }

  async replay(request: AuditRequest, point: ReplayPoint, mode: 'state' | 'steps', parameters: Record<string, string>): Promise<CaseReplay | CaseReplaySteps> {
    const { events } = await this.open(request, 'replay', parameters, (all) => selectEvents(all, point));
    const ctx = { caseId: request.caseId, principal: request.principal, now: this.clock.now() };
    return mode === 'steps' ? replaySteps(events, point, ctx) : replayCase(events, point, ctx);
  }

  async verify(request: AuditRequest): Promise<CaseVerification> {
    const { verdict, anchor } = await this.open(request, 'verify', {}, undefined, true);
    return { caseId: request.caseId, verifiedAt: this.clock.now().toISOString(), ...verdict, anchor, statement: integrityStatement(verdict, anchor) };
  }

  async dossier(request: AuditRequest, format: 'json' | 'html'): Promise<CaseDossier> {
    const { events, state, verdict, anchor, role } = await this.open(request, 'dossier', { format });
    const region = state.plan!.region as Region;
    return buildDossier(events, {
      caseId: request.caseId,
      principal: request.principal,
      role,
      now: this.clock.now(),
      officeMinutes: (from, to) => {
        try {
          return this.calendar.elapsedOfficeMinutes(from, to, { region });
        } catch {
          return null; // a year the calendar has no data for: shown as unknown, not guessed
        }
      },
      integrity: verdict,
      anchor,
      legal: this.legalFor(state.plan!.regulationVersionId),
    });
  }

  async accessLogPage(caseId: string, principal: Principal, fromRevision: number, limit: number): Promise<AccessLogPage> {
    const events = await this.store.readStream(caseStreamId(checkCaseId(caseId)));
    if (events.length === 0) throw new ProblemError(404, 'case-not-found', 'No such case');
    const parties = partiesOf(foldRecorded(events));
    if (!parties) throw new ProblemError(403, 'case-not-visible', "The case's receipt is missing from its stream, so its region cannot be established");
    assertCanReadAccessLog(principal, parties);
    return this.accessLog.page(caseId, fromRevision, limit);
  }

  private legalFor(versionId: string): LegalView | null {
    const version = this.catalog.versions.find((v) => v.id === versionId);
    return version ? legalOf(version) : null;
  }
}
