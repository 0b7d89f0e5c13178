import { Inject, Injectable } from '@nestjs/common';
import { Principal, Role } from '../auth/principal';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { foldRecorded, readCaseStream } from '../cases/case-stream';
import { knownPlan, loadPlansFor } from '../cases/plan-codec';
import { caseStreamId } from '../cases/domain/case.events';
import { CaseState, isReceived } from '../cases/domain/case.state';
import { CLOCK, Clock } from '../common/clock';
import { checkCaseId } from '../common/case-id';
import { ProblemError } from '../common/problem';
import { EVENT_STORE, EventStore, RecordedEvent } from '../event-store/event-store.port';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { AccessLogPage, AccessLogService } from './access/access-log.service';
import { assertCanReadAccessLog, AccessDecision, decideCaseAccess, REGIONAL_AUDITORS } from './access/access-policy';
import { caseNotFoundProblem } from '../cases/case-access';
import { partiesOf } from '../cases/domain/case-visibility';
import { AuditAction } from './access/case-accessed';
import { TransparencyLog, TreeRowsMissingError, TreeSizeBeyondLogError } from '../transparency/transparency-log';
import type { StreamAnchor } from './anchor/case-anchor';
import { NOTARY_VERIFIER_KEY, NotaryVerifierKey } from './anchor/witnessed-checkpoints';
import { serializeBundle } from './bundle/bundle-format';
import { buildBundle } from './bundle/build-bundle';
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
    @Inject(TransparencyLog) private readonly tree: TransparencyLog,
    @Inject(NOTARY_VERIFIER_KEY) private readonly notaryKey: NotaryVerifierKey,
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
    await loadPlansFor(this.store, events);
    const deleted = events.length === 0 && (verified.evidence.logCheck?.leaves.length ?? 0) > 0;
    const state = foldRecorded(events);
    const parties = partiesOf(state);
    const auditor = principal.roles.find((r) => REGIONAL_AUDITORS.includes(r));
    // A missing case is not recorded (nothing to audit); a hidden one is, and answers alike.
    // A case deleted whole (its leaves remain) is answered to regional auditors only: hashes, no personal data.
    let decision: AccessDecision;
    if (parties) decision = decideCaseAccess(principal, parties);
    else if (deleted && evidenceOfDeleted && auditor) decision = { allowed: true, role: auditor, basis: 'regional-auditor' };
    else throw caseNotFoundProblem();
    if (!decision.allowed) {
      await this.accessLog.record({ caseId, principal, role: decision.role, what, parameters, outcome: 'denied', correlationId });
      if (decision.hidden) throw caseNotFoundProblem();
      throw new ProblemError(403, 'role-not-allowed', decision.reason);
    }
    check?.(events);
    await this.accessLog.record({ caseId, principal, role: decision.role, what, parameters, outcome: 'granted', correlationId });
    return { events, state, verdict, anchor, verified, role: decision.role };
  }

  async replay(request: AuditRequest, point: ReplayPoint, mode: 'steps', parameters: Record<string, string>): Promise<CaseReplaySteps>;
  async replay(
    request: AuditRequest,
    point: ReplayPoint,
    mode: 'state' | 'steps',
    parameters: Record<string, string>,
  ): Promise<CaseReplay | CaseReplaySteps>;
  async replay(
    request: AuditRequest,
    point: ReplayPoint,
    mode: 'state' | 'steps',
    parameters: Record<string, string>,
  ): Promise<CaseReplay | CaseReplaySteps> {
    const { events } = await this.open(request, 'replay', parameters, (all) => selectEvents(all, point));
    const ctx = { caseId: request.caseId, principal: request.principal, now: this.clock.now() };
    return mode === 'steps' ? replaySteps(events, point, ctx) : replayCase(events, point, ctx);
  }

  async verify(request: AuditRequest): Promise<CaseVerification> {
    const { verdict, anchor } = await this.open(request, 'verify', {}, undefined, true);
    return {
      caseId: request.caseId,
      verifiedAt: this.clock.now().toISOString(),
      ...verdict,
      anchor,
      statement: integrityStatement(verdict, anchor),
    };
  }

  async dossier(request: AuditRequest, format: 'json' | 'html'): Promise<CaseDossier> {
    const { events, state, verdict, anchor, role } = await this.open(request, 'dossier', { format });
    // open() answers only for a received case here (a deleted one is served to verify and the bundle alone).
    if (!isReceived(state)) throw caseNotFoundProblem();
    const region = state.plan.region;
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
      legal: this.legalFor(state.plan.regulationVersionId),
    });
  }

  /**
   * The offline evidence bundle: the case's events as stored, its leaves under
   * the latest checkpoint published outside the database with inclusion proofs
   * from the tree rows as they are now, the signed note and the key. Nothing is
   * judged here: whatever the store holds goes out, and the verifier judges.
   */
  async bundle(request: AuditRequest): Promise<string> {
    const { events, verified } = await this.open(request, 'dossier', { format: 'bundle' }, undefined, true);
    const checkpoint = verified.checkpoint;
    const covered = checkpoint ? (verified.evidence.logCheck?.leaves ?? []).filter((leaf) => leaf.leafIndex < checkpoint.treeSize) : [];
    const leaves = [];
    for (const leaf of covered) {
      leaves.push({ leaf, proof: checkpoint ? await this.proofOrNone(leaf.leafIndex, checkpoint.treeSize) : [] });
    }
    const bundle = buildBundle({
      caseId: request.caseId,
      streamId: caseStreamId(request.caseId),
      events,
      leaves,
      checkpointNote: checkpoint?.note ?? null,
      verifierKey: (await this.notaryKey.verifierKey()) ?? null,
      plans: knownPlan,
    });
    return serializeBundle(bundle);
  }

  /** A proof the tree rows can no longer give goes out empty: the verifier names the leaf. */
  private async proofOrNone(leafIndex: number, treeSize: number): Promise<Buffer[]> {
    try {
      return await this.tree.inclusionProof(leafIndex, treeSize);
    } catch (error) {
      if (error instanceof TreeRowsMissingError || error instanceof TreeSizeBeyondLogError) return [];
      throw error;
    }
  }

  async accessLogPage(caseId: string, principal: Principal, fromRevision: number, limit: number): Promise<AccessLogPage> {
    const events = await readCaseStream(this.store, checkCaseId(caseId));
    assertCanReadAccessLog(principal, partiesOf(foldRecorded(events)));
    return this.accessLog.page(caseId, fromRevision, limit);
  }

  private legalFor(versionId: string): LegalView | null {
    const version = this.catalog.versions.find((v) => v.id === versionId);
    return version ? legalOf(version) : null;
  }
}
