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
import { assertCanReadAccessLog, decideCaseAccess } from './access/access-policy';
import { caseNotFoundProblem } from '../cases/case-access';
import { partiesOf } from '../cases/domain/case-visibility';
import { AuditAction } from './access/case-accessed';
import { CaseIntegrityService } from './case-integrity.service';
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
  role: Role;
}

export function checkCaseId(id: string): string {
  if (!isUuid(id)) throw new ProblemError(400, 'invalid-case-id', 'A case id is a UUID');
  return id;
}

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

  private async open(request: AuditRequest, what: AuditAction, parameters: Record<string, string>, check?: (events: RecordedEvent[]) => void): Promise<Opened> {
    const { caseId, principal, correlationId } = request;
    const { events, verdict } = await this.integrity.read(caseStreamId(checkCaseId(caseId)));
    const state = foldRecorded(events);
    const parties = partiesOf(state);
    // A missing case is not recorded (nothing to audit); a hidden one is, and answers alike.
    if (!parties) throw caseNotFoundProblem();
    const decision = decideCaseAccess(principal, parties);
    if (!decision.allowed) {
      await this.accessLog.record({ caseId, principal, role: decision.role, what, parameters, outcome: 'denied', correlationId });
      if (decision.hidden) throw caseNotFoundProblem();
      throw new ProblemError(403, 'role-not-allowed', decision.reason);
    }
    check?.(events);
    await this.accessLog.record({ caseId, principal, role: decision.role, what, parameters, outcome: 'granted', correlationId });
    return { events, state, verdict, role: decision.role };
  }

  async replay(request: AuditRequest, point: ReplayPoint, mode: 'state' | 'steps', parameters: Record<string, string>): Promise<CaseReplay | CaseReplaySteps> {
    const { events } = await this.open(request, 'replay', parameters, (all) => selectEvents(all, point));
    const ctx = { caseId: request.caseId, principal: request.principal, now: this.clock.now() };
    return mode === 'steps' ? replaySteps(events, point, ctx) : replayCase(events, point, ctx);
  }

  async verify(request: AuditRequest): Promise<StreamVerdict & { caseId: string; verifiedAt: string }> {
    const { verdict } = await this.open(request, 'verify', {});
    return { caseId: request.caseId, verifiedAt: this.clock.now().toISOString(), ...verdict };
  }

  async dossier(request: AuditRequest, format: 'json' | 'html'): Promise<CaseDossier> {
    const { events, state, verdict, role } = await this.open(request, 'dossier', { format });
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
      legal: this.legalFor(state.plan!.regulationVersionId),
    });
  }

  async accessLogPage(caseId: string, principal: Principal, fromRevision: number, limit: number): Promise<AccessLogPage> {
    const events = await this.store.readStream(caseStreamId(checkCaseId(caseId)));
    assertCanReadAccessLog(principal, partiesOf(foldRecorded(events)));
    return this.accessLog.page(caseId, fromRevision, limit);
  }

  private legalFor(versionId: string): LegalView | null {
    const version = this.catalog.versions.find((v) => v.id === versionId);
    return version ? legalOf(version) : null;
  }
}
