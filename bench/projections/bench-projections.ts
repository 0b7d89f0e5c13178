import type { WorkingCalendar } from '../../src/calendar/working-calendar.service';
import { CaseHistoryProjection } from '../../src/projections/case-history/case-history.projection';
import { CASE_HISTORY_READ_MODEL } from '../../src/projections/case-history/case-history.read-model';
import { OversightProjection } from '../../src/projections/oversight/oversight.projection';
import { OVERSIGHT_READ_MODEL } from '../../src/projections/oversight/oversight.read-model';
import { READ_MODELS } from '../../src/projections/read-models.registry';
import type { Projection, ReadModelDefinition } from '../../src/projections/runtime/projection';
import { StepTimelineProjection } from '../../src/projections/step-timeline/step-timeline.projection';
import { STEP_TIMELINE_READ_MODEL } from '../../src/projections/step-timeline/step-timeline.read-model';
import { WorkQueueProjection } from '../../src/projections/work-queue/work-queue.projection';
import { WORK_QUEUE_READ_MODEL } from '../../src/projections/work-queue/work-queue.read-model';

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
