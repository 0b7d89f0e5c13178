import type { TimelineStepDto } from '../../projections/step-timeline/step-timeline.dto';

/** One bar pair of the case page's timeline: the regulated office time against the office time taken. */
export interface TimelineBar {
  stepId: string;
  action: string;
  role: string;
  kind: string;
  status: TimelineStepDto['status'];
  /** Office minutes the regulation allows; null when it states none (or only as a whole, within a step). */
  allowedMinutes: number | null;
  /** Office minutes taken (to now while in progress). */
  elapsedMinutes: number | null;
  /** Ended late, or in progress past its due instant. */
  breach: boolean;
  inProgress: boolean;
  dueAt: string | null;
  duration: TimelineStepDto['regulatedDuration'];
}

/**
 * The bars from the step-timeline read model. Durations in days have no
 * allowed office minutes there (a day is the calendar's to count), so the
 * office time between the step's start and its recorded due instant stands
 * for them: the same calendar that set the deadline measures it.
 */
export function timelineBars(steps: TimelineStepDto[], officeMinutes: (from: Date, to: Date) => number | null): TimelineBar[] {
  return steps.map((step) => {
    const allowed =
      step.allowedOfficeMinutes ??
      (step.dueAt !== null && step.regulatedDuration?.regulated ? officeMinutes(new Date(step.startedAt), new Date(step.dueAt)) : null);
    const inProgress = step.status === 'in-progress';
    return {
      stepId: step.stepId,
      action: step.action,
      role: step.role,
      kind: step.kind,
      status: step.status,
      allowedMinutes: allowed,
      elapsedMinutes: step.elapsedOfficeMinutes,
      breach: step.status === 'late' || (inProgress && step.overdue === true),
      inProgress,
      dueAt: step.dueAt,
      duration: step.regulatedDuration,
    };
  });
}

/** The scale's end: the longest bar, at least an hour so a case of minutes still draws. */
export const timelineScale = (bars: TimelineBar[]): number =>
  Math.max(60, ...bars.flatMap((b) => [b.allowedMinutes ?? 0, b.elapsedMinutes ?? 0]));
