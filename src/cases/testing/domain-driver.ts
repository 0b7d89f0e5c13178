import { Caller, decide, FULFILS, PERFORMERS } from '../domain/case.decide';
import type { CaseCommand } from '../domain/case.commands';
import type { CaseEvent } from '../domain/case.events';
import { evolve, initialCaseState, type CaseState } from '../domain/case.state';
import { buildPlan, type CasePlan, type PlannedStep } from '../domain/plan';
import type { WorkingTime } from '../domain/working-time.port';
import type { Channel, RegulationVersion, StepRole } from '../../regulations/regulation.model';

/** Valid IINs (check digit) for generated applicants. */
const IINS = ['900101300017', '050615601238', '870515400707'];

export interface CaseParties {
  providerOrg: string;
  /** The State Corporation branch, for that channel. */
  scOrg?: string;
}

/**
 * Drives one case through the real domain's decide() and evolve(): the events
 * are exactly what the write side records. Used by tests and the benchmark.
 */
export class CaseRun {
  readonly events: CaseEvent[] = [];
  private state: CaseState = initialCaseState();
  readonly plan: CasePlan;

  constructor(
    readonly caseId: string,
    readonly version: RegulationVersion,
    readonly channel: Channel,
    readonly parties: CaseParties,
    private readonly time: WorkingTime,
  ) {
    this.plan = buildPlan(version, channel);
  }

  get current(): CaseState {
    return this.state;
  }

  /** The planned step the case waits on (undefined once closed). */
  get pending(): PlannedStep | undefined {
    return this.state.status === 'open' ? this.plan.steps[this.state.cursor] : undefined;
  }

  callerFor(role: StepRole, userSuffix = '1'): Caller {
    const tokenRole = PERFORMERS[role][0];
    if (!tokenRole) throw new Error(`step role ${role} has no performer`);
    const sc = tokenRole === 'state-corporation-operator';
    const organisation = sc ? (this.parties.scOrg ?? `${this.parties.providerOrg}-sc`) : this.parties.providerOrg;
    return { id: `${organisation}:${tokenRole}-${userSuffix}`, roles: [tokenRole], organisation, region: this.version.region };
  }

  /** `category` defaults to the first window's, where the regulation has acceptance windows. */
  receive(at: Date, applicant = 0, category = this.plan.windows[0]?.category): CaseEvent[] {
    const first = this.plan.steps[0];
    return this.run(
      {
        type: 'ReceiveApplication',
        caseId: this.caseId,
        channel: this.channel,
        service: this.version.service.code,
        providerOrganisation: this.parties.providerOrg,
        applicant: { iin: IINS[applicant % IINS.length], name: 'Generated Applicant' },
        documents: ['application'],
        consentToProtectedData: true,
        ...(category ? { category } : {}),
      },
      this.callerFor(first.role),
      at,
      this.version,
    );
  }

  refuseAcceptance(at: Date): CaseEvent[] {
    const role = this.plan.acceptanceRefusal?.role ?? this.plan.steps[0].role;
    const caller = this.callerFor(PERFORMERS[role].length > 0 ? role : this.plan.steps[0].role);
    return this.run(
      {
        type: 'RefuseAcceptance',
        caseId: this.caseId,
        channel: this.channel,
        service: this.version.service.code,
        providerOrganisation: this.parties.providerOrg,
        applicant: { iin: IINS[0], name: 'Generated Applicant' },
        documents: ['application'],
        missingDocuments: ['photo'],
      },
      caller,
      at,
      this.version,
    );
  }

  /** Performs the pending planned step. */
  advance(at: Date, userSuffix = '1'): CaseEvent[] {
    const step = this.pending;
    if (!step) throw new Error(`case ${this.caseId} has no pending step`);
    const type = Object.entries(FULFILS).find(([, actions]) => actions.includes(step.action))?.[0];
    if (!type) throw new Error(`no command fulfils ${step.action}`);
    // The executor named in the visa acts; everyone else by role.
    const caller = this.callerFor(step.role, step.role === 'executor' ? '1' : userSuffix);
    return this.run(this.command(type as CaseCommand['type']), caller, at);
  }

  /** An action recorded inside the pending step (e.g. the provider's visa inside "prepares the result"). */
  within(type: 'RegisterAtProvider' | 'ImposeVisa' | 'PrepareDraft' | 'SignResult' | 'ReviewDocuments', at: Date): CaseEvent[] {
    const role: StepRole = {
      RegisterAtProvider: 'clerk',
      ImposeVisa: 'head',
      PrepareDraft: 'executor',
      SignResult: 'head',
      ReviewDocuments: 'executor',
    }[type] as StepRole;
    return this.run(this.command(type), this.callerFor(role), at);
  }

  refuseService(at: Date): CaseEvent[] {
    const role = this.plan.serviceRefusal?.role ?? 'head';
    return this.run(
      { type: 'RefuseService', grounds: 'documents found unreliable' },
      this.callerFor(PERFORMERS[role].length > 0 ? role : 'head'),
      at,
    );
  }

  fileAppeal(appealId: string, at: Date): CaseEvent[] {
    return this.run({ type: 'FileAppeal', appealId, grounds: 'the result was late' }, this.callerFor('clerk'), at);
  }

  decideAppeal(appealId: string, at: Date): CaseEvent[] {
    return this.run(
      { type: 'DecideAppeal', appealId, decision: 'rejected', reasoning: 'the regulation was followed' },
      this.callerFor('head'),
      at,
    );
  }

  private command(type: CaseCommand['type']): CaseCommand {
    const executorId = this.callerFor('executor').id;
    const extra: Record<string, unknown> = { ImposeVisa: { executorId }, IssueResult: { to: 'applicant' } }[type as string] ?? {};
    return { type, ...extra } as CaseCommand;
  }

  private run(command: CaseCommand, caller: Caller, now: Date, regulation?: RegulationVersion): CaseEvent[] {
    const events = decide(command, this.state, { caller, now, time: this.time, regulation });
    for (const e of events) this.state = evolve(this.state, e);
    this.events.push(...events);
    return events;
  }
}
