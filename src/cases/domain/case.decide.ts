import { Citation, RegulationVersion, StepAction, StepRole } from '../../regulations/regulation.model';
import { CaseActor, CaseEvent, RecordedDeadline, StepFulfilment } from './case.events';
import { CaseCommand, StepCommand } from './case.commands';
import { CaseRuleViolation } from './case-error';
import { CaseState, isReceived, OpenCase, ReceivedCase, StepEvent } from './case.state';
import { caseNotFound, partiesOf, requireVisible, VisibilityBasis } from './case-visibility';
import { APPEAL_TERM, deadlineFor, overallDeadline } from './deadlines';
import { isValidIin } from './iin';
import { buildPlan, CasePlan, PlannedStep } from './plan';
import { WorkingTime } from './working-time.port';

/** The caller, from the verified token. */
export interface Caller {
  id: string;
  roles: string[];
  organisation: string;
  region: string;
}

export interface DecideContext {
  caller: Caller;
  now: Date;
  time: WorkingTime;
  /** The version in force for the receipt (ReceiveApplication / RefuseAcceptance only). */
  regulation?: RegulationVersion;
}

/** Which token roles may perform a step of each regulation role. */
export const PERFORMERS: Record<StepRole, string[]> = {
  clerk: ['clerk'],
  head: ['head'],
  'deputy-head': ['head'],
  executor: ['executor'],
  commission: ['executor', 'head'],
  provider: ['clerk', 'head', 'executor'],
  'state-corporation-operator': ['state-corporation-operator'],
  'state-corporation-courier': ['state-corporation-operator'],
  applicant: [],
  'information-system': [],
};

/** The regulated actions each step command can fulfil. */
export const FULFILS: Record<StepCommand['type'], StepAction[]> = {
  ForwardToProvider: ['forwarded-to-provider'],
  RegisterAtProvider: ['registered', 'received'],
  ReviewDocuments: ['documents-reviewed', 'request-processed'],
  ImposeVisa: ['visa-imposed'],
  PrepareDraft: ['draft-prepared'],
  SignResult: ['signed'],
  SendToStateCorporation: ['sent-to-state-corporation', 'result-prepared'],
  IssueResult: ['issued', 'sent-to-portal', 'enrolled'],
};

/** Inside a step the text regulates as a whole ("the provider prepares the result, 13 working days"), the provider's own actions are recorded without their own deadline. */
const WITHIN_RESULT_PREPARATION: Partial<Record<StepCommand['type'], StepRole>> = {
  RegisterAtProvider: 'clerk',
  ReviewDocuments: 'executor',
  ImposeVisa: 'head',
  PrepareDraft: 'executor',
  SignResult: 'head',
};

