import type { ReadModelDefinition } from '../runtime/projection';
import { CreateOversight1767312060000 } from './oversight.migration';
import { CreateOversightRollups1767312060001 } from './oversight-rollups.migration';

export const OVERSIGHT_READ_MODEL: ReadModelDefinition = {
  migrations: [CreateOversight1767312060000, CreateOversightRollups1767312060001],
};
