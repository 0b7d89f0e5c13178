import type { ReadModelDefinition } from '../runtime/projection';
import { OversightCaseEntity, OversightPlanEntity, OversightStepFactEntity } from './oversight.entity';
import { CreateOversight1767312060000 } from './oversight.migration';

export const OVERSIGHT_READ_MODEL: ReadModelDefinition = {
  entities: [OversightStepFactEntity, OversightPlanEntity, OversightCaseEntity],
  migrations: [CreateOversight1767312060000],
};
