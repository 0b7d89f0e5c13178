import {
  Channel,
  Citation,
  Duration,
  Region,
  RegulationVersion,
  SpecialRule,
  Step,
  StepAction,
  Window,
} from '../../regulations/regulation.model';

/** A regulation step as the case sees it: copied into the case at receipt. */
export type PlannedStep = Pick<Step, 'id' | 'role' | 'roleBasis' | 'action' | 'duration' | 'citation' | 'description' | 'representative'>;

/**
 * The regulation a case is bound to, snapshotted into ApplicationReceived so
 * that the case replays the same way whatever the catalog becomes later.
 */
export interface CasePlan {
  regulationVersionId: string;
  region: Region;
  service: string;
  channel: Channel;
  effectiveFrom: string;
  /** The steps a person performs, in the regulation's order: the case walks these. */
  steps: PlannedStep[];
  /** Steps the text describes but no one records (information-system processing, the applicant's own actions). */
  untracked: Array<{ id: string; action: StepAction; reason: string }>;
  acceptanceRefusal?: PlannedStep;
  serviceRefusal?: PlannedStep;
  overallDeadline?: Duration;
  windows: Window[];
  specialRules: SpecialRule[];
}

const SYSTEM_ACTIONS: ReadonlySet<StepAction> = new Set(['system-processing', 'status-notified', 'consent-obtained']);

function untrackedReason(step: Step): string | undefined {
  if (step.lane === 'information-system') return "the text's parallel description of the information systems' processing";
  if (step.role === 'information-system') return 'performed by an information system';
  if (step.role === 'applicant') return "the applicant's own action, recorded as part of the receipt";
  if (SYSTEM_ACTIONS.has(step.action)) return 'part of the neighbouring step, not recorded on its own';
  return undefined;
}

const toPlanned = (s: Step): PlannedStep => ({
  id: s.id,
  role: s.role,
  roleBasis: s.roleBasis,
  action: s.action,
  duration: s.duration,
  citation: s.citation,
  description: s.description,
  ...(s.representative ? { representative: s.representative } : {}),
});

export function buildPlan(version: RegulationVersion, channel: Channel): CasePlan {
  const rules = version.channels.find((c) => c.channel === channel);
  if (!rules || !rules.available || rules.wording !== 'full') {
    throw new Error(`${version.id} has no usable steps for ${channel}`);
  }
  const plan: CasePlan = {
    regulationVersionId: version.id,
    region: version.region,
    service: version.service.code,
    channel,
    effectiveFrom: version.effectiveFrom.date,
    steps: [],
    untracked: [],
    overallDeadline: version.overallDeadline,
    windows: version.windows,
    specialRules: version.specialRules,
  };
  for (const step of rules.steps) {
    if (step.branch === 'acceptance-refusal') {
      plan.acceptanceRefusal ??= toPlanned(step);
      continue;
    }
    if (step.branch === 'service-refusal') {
      plan.serviceRefusal ??= toPlanned(step);
      continue;
    }
    const reason = untrackedReason(step);
    if (reason) plan.untracked.push({ id: step.id, action: step.action, reason });
    else plan.steps.push(toPlanned(step));
  }
  return plan;
}

export const citationOf = (step: PlannedStep): Citation => step.citation;
