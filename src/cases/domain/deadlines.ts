import { Citation, Duration, SpecialRule } from '../../regulations/regulation.model';
import { RecordedDeadline } from './case.events';
import { CasePlan, PlannedStep } from './plan';
import { CountableUnit, WorkingTime } from './working-time.port';

/** Law of the Republic of Kazakhstan "On State Services", art. 25: a complaint is considered within 5 working days. */
export const APPEAL_TERM = {
  value: 5,
  unit: 'working-days' as const,
  citation: 'Закон РК «О государственных услугах», ст. 25: жалоба рассматривается в течение пяти рабочих дней',
};

type AcceptanceDayRule = Extract<SpecialRule, { kind: 'acceptance-day-not-counted' }>;

const where = (c: Citation) => `para ${c.paragraph}${c.subparagraph ? `, ${c.subparagraph})` : ''}`;

/**
 * Whether the text's "the day of acceptance is not counted" governs this case's
 * channel, and the words saying so. A rule recorded without channels (cases
 * received before the reading was recorded) governs every channel.
 */
function acceptanceDayRule(plan: CasePlan): { applies: boolean; explanation: string } | undefined {
  const rule = plan.specialRules.find((r): r is AcceptanceDayRule => r.kind === 'acceptance-day-not-counted');
  if (!rule) return undefined;
  const quote = `«${rule.citation.quote}» (${where(rule.citation)})`;
  if (!rule.channels) return { applies: true, explanation: `the day of acceptance is not counted: ${quote}` };
  if (rule.channels.includes(plan.channel)) {
    return { applies: true, explanation: `the day of acceptance is not counted on the ${rule.channels.join(', ')} channel: ${quote}` };
  }
  return {
    applies: false,
    explanation: `the day of acceptance counts: ${quote} governs the ${rule.channels.join(', ')} channel only, not ${plan.channel} (reading: ${rule.reading?.en ?? 'not recorded'})`,
  };
}

/**
 * How a stated duration is counted. "день" / "күн" without qualification is
 * read as calendar days (the texts say "рабочих дней" where they mean working
 * days); the reading is recorded in the explanation, so it can be disputed.
 */
export function countable(
  duration: Extract<Duration, { kind: 'stated' }>,
): { value: number; unit: CountableUnit; reading?: string } | undefined {
  switch (duration.unit) {
    case 'minutes':
    case 'hours':
    case 'working-days':
    case 'calendar-days':
      return { value: duration.value, unit: duration.unit };
    case 'days':
      return {
        value: duration.value,
        unit: 'calendar-days',
        reading: 'the text says "день" without qualification: counted as calendar days',
      };
    case 'months':
      return undefined;
  }
}

export function deadlineFor(
  step: Pick<PlannedStep, 'id' | 'action' | 'role' | 'duration'> & { citation?: Citation },
  start: Date,
  plan: CasePlan,
  receivedAt: Date | undefined,
  time: WorkingTime,
  /** The event that started the step (e.g. "VisaImposed"), named in the explanation; absent for a receipt. */
  startedBy?: string,
): RecordedDeadline {
  const base = { stepId: step.id, action: step.action, role: step.role, citation: step.citation };
  const duration = step.duration;
  if (duration.kind === 'not-stated') return { ...base, explanation: `not regulated: ${duration.note}` };
  // Handing the result over is counter time: its minutes run from the moment the
  // applicant comes to collect (the receipt names the day), which no one records.
  if (step.action === 'issued' && (duration.unit === 'minutes' || duration.unit === 'hours')) {
    return {
      ...base,
      explanation: `${duration.value} ${duration.unit} of counter time from the applicant's arrival, which is not recorded: no due instant`,
    };
  }
  const count = countable(duration);
  if (!count) return { ...base, explanation: `duration of ${duration.value} ${duration.unit} is not counted in working time` };
  // "The day of acceptance is not counted" (where the text says so, on the channels it governs)
  // applies to day counts starting that day.
  const acceptanceRule = acceptanceDayRule(plan);
  const startsOnAcceptanceDay =
    receivedAt !== undefined &&
    count.unit.endsWith('-days') &&
    time.localDate(start, plan.region) === time.localDate(receivedAt, plan.region);
  const skipAcceptanceDay = acceptanceRule?.applies === true && startsOnAcceptanceDay;
  const { dueAt, explanation } = time.addDuration(start, { value: count.value, unit: count.unit }, plan.region, {
    acceptanceDayNotCounted: skipAcceptanceDay,
    ...(startedBy ? { startedBy } : {}),
  });
  return {
    ...base,
    dueAt: dueAt.toISOString(),
    explanation: [count.reading, startsOnAcceptanceDay ? acceptanceRule?.explanation : undefined, explanation].filter(Boolean).join('; '),
  };
}

export function overallDeadline(plan: CasePlan, receivedAt: Date, time: WorkingTime): RecordedDeadline | undefined {
  if (!plan.overallDeadline) return undefined;
  return deadlineFor(
    { id: 'overall', action: 'issued', role: 'provider', duration: plan.overallDeadline, citation: plan.overallDeadline.citation },
    receivedAt,
    plan,
    receivedAt,
    time,
  );
}
