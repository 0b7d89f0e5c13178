import type { ReadModelDefinition } from '../runtime/projection';
import { StepTimelineCaseEntity, StepTimelinePlanEntity, StepTimelineRowEntity } from './step-timeline.entity';
import { CreateStepTimeline1767312000000 } from './step-timeline.migration';

export const STEP_TIMELINE_READ_MODEL: ReadModelDefinition = {
  entities: [StepTimelineRowEntity, StepTimelinePlanEntity, StepTimelineCaseEntity],
  migrations: [CreateStepTimeline1767312000000],
};
