import type { ReadModelDefinition } from '../runtime/projection';
import { CreateStepTimeline1767312000000 } from './step-timeline.migration';

export const STEP_TIMELINE_READ_MODEL: ReadModelDefinition = {
  migrations: [CreateStepTimeline1767312000000],
};
