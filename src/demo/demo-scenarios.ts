import { uuidFromName } from '../cases/case-stream';
import { CaseCommand } from '../cases/domain/case.commands';
import { CaseRuleViolation } from '../cases/domain/case-error';
import { decide, PERFORMERS } from '../cases/domain/case.decide';
import { CaseState, evolve, initialCaseState } from '../cases/domain/case.state';
import { buildPlan, CasePlan } from '../cases/domain/plan';
import { WorkingTime } from '../cases/domain/working-time.port';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { Channel, Duration, Region, REGIONS, RegulationVersion, StepAction, StepRole } from '../regulations/regulation.model';
import { DEMO_USERS, DemoUser } from './demo-users';
import { applicantFor, Prng, prngFor, representativeFor } from './demo-people';

/** One command of a demo case: who sends it, at which instant, under which idempotency key. */
export interface DemoCommand {
  at: string;
  userId: string;
  /** Idempotency key: a second run finds the command recorded and writes nothing. */
  key: string;
  command: CaseCommand;
}

/** What the case became by the demo's now (the generator ran it through the domain). */
export interface DemoOutcome {
  status: CaseState['status'];
  /** Open, and its pending step's recorded due instant is before now. */
  overdue: boolean;
  /** Steps recorded after their due instant. */
  lateSteps: number;
  appealed: boolean;
  stored: boolean;
  recalled: boolean;
  /** The furthest regulated action reached. */
  reached: StepAction | 'acceptance-refused' | 'service-refused';
}

export interface DemoCase {
  /** `demo-<region>-<n>`: the case's readable name; its id is a UUID derived from it. */
  name: string;
  caseId: string;
  region: Region;
  service: string;
  channel: Channel;
  regulationVersionId: string;
  commands: DemoCommand[];
  outcome: DemoOutcome;
}

export interface ScenarioOptions {
  count: number;
  now: Date;
  catalog: RegulationCatalog;
  time: WorkingTime;
  seed?: number;
}

export const DEFAULT_DEMO_SEED = 20190821;

/** Cases are received over the eight weeks before their era's end (the demo's now, or the last day a repealed regulation governed). */
const RECEIPT_WEEKS = 8;
/** Cases bound for storage: received 10 to 8 weeks before, so the result's month at the State Corporation has run out. */
const EARLY_WEEKS = [10, 8] as const;
const OFFICE_MINUTES_PER_DAY = 480;
const DAY_MS = 24 * 3600 * 1000;

/** Thrown when the domain refuses a generated command: the scenario is wrong, never the domain. */
export class DemoScenarioError extends Error {
  constructor(caseName: string, command: CaseCommand['type'], violation: CaseRuleViolation) {
    super(`demo scenario ${caseName}: ${command} refused (${violation.code}): ${violation.message}`);
    this.name = 'DemoScenarioError';
  }
}

interface ServiceSlot {
  region: Region;
  service: string;
  /** The end of the receipt window: the demo's now, or the last instant the service had a version in force. */
  eraEnd: Date;
  current: boolean;
  /** A version has State Corporation storage: some cases are received early enough for the month there to run out. */
  storage: boolean;
}

/** The 14 services of the catalog, each with the era its demo cases are received in. */
export function serviceSlots(catalog: RegulationCatalog, now: Date, time: WorkingTime): ServiceSlot[] {
  const keys = [...new Set(catalog.versions.map((v) => `${v.region}|${v.service.code}`))].sort();
  return keys.map((key) => {
    const [regionName, service] = key.split('|');
    const region = REGIONS.find((r) => r === regionName);
    if (!region) throw new Error(`unknown region ${regionName}`);
    const versions = catalog.versions.filter((v) => v.region === region && v.service.code === service);
    const today = time.localDate(now, region);
    const storage = versions.some((v) => v.specialRules.some((r) => r.kind === 'state-corporation-storage'));
    const current = versions.some(
      (v) => v.effectiveFrom.date <= today && (!v.effectiveTo || today < v.effectiveTo.date) && usableChannels(v).length > 0,
    );
    if (current) return { region, service, eraEnd: now, current, storage };
    // Repealed before now: the last working week it governed, at noon UTC of its last day.
    const last =
      versions
        .filter((v) => usableChannels(v).length > 0)
        .map((v) => v.effectiveTo?.date ?? today)
        .sort()
        .at(-1) ?? today;
    return { region, service, eraEnd: new Date(Date.parse(`${last}T00:00:00Z`) - DAY_MS / 2), current, storage };
  });
}