/** The event a step command records, as the next step's deadline names what started it. */
function startedBy(type: StepCommand['type']): StepEvent['type'] {
  switch (type) {
    case 'ForwardToProvider':
      return 'ForwardedToProvider';
    case 'RegisterAtProvider':
      return 'RegisteredAtProvider';
    case 'ReviewDocuments':
      return 'DocumentsReviewed';
    case 'ImposeVisa':
      return 'VisaImposed';
    case 'PrepareDraft':
      return 'DraftPrepared';
    case 'SignResult':
      return 'ResultSigned';
    case 'SendToStateCorporation':
      return 'ResultSentToStateCorporation';
    case 'IssueResult':
      return 'ResultIssued';
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}

const conflict = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new CaseRuleViolation('conflict', code, message, details);
const forbidden = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new CaseRuleViolation('forbidden', code, message, details);
const invalid = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new CaseRuleViolation('invalid', code, message, details);

const SC_ROLES = new Set<StepRole>(['state-corporation-operator', 'state-corporation-courier']);

/** The token role the caller acts in for a step role, checking organisation and region. */
function actAs(
  state: { providerOrganisation?: string; stateCorporationOrganisation?: string },
  plan: CasePlan,
  stepRole: StepRole,
  ctx: DecideContext,
): CaseActor {
  const caller = ctx.caller;
  const role = PERFORMERS[stepRole].find((r) => caller.roles.includes(r));
  if (!role) {
    throw forbidden('wrong-role', `This step is performed by the ${stepRole} (${PERFORMERS[stepRole].join(' or ') || 'nobody by hand'})`, {
      stepRole,
      callerRoles: caller.roles,
    });
  }
  if (caller.region !== plan.region)
    throw forbidden('wrong-region', `The case belongs to ${plan.region}; the caller works in ${caller.region}`);
  const organisation = SC_ROLES.has(stepRole) ? state.stateCorporationOrganisation : state.providerOrganisation;
  if (organisation !== undefined && caller.organisation !== organisation) {
    throw forbidden('wrong-organisation', `Only staff of ${organisation} act on this step`, { organisation });
  }
  return { id: caller.id, role, organisation: caller.organisation };
}

/** The case as the caller may see it: a case before its receipt, or hidden from the caller, is not found. */
function existingCase(state: CaseState, caller: Caller): ReceivedCase {
  requireVisible(caller, partiesOf(state));
  if (!isReceived(state)) throw caseNotFound();
  return state;
}

/** Visibility first: another organisation never learns that a case is closed. */
function openCase(state: CaseState, caller: Caller): OpenCase {
  const received = existingCase(state, caller);
  if (received.status !== 'open') {
    throw conflict('case-closed', `The case is ${received.status}: only storage, recall and appeals are possible`, {
      status: received.status,
    });
  }
  return received;
}

function fulfilment(step: PlannedStep, state: CaseState, now: Date, withinStep?: string): StepFulfilment {
  const dueAt = withinStep ? undefined : state.current?.dueAt;
  return {
    stepId: step.id,
    action: step.action,
    citation: step.citation,
    ...(dueAt ? { dueAt } : {}),
    late: dueAt !== undefined && now.getTime() > Date.parse(dueAt),
    ...(withinStep ? { withinStep } : {}),
  };
}

/** The next step's deadline, counted from now; `startedBy` is the event that starts it (absent for the receipt). */
function nextDeadline(
  plan: CasePlan,
  index: number,
  now: Date,
  receivedAt: Date | undefined,
  time: WorkingTime,
  startedBy?: CaseEvent['type'],
): RecordedDeadline | undefined {
  const step = plan.steps[index];
  return step ? deadlineFor(step, now, plan, receivedAt, time, startedBy) : undefined;
}

/**
 * Acceptance windows are per category of application ("first grade", "full-time"):
 * only the windows of the stated category apply; a category the text gives no
 * window for is accepted all year, and the category is recorded with the receipt.
 */
function windowCheck(plan: CasePlan, now: Date, time: WorkingTime, category: string | undefined): void {
  if (plan.windows.length === 0) return;
  const categories = [...new Set(plan.windows.map((w) => w.category))];
  if (!category) {
    throw invalid(
      'category-required',
      `This service has acceptance windows for: ${categories.join(', ')}; state the application's category`,
      { categories },
    );
  }
  const windows = plan.windows.filter((w) => w.category === category);
  if (windows.length === 0) return;
  const monthDay = time.localDate(now, plan.region).slice(5);
  if (!windows.some((w) => w.from <= monthDay && monthDay <= w.to)) {
    throw conflict(
      'outside-acceptance-window',
      `Applications (${category}) are accepted only ${windows.map((w) => `${w.from}..${w.to}`).join(', ')}`,
      {
        windows,
      },
    );
  }
}

/**
 * Refusal of acceptance is the regulation's to give, per channel: where the
 * text gives it only to the State Corporation ("работник Государственной
 * корпорации отказывает в приеме заявления"), the office may not refuse; the
 * detail cites the clause that does give it.
 */
function acceptanceRefusalNotRegulated(regulation: RegulationVersion, channel: string): CaseRuleViolation {
  const givenOn = regulation.channels.flatMap((c) =>
    c.available && c.channel !== channel
      ? c.steps
          .filter((s) => s.branch === 'acceptance-refusal' && s.role !== 'information-system')
          .slice(0, 1)
          .map((s) => ({ channel: c.channel, role: s.role, citation: s.citation }))
      : [],
  );
  const clauses = givenOn.map((g) => `on the ${g.channel} channel to the ${g.role} (${citationText(g.citation)})`);
  return conflict(
    'acceptance-refusal-not-regulated',
    clauses.length
      ? `The regulation gives refusal of acceptance only ${clauses.join('; ')}, not on the ${channel} channel`
      : `The regulation gives no refusal of acceptance on the ${channel} channel`,
    { channel, givenOn },
  );
}

const citationText = (c: Citation): string =>
  [c.appendix ? `appendix ${c.appendix}` : '', `p. ${c.paragraph}`, c.subparagraph ? `sub-p. ${c.subparagraph}` : '']
    .filter(Boolean)
    .join(', ') + `: «${c.quote}»`;

/**
 * Issuing to a representative: there must be one, and where the step's text
 * serves a representative only "по нотариально удостоверенной доверенности",
 * their power of attorney must have been stated notarised at receipt.
 */
function requireRepresentativeServed(step: PlannedStep, state: ReceivedCase): void {
  const representative = state.representative;
  if (!representative)
    throw conflict('no-representative', 'No representative was recorded at receipt: the result is issued to the applicant');
  const required = step.representative;
  if (required?.powerOfAttorney === 'notarised' && representative.powerOfAttorney.notarised !== true) {
    throw conflict(
      'power-of-attorney-not-notarised',
      `The regulation serves a representative at this step only by a notarised power of attorney (${citationText(required.citation)})`,
      {
        stepId: step.id,
        citation: required.citation,
      },
    );
  }
}

function receive(
  command: Extract<CaseCommand, { type: 'ReceiveApplication' | 'RefuseAcceptance' }>,
  state: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  if (state.status !== 'new') throw conflict('case-exists', 'This case id is already taken');
  // The handler looks the version up for every receipt; without one there is nothing to receive under.
  if (!ctx.regulation) throw conflict('no-regulation-in-force', 'No regulation version is in force for this receipt');
  if (!isValidIin(command.applicant.iin)) throw invalid('invalid-iin', 'The applicant IIN fails its check digit');
  if (command.representative?.iin !== undefined && !isValidIin(command.representative.iin)) {
    throw invalid('invalid-iin', "The representative's IIN fails its check digit");
  }
  const plan = buildPlan(ctx.regulation, command.channel);
  const receivedOn = ctx.time.localDate(ctx.now, plan.region);
  if (command.representative && command.representative.powerOfAttorney.date > receivedOn) {
    throw invalid(
      'power-of-attorney-in-future',
      `The power of attorney is dated ${command.representative.powerOfAttorney.date}, after the day of receipt ${receivedOn}`,
      {
        receivedOn,
      },
    );
  }
  const first = plan.steps[0];
  const sc = command.channel === 'state-corporation';
  const parties = {
    providerOrganisation: command.providerOrganisation,
    stateCorporationOrganisation: sc ? ctx.caller.organisation : undefined,
  };
  const occurredAt = ctx.now.toISOString();
  const common = {
    caseId: command.caseId,
    occurredAt,
    plan,
    provider: { organisation: command.providerOrganisation },
    applicant: command.applicant,
    ...(command.representative ? { representative: command.representative } : {}),
    documents: command.documents,
  };

  if (command.type === 'RefuseAcceptance') {
    const refusal = plan.acceptanceRefusal;
    if (!refusal) throw acceptanceRefusalNotRegulated(ctx.regulation, command.channel);
    const actor = actAs(parties, plan, refusal.role, ctx);
    return [
      {
        type: 'AcceptanceRefused',
        data: {
          ...common,
          actor,
          missingDocuments: command.missingDocuments,
          step: { stepId: refusal.id, action: refusal.action, citation: refusal.citation, late: false },
        },
      },
    ];
  }

  windowCheck(plan, ctx.now, ctx.time, command.category);
  const actor = actAs(parties, plan, first.role, ctx);
  return [
    {
      type: 'ApplicationReceived',
      data: {
        ...common,
        actor,
        ...(sc ? { stateCorporation: { organisation: ctx.caller.organisation } } : {}),
        consentToProtectedData: command.consentToProtectedData,
        ...(command.category ? { category: command.category } : {}),
        // The receipt is the first step; its own duration has no known start.
        step: { stepId: first.id, action: first.action, citation: first.citation, late: false },
        next: nextDeadline(plan, 1, ctx.now, ctx.now, ctx.time),
        overall: overallDeadline(plan, ctx.now, ctx.time),
      },
    },
  ];
}

function advance(command: StepCommand, given: CaseState, ctx: DecideContext): CaseEvent[] {
  const state = openCase(given, ctx.caller);
  const plan = state.plan;
  const current = plan.steps[state.cursor];
  if (!current) throw conflict('no-step-pending', 'Every regulated step of this case is done');
  const occurredAt = ctx.now.toISOString();
  const receivedAt = state.receivedAt ? new Date(state.receivedAt) : undefined;
  const fulfils = FULFILS[command.type];
  const withinRole = WITHIN_RESULT_PREPARATION[command.type];
  let step: PlannedStep;
  let withinStep: string | undefined;
  let role: StepRole;
  if (fulfils.includes(current.action)) {
    step = current;
    role = current.role;
  } else if (current.action === 'result-prepared' && withinRole) {
    step = current;
    withinStep = current.id;
    role = withinRole;
  } else {
    throw conflict('step-out-of-order', `The regulation's next step is "${current.action}" by the ${current.role}`, {
      expected: { stepId: current.id, action: current.action, role: current.role, citation: current.citation },
    });
  }
  const actor = actAs(state, plan, role, ctx);
  if (role === 'executor' && state.executorId !== undefined && ctx.caller.id !== state.executorId) {
    throw forbidden('not-the-named-executor', 'Only the executor named in the visa acts on this step', { executorId: state.executorId });
  }
  if (command.type === 'IssueResult' && plan.channel === 'state-corporation' && state.resultLocation === 'provider-storage') {
    throw conflict('result-in-provider-storage', 'The result is in the provider’s storage: recall it first');
  }
  if (command.type === 'IssueResult' && command.to === 'representative') requireRepresentativeServed(step, state);
  const base = {
    caseId: state.caseId,
    actor,
    occurredAt,
    step: fulfilment(step, state, ctx.now, withinStep),
    ...(withinStep ? {} : { next: nextDeadline(plan, state.cursor + 1, ctx.now, receivedAt, ctx.time, startedBy(command.type)) }),
  };
  switch (command.type) {
    case 'ForwardToProvider':
      return [{ type: 'ForwardedToProvider', data: base }];
    case 'ReviewDocuments':
      return [{ type: 'DocumentsReviewed', data: base }];
    case 'SignResult':
      return [{ type: 'ResultSigned', data: base }];
    case 'ImposeVisa':
      return [{ type: 'VisaImposed', data: { ...base, executorId: command.executorId } }];
    case 'RegisterAtProvider': {
      // Where the regulation gives the registration to the State Corporation, the event says so.
      const registeredAt = SC_ROLES.has(step.role) ? 'RegisteredAtStateCorporation' : 'RegisteredAtProvider';
      return [
        {
          type: registeredAt,
          data: { ...base, ...(command.registrationNumber ? { registrationNumber: command.registrationNumber } : {}) },
        },
      ];
    }
    case 'PrepareDraft':
      return [{ type: 'DraftPrepared', data: { ...base, ...(command.summary ? { summary: command.summary } : {}) } }];
    case 'IssueResult':
      return [{ type: 'ResultIssued', data: { ...base, to: command.to } }];
    case 'SendToStateCorporation': {
      const leadRule = plan.specialRules.find((r) => r.kind === 'deliver-to-state-corporation-before-deadline');
      const deliverBy =
        leadRule && state.overall?.dueAt ? new Date(Date.parse(state.overall.dueAt) - 24 * 3600 * 1000).toISOString() : undefined;
      return [{ type: 'ResultSentToStateCorporation', data: { ...base, ...(deliverBy ? { deliverBy } : {}) } }];
    }
    default: {
      // Unreachable by type; a command built around the types is refused, never taken for another.
      const unknown: never = command;
      throw invalid('unknown-command', `Not a case command: ${JSON.stringify(unknown)}`);
    }
  }
}

function refuseService(command: Extract<CaseCommand, { type: 'RefuseService' }>, given: CaseState, ctx: DecideContext): CaseEvent[] {
  const state = openCase(given, ctx.caller);
  if (command.grounds.trim() === '') throw invalid('grounds-required', 'A motivated refusal states its grounds');
  const refusal = state.plan.serviceRefusal;
  const actor = actAs(state, state.plan, refusal?.role ?? 'head', ctx);
  return [
    {
      type: 'ServiceRefused',
      data: {
        caseId: state.caseId,
        actor,
        occurredAt: ctx.now.toISOString(),
        grounds: command.grounds,
        ...(refusal ? { step: { stepId: refusal.id, action: refusal.action, citation: refusal.citation, late: false } } : {}),
      },
    },
  ];
}

/**
 * The provider's head names another executor: the one the visa named may be
 * absent or mistyped, and without this the case could never be drafted. Who
 * is responsible changes; the step and its recorded deadline do not.
 */
function reassignExecutor(command: Extract<CaseCommand, { type: 'ReassignExecutor' }>, given: CaseState, ctx: DecideContext): CaseEvent[] {
  const state = openCase(given, ctx.caller);
  const actor = actAs(state, state.plan, 'head', ctx);
  const previousExecutorId = state.executorId;
  if (previousExecutorId === undefined) throw conflict('no-executor-named', 'No visa names an executor yet: impose the visa instead');
  const reason = command.reason.trim();
  if (reason === '') throw invalid('reason-required', 'A reassignment states its reason');
  if (command.executorId === previousExecutorId)
    throw conflict('executor-unchanged', `${previousExecutorId} is already the named executor`);
  return [
    {
      type: 'ExecutorReassigned',
      data: {
        caseId: state.caseId,
        actor,
        occurredAt: ctx.now.toISOString(),
        previousExecutorId,
        executorId: command.executorId,
        reason,
        ...(state.current ? { stepId: state.current.stepId } : {}),
      },
    },
  ];
}

function storage(
  command: Extract<CaseCommand, { type: 'HandToStorage' | 'RecallFromStorage' }>,
  given: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  const state = existingCase(given, ctx.caller);
  const plan = state.plan;
  const occurredAt = ctx.now.toISOString();
  if (command.type === 'HandToStorage') {
    const rule = plan.specialRules.find((r) => r.kind === 'state-corporation-storage');
    if (!rule) throw conflict('storage-not-regulated', 'This regulation has no State Corporation storage rule');
    if (state.resultLocation !== 'state-corporation')
      throw conflict('result-not-at-state-corporation', 'Only an uncollected result at the State Corporation is handed to storage');
    const actor = actAs(state, plan, 'state-corporation-operator', ctx);
    const since = new Date(state.atStateCorporationSince ?? occurredAt);
    const end = new Date(since);
    end.setUTCMonth(end.getUTCMonth() + 1); // "one month" of storage, same day next month
    return [
      {
        type: 'ResultHandedToStorage',
        data: {
          caseId: state.caseId,
          actor,
          occurredAt,
          storedSinceAt: since.toISOString(),
          storageEndedAt: end.toISOString(),
          early: ctx.now < end,
        },
      },
    ];
  }
  const recall = plan.specialRules.find((r) => r.kind === 'recall-from-provider-storage');
  if (state.resultLocation !== 'provider-storage') throw conflict('result-not-in-storage', 'The result is not in the provider’s storage');
  const requestedAt = new Date(command.requestedAt);
  if (Number.isNaN(requestedAt.getTime()) || requestedAt > ctx.now)
    throw invalid('invalid-requested-at', 'requestedAt must be an instant not in the future');
  const handedAt = state.inProviderStorageSince;
  if (handedAt !== undefined && requestedAt < new Date(handedAt)) {
    throw invalid(
      'recall-before-hand-over',
      `The result was handed to storage at ${handedAt}: a recall cannot have been requested before`,
      { handedToStorageAt: handedAt },
    );
  }
  const actor = actAs(state, plan, 'provider', ctx);
  const deadline =
    recall?.kind === 'recall-from-provider-storage'
      ? deadlineFor(
          { id: 'recall', action: 'recalled-from-storage', role: 'provider', duration: recall.within, citation: recall.citation },
          requestedAt,
          plan,
          undefined,
          ctx.time,
          "the State Corporation's request (requestedAt)",
        )
      : undefined;
  return [
    {
      type: 'ResultRecalledFromStorage',
      data: {
        caseId: state.caseId,
        actor,
        occurredAt,
        requestedAt: requestedAt.toISOString(),
        dueAt: deadline?.dueAt ?? requestedAt.toISOString(),
        late: deadline?.dueAt !== undefined && ctx.now.getTime() > Date.parse(deadline.dueAt),
        explanation: deadline?.explanation ?? 'the regulation states no recall term',
      },
    },
  ];
}

function appeal(
  command: Extract<CaseCommand, { type: 'FileAppeal' | 'ForwardAppeal' | 'DecideAppeal' }>,
  given: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  const basis = requireVisible(ctx.caller, partiesOf(given));
  const state = existingCase(given, ctx.caller);
  const plan = state.plan;
  const occurredAt = ctx.now.toISOString();
  const existing = state.appeals.find((a) => a.appealId === command.appealId);
  const caller = ctx.caller;
  /** Complaints are taken in by the offices that serve the case: its provider, or the State Corporation office that received it. */
  const officeActor = (roles: Partial<Record<VisibilityBasis, string[]>>): CaseActor => {
    for (const [office, allowed] of Object.entries(roles)) {
      const role = basis.some((b) => b === office) ? allowed.find((r) => caller.roles.includes(r)) : undefined;
      if (role) return { id: caller.id, role, organisation: caller.organisation };
    }
    const who = Object.entries(roles).map(
      ([office, allowed]) =>
        `${allowed.join(' or ')} of the ${office === 'provider-staff' ? 'provider' : 'receiving State Corporation office'}`,
    );
    throw forbidden('wrong-role', `This action is taken by: ${who.join('; ')}`);
  };
  switch (command.type) {
    case 'FileAppeal': {
      if (existing) throw conflict('appeal-exists', 'An appeal with this id is already filed');
      if (command.grounds.trim() === '') throw invalid('grounds-required', 'An appeal states its grounds');
      const actor = officeActor({ 'provider-staff': ['clerk', 'head'], 'state-corporation-staff': ['state-corporation-operator'] });
      const { dueAt, explanation } = ctx.time.addDuration(ctx.now, { value: APPEAL_TERM.value, unit: APPEAL_TERM.unit }, plan.region, {
        startedBy: 'AppealFiled',
      });
      return [
        {
          type: 'AppealFiled',
          data: {
            caseId: state.caseId,
            actor,
            occurredAt,
            appealId: command.appealId,
            grounds: command.grounds,
            dueAt: dueAt.toISOString(),
            explanation: `${APPEAL_TERM.citation}; ${explanation}`,
          },
        },
      ];
    }
    case 'ForwardAppeal': {
      if (!existing) throw new CaseRuleViolation('not-found', 'appeal-not-found', 'No such appeal');
      if (existing.decision) throw conflict('appeal-decided', 'The appeal is already decided');
      const actor = officeActor({ 'provider-staff': ['clerk'], 'state-corporation-staff': ['state-corporation-operator'] });
      return [{ type: 'AppealForwarded', data: { caseId: state.caseId, actor, occurredAt, appealId: command.appealId, to: command.to } }];
    }
    case 'DecideAppeal': {
      if (!existing) throw new CaseRuleViolation('not-found', 'appeal-not-found', 'No such appeal');
      if (existing.decision) throw conflict('appeal-decided', 'The appeal is already decided');
      if (command.reasoning.trim() === '') throw invalid('reasoning-required', 'A decision states its reasoning');
      // The provider's head considers the complaint (Law "On State Services", art. 25).
      const actor = actAs(state, plan, 'head', ctx);
      return [
        {
          type: 'AppealDecided',
          data: {
            caseId: state.caseId,
            actor,
            occurredAt,
            appealId: command.appealId,
            decision: command.decision,
            reasoning: command.reasoning,
            dueAt: existing.dueAt,
            late: ctx.now.getTime() > Date.parse(existing.dueAt),
          },
        },
      ];
    }
  }
}

/** Pure decision: the same command, state and context always give the same events. */
export function decide(command: CaseCommand, state: CaseState, ctx: DecideContext): CaseEvent[] {
  switch (command.type) {
    case 'ReceiveApplication':
    case 'RefuseAcceptance':
      return receive(command, state, ctx);
    case 'RefuseService':
      return refuseService(command, state, ctx);
    case 'ReassignExecutor':
      return reassignExecutor(command, state, ctx);
    case 'HandToStorage':
    case 'RecallFromStorage':
      return storage(command, state, ctx);
    case 'FileAppeal':
    case 'ForwardAppeal':
    case 'DecideAppeal':
      return appeal(command, state, ctx);
    case 'ForwardToProvider':
    case 'RegisterAtProvider':
    case 'ReviewDocuments':
    case 'ImposeVisa':
    case 'PrepareDraft':
    case 'SignResult':
    case 'SendToStateCorporation':
    case 'IssueResult':
      return advance(command, state, ctx);
    default: {
      // Unreachable by type; a command built around the types is refused, never taken for another.
      const unknown: never = command;
      throw invalid('unknown-command', `Not a case command: ${JSON.stringify(unknown)}`);
    }
  }
}
