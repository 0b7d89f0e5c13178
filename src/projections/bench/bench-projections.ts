import type { WorkingCalendar } from '../../calendar/working-calendar.service';
import { CaseHistoryProjection } from '../case-history/case-history.projection';
import { CASE_HISTORY_READ_MODEL } from '../case-history/case-history.read-model';
import { OversightProjection } from '../oversight/oversight.projection';
import { OVERSIGHT_READ_MODEL } from '../oversight/oversight.read-model';
import { READ_MODELS } from '../read-models.registry';
import type { Projection, ReadModelDefinition } from '../runtime/projection';
import { StepTimelineProjection } from '../step-timeline/step-timeline.projection';
import { STEP_TIMELINE_READ_MODEL } from '../step-timeline/step-timeline.read-model';
import { WorkQueueProjection } from '../work-queue/work-queue.projection';
import { WORK_QUEUE_READ_MODEL } from '../work-queue/work-queue.read-model';

/** The four projections of the service, as the composition root registers them. */
export const benchProjections = (calendar: WorkingCalendar): Projection[] => [
  new WorkQueueProjection(),
  new CaseHistoryProjection(),
  new StepTimelineProjection(calendar),
  new OversightProjection(calendar),
];

/** Every read model of the registry, plus the four rebuilt here (in case the registry lacks a line yet). */
export const benchReadModels = (): ReadModelDefinition[] => [
  ...new Set([...READ_MODELS, WORK_QUEUE_READ_MODEL, CASE_HISTORY_READ_MODEL, STEP_TIMELINE_READ_MODEL, OVERSIGHT_READ_MODEL]),
];