/** Channels a case can be received on: available, with the text's wording, and a first step a person performs. */
function usableChannels(version: RegulationVersion): Channel[] {
  return version.channels
    .filter((c) => c.available && c.wording === 'full')
    .filter((c) => {
      const first = buildPlan(version, c.channel).steps[0];
      return first !== undefined && PERFORMERS[first.role].length > 0;
    })
    .map((c) => c.channel);
}

/** Office minutes a stated duration spans, roughly: enough to place actions before or after the recorded due. */
function nominalMinutes(duration: Duration | undefined, prng: Prng): number {
  if (!duration || duration.kind === 'not-stated') return 60 + Math.floor(prng() * 900);
  switch (duration.unit) {
    case 'minutes':
      return duration.value;
    case 'hours':
      return duration.value * 60;
    case 'working-days':
      return duration.value * OFFICE_MINUTES_PER_DAY;
    case 'calendar-days':
    case 'days':
      return Math.ceil((duration.value * OFFICE_MINUTES_PER_DAY * 5) / 7);
    case 'months':
      return duration.value * 21 * OFFICE_MINUTES_PER_DAY;
  }
}

/** The command that fulfils a regulated action (the inverse of the domain's FULFILS). */
function commandFor(action: StepAction, ctx: { executorId: string; toRepresentative: boolean }): CaseCommand | undefined {
  switch (action) {
    case 'forwarded-to-provider':
      return { type: 'ForwardToProvider' };
    case 'registered':
    case 'received':
      return { type: 'RegisterAtProvider' };
    case 'documents-reviewed':
    case 'request-processed':
      return { type: 'ReviewDocuments' };
    case 'visa-imposed':
      return { type: 'ImposeVisa', executorId: ctx.executorId };
    case 'draft-prepared':
      return { type: 'PrepareDraft', summary: 'Проект результата подготовлен' };
    case 'signed':
      return { type: 'SignResult' };
    case 'sent-to-state-corporation':
    case 'result-prepared':
      return { type: 'SendToStateCorporation' };
    case 'issued':
    case 'sent-to-portal':
    case 'enrolled':
      return { type: 'IssueResult', to: ctx.toRepresentative ? 'representative' : 'applicant' };
    default:
      return undefined;
  }
}

const EXECUTOR_WORK: ReadonlySet<StepAction> = new Set(['draft-prepared', 'documents-reviewed', 'result-prepared']);

/** Which demo user performs a step of a regulation role. */
function userKeyFor(role: StepRole, action: StepAction, executorKey: string): string | undefined {
  switch (role) {
    case 'clerk':
      return 'clerk';
    case 'head':
    case 'deputy-head':
      return 'head';
    case 'executor':
    case 'commission':
      return executorKey;
    case 'provider':
      return EXECUTOR_WORK.has(action) ? executorKey : 'clerk';
    case 'state-corporation-operator':
    case 'state-corporation-courier':
      return 'sc-operator';
    case 'applicant':
    case 'information-system':
      return undefined;
  }
}

const userOf = (region: Region, key: string): DemoUser => {
  const user = DEMO_USERS.find((u) => u.userId === `demo-${region}-${key}`);
  if (!user) throw new Error(`no demo user demo-${region}-${key}`);
  return user;
};

const REFUSAL_GROUNDS = [
  'Представлены недостоверные сведения о ранее выданном документе',
  'Несоответствие представленных документов требованиям стандарта государственной услуги',
  'Отсутствие оснований для выдачи: сведения об обучении не подтверждены архивом',
];

const APPEAL_GROUNDS = [
  'Заявитель не согласен с отказом',
  'Нарушен срок оказания государственной услуги',
  'Результат выдан с ошибкой в фамилии',
];

/** Runs one demo case through the pure domain as it is generated: every command must be accepted. */
class CaseWalk {
  state: CaseState = initialCaseState();
  readonly commands: DemoCommand[] = [];
  lateSteps = 0;
  cut = false;
  last: Date;

  constructor(
    readonly name: string,
    readonly caseId: string,
    readonly region: Region,
    readonly now: Date,
    readonly time: WorkingTime,
    start: Date,
  ) {
    this.last = start;
  }

  /** Records the command at `at`, unless `at` is after the demo's now: then it (and all after it) never happened. */
  send(at: Date, userKey: string, command: CaseCommand, regulation?: RegulationVersion): boolean {
    if (this.cut || at > this.now) {
      this.cut = true;
      return false;
    }
    const user = userOf(this.region, userKey);
    let events;
    try {
      events = decide(command, this.state, {
        caller: { id: user.userId, roles: [...user.roles], organisation: user.organisation, region: user.region },
        now: at,
        time: this.time,
        regulation,
      });
    } catch (error) {
      if (error instanceof CaseRuleViolation) throw new DemoScenarioError(this.name, command.type, error);
      throw error;
    }
    for (const event of events) {
      if ('step' in event.data && event.data.step?.late) this.lateSteps++;
    }
    this.state = events.reduce(evolve, this.state);
    this.commands.push({ at: at.toISOString(), userId: user.userId, key: `demo:${this.name}:${this.commands.length + 1}`, command });
    this.last = at;
    return true;
  }

