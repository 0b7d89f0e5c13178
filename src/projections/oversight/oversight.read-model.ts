import type { ReadModelDefinition } from '../runtime/projection';
import { CreateOversight1767312060000 } from './oversight.migration';

export const OVERSIGHT_READ_MODEL: ReadModelDefinition = {
  migrations: [CreateOversight1767312060000],
};