  /** An instant some office minutes after the last action: before the pending due when on time, after it when late. */
  next(prng: Prng, duration: Duration | undefined, late: boolean, share = 1): Date {
    const dueAt = this.state.current?.dueAt;
    const due = dueAt ? new Date(dueAt) : undefined;
    const nominal = Math.max(1, nominalMinutes(duration, prng) * share);
    let minutes = Math.max(1, Math.round(late ? nominal * (1.2 + prng()) + 30 : nominal * (0.1 + 0.7 * prng())));
    for (let tries = 0; tries < 8; tries++) {
      const at = this.after(minutes);
      if (!due || (late ? at > due : at <= due)) return at;
      minutes = late ? minutes * 2 : Math.max(1, Math.floor(minutes / 2));
    }
    return this.after(minutes);
  }

  after(officeMinutes: number): Date {
    return this.time.addDuration(this.last, { value: Math.max(1, Math.round(officeMinutes)), unit: 'minutes' }, this.region).dueAt;
  }
}

/**
 * The demo's cases, deterministic for a seed: round robin over the catalog's
 * 14 services, each received through a channel its regulation allows, in its
 * era, and walked through the domain with the demo users as actors. Case `i`
 * depends only on the seed and `i`, so a larger count extends a smaller one.
 */
export function demoScenarios(options: ScenarioOptions): DemoCase[] {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const slots = serviceSlots(options.catalog, options.now, options.time);
  const perRegion = new Map<Region, number>();
  const cases: DemoCase[] = [];
  for (let i = 0; i < options.count; i++) {
    const slot = slots[i % slots.length];
    const n = (perRegion.get(slot.region) ?? 0) + 1;
    perRegion.set(slot.region, n);
    cases.push(generateCase(`demo-${slot.region}-${n}`, slot, prngFor(seed, i), options));
  }
  return cases;
}

function pick<T>(prng: Prng, items: readonly T[]): T {
  return items[Math.floor(prng() * items.length)];
}

/** A receipt instant in office hours within the slot's window, with the version in force and a category its windows accept. */
function receipt(
  slot: ServiceSlot,
  prng: Prng,
  options: ScenarioOptions,
  early: boolean,
): { at: Date; version: RegulationVersion; channel: Channel; category?: string } {
  const [from, to] = early ? EARLY_WEEKS : [RECEIPT_WEEKS, 0];
  const windowStart = new Date(slot.eraEnd.getTime() - from * 7 * DAY_MS);
  for (let tries = 0; ; tries++) {
    const minutes = 1 + Math.floor(prng() * (from - to - 1) * 5 * OFFICE_MINUTES_PER_DAY);
    const at = options.time.addDuration(windowStart, { value: minutes, unit: 'minutes' }, slot.region).dueAt;
    if (at > slot.eraEnd) continue;
    const date = options.time.localDate(at, slot.region);
    const version = options.catalog.versions.find(
      (v) =>
        v.region === slot.region &&
        v.service.code === slot.service &&
        v.effectiveFrom.date <= date &&
        (!v.effectiveTo || date < v.effectiveTo.date),
    );
    const channels = version ? usableChannels(version) : [];
    const monthDay = date.slice(5);
    const categories = version
      ? [...new Set(version.windows.filter((w) => w.from <= monthDay && monthDay <= w.to).map((w) => w.category))]
      : [];
    if (version && channels.length > 0 && (version.windows.length === 0 || categories.length > 0)) {
      return { at, version, channel: pick(prng, channels), ...(categories.length ? { category: pick(prng, categories) } : {}) };
    }
    if (tries > 200) throw new Error(`no receipt instant for ${slot.region}/${slot.service} before ${slot.eraEnd.toISOString()}`);
  }
}

function generateCase(name: string, slot: ServiceSlot, prng: Prng, options: ScenarioOptions): DemoCase {
  const caseId = uuidFromName(`demo-case:${name}`);
  const early = slot.storage && prng() < 0.5;
  const { at: receivedAt, version, channel, category } = receipt(slot, prng, options, early);
  const plan = buildPlan(version, channel);
  const walk = new CaseWalk(name, caseId, slot.region, options.now, options.time, receivedAt);
  const applicant = applicantFor(prng);
  const representative = prng() < 0.15 ? representativeFor(prng, options.time.localDate(receivedAt, slot.region)) : undefined;
  const executorKey = prng() < 0.5 ? 'executor-1' : 'executor-2';
  const executorId = `demo-${slot.region}-${executorKey}`;
  const parties = {
    caseId,
    channel,
    service: slot.service,
    providerOrganisation: userOf(slot.region, 'clerk').organisation,
    applicant,
    ...(representative ? { representative } : {}),
    documents: ['заявление', 'документ, удостоверяющий личность'],
  };
  const refusalRole = plan.acceptanceRefusal?.role;
  const refuseAcceptance = refusalRole !== undefined && PERFORMERS[refusalRole].length > 0 && prng() < 0.12;
  // What becomes of the case: a motivated refusal after step `refuseAt`, a stall (no one acts) at step `stallAt`.
  const refuseAt = prng() < 0.12 ? 1 + Math.floor(prng() * Math.max(1, plan.steps.length - 2)) : -1;
  const stallAt = slot.current && prng() < 0.3 ? 1 + Math.floor(prng() * Math.max(1, plan.steps.length - 1)) : -1;
  const storage = early && channel === 'state-corporation' && plan.specialRules.some((r) => r.kind === 'state-corporation-storage');
  // The portal sends the result to the applicant's own cabinet.
  const toRepresentative = representative !== undefined && channel !== 'portal' && prng() < 0.6;

  if (refuseAcceptance && refusalRole) {
    const user = userKeyFor(refusalRole, 'acceptance-refused', executorKey) ?? 'clerk';
    walk.send(receivedAt, user, { type: 'RefuseAcceptance', ...parties, missingDocuments: ['документ, удостоверяющий личность'] }, version);
  } else {
    const first = plan.steps[0];
    const user = userKeyFor(first.role, first.action, executorKey) ?? 'clerk';
    walk.send(
      receivedAt,
      user,
      { type: 'ReceiveApplication', ...parties, consentToProtectedData: true, ...(category ? { category } : {}) },
      version,
    );
    walkSteps(walk, plan, prng, { executorKey, executorId, toRepresentative, refuseAt, stallAt, storage });
  }
  appealIfAny(walk, prng, plan);

  const current = walk.state.current?.dueAt;
  return {
    name,
    caseId,
    region: slot.region,
    service: slot.service,
    channel,
    regulationVersionId: version.id,
    commands: walk.commands,
    outcome: {
      status: walk.state.status,
      overdue: walk.state.status === 'open' && current !== undefined && Date.parse(current) < options.now.getTime(),
      lateSteps: walk.lateSteps,
      appealed: walk.state.appeals.length > 0,
      stored: walk.commands.some((c) => c.command.type === 'HandToStorage'),
      recalled: walk.commands.some((c) => c.command.type === 'RecallFromStorage'),
      reached: reachedOf(walk.state, plan),
    },
  };
}

function reachedOf(state: CaseState, plan: CasePlan): DemoOutcome['reached'] {
  if (state.status === 'acceptance-refused' || state.status === 'service-refused') return state.status;
  return plan.steps[Math.min(state.cursor, plan.steps.length) - 1]?.action ?? 'received';
}

interface WalkPlan {
  executorKey: string;
  executorId: string;
  toRepresentative: boolean;
  refuseAt: number;
  stallAt: number;
  storage: boolean;
}

/** The regulated path after the receipt, step by step, with the provider's own work inside a step the text regulates as a whole. */
function walkSteps(walk: CaseWalk, plan: CasePlan, prng: Prng, p: WalkPlan): void {
  let executorKey = p.executorKey;
  const hasOwnSteps = plan.steps.some((s) => s.action === 'visa-imposed' || s.action === 'draft-prepared' || s.action === 'signed');
  for (let index = 1; index < plan.steps.length && walk.state.status === 'open'; index++) {
    const step = plan.steps[index];
    if (index === p.stallAt && walk.state.current?.dueAt && Date.parse(walk.state.current.dueAt) < walk.now.getTime()) {
      walk.cut = true; // no one acts: the step stays pending past its due instant
      return;
    }
    if (index === p.refuseAt) {
      const role = plan.serviceRefusal?.role ?? 'head';
      const user = userKeyFor(role, 'service-refused', executorKey) ?? 'head';
      walk.send(walk.next(prng, step.duration, false, 0.5), user, { type: 'RefuseService', grounds: pick(prng, REFUSAL_GROUNDS) });
      return;
    }
    if (step.action === 'result-prepared' && !hasOwnSteps) {
      // "The provider prepares the result, 13 working days": visa, draft and signature inside it.
      const inside: Array<[string, CaseCommand]> = [
        ['head', { type: 'ImposeVisa', executorId: p.executorId }],
        [executorKey, { type: 'PrepareDraft', summary: 'Проект результата подготовлен' }],
        ['head', { type: 'SignResult' }],
      ];
      for (const [user, command] of inside) {
        if (!walk.send(walk.next(prng, step.duration, false, 0.2), user, command)) return;
      }
    }
    if (p.storage && step.action === 'issued' && walk.state.resultLocation === 'state-corporation') {
      storeAndRecall(walk, prng);
      if (walk.cut) return;
    }
    const late = prng() < 0.15;
    const command = commandFor(step.action, { executorId: p.executorId, toRepresentative: p.toRepresentative });
    const user = userKeyFor(step.role, step.action, executorKey);
    if (!command || !user)
      throw new Error(`demo: no command for ${plan.regulationVersionId} step ${step.id} (${step.role}/${step.action})`);
    if (!walk.send(walk.next(prng, step.duration, late), user, command)) return;
    if (command.type === 'ImposeVisa' && prng() < 0.08) {
      // The named executor falls ill: the head names the other one; the step's deadline stays.
      executorKey = executorKey === 'executor-1' ? 'executor-2' : 'executor-1';
      const reassign: CaseCommand = {
        type: 'ReassignExecutor',
        executorId: `demo-${walk.region}-${executorKey}`,
        reason: 'Исполнитель на больничном',
      };
      if (!walk.send(walk.after(30 + Math.floor(prng() * 200)), 'head', reassign)) return;
    }
  }
}

/** An uncollected result goes to the provider's storage after the month at the State Corporation; some are recalled on request. */
function storeAndRecall(walk: CaseWalk, prng: Prng): void {
  const since = walk.state.atStateCorporationSince;
  if (!since) return;
  const monthLater = new Date(since);
  monthLater.setUTCMonth(monthLater.getUTCMonth() + 1);
  walk.last = monthLater;
  if (!walk.send(walk.after(60 + Math.floor(prng() * 900)), 'sc-operator', { type: 'HandToStorage' })) return;
  if (prng() < 0.4) {
    walk.cut = true; // still in storage now
    return;
  }
  const requestedAt = walk.after(120 + Math.floor(prng() * 2400));
  walk.last = requestedAt;
  walk.send(walk.after(30 + Math.floor(prng() * 600)), 'clerk', { type: 'RecallFromStorage', requestedAt: requestedAt.toISOString() });
}

/**
 * Some closed cases are appealed. The complaint is taken in by the provider (its clerk, or its
 * head) or by the State Corporation office that received the case, forwarded by that office's
 * clerk or operator, and decided by the provider's head within (or after) 5 working days.
 */
function appealIfAny(walk: CaseWalk, prng: Prng, plan: CasePlan): void {
  const closed = walk.state.status === 'acceptance-refused' || walk.state.status === 'service-refused' || walk.state.status === 'completed';
  const share = walk.state.status === 'completed' ? 0.1 : 0.45;
  if (!closed || walk.cut || prng() >= share || plan.steps.length === 0) return;
  const appealId = uuidFromName(`demo-appeal:${walk.name}:1`);
  const atStateCorporation = walk.state.stateCorporationOrganisation !== undefined && prng() < 0.5;
  const filer = atStateCorporation ? 'sc-operator' : prng() < 0.3 ? 'head' : 'clerk';
  walk.last = walk.after(60 + Math.floor(prng() * 2400));
  if (!walk.send(walk.last, filer, { type: 'FileAppeal', appealId, grounds: pick(prng, APPEAL_GROUNDS) })) return;
  const forwarder = atStateCorporation ? 'sc-operator' : 'clerk';
  if (
    !walk.send(walk.after(30 + Math.floor(prng() * 400)), forwarder, {
      type: 'ForwardAppeal',
      appealId,
      to: 'Управление образования (вышестоящий орган)',
    })
  )
    return;
  const late = prng() < 0.2;
  const decideAt = walk.after(
    late ? 6 * OFFICE_MINUTES_PER_DAY + Math.floor(prng() * 1500) : 120 + Math.floor(prng() * 3 * OFFICE_MINUTES_PER_DAY),
  );
  const decision = prng() < 0.35 ? 'upheld' : 'rejected';
  walk.send(decideAt, 'head', {
    type: 'DecideAppeal',
    appealId,
    decision,
    reasoning: decision === 'upheld' ? 'Доводы жалобы подтвердились' : 'Нарушений порядка оказания услуги не установлено',
  });
}
