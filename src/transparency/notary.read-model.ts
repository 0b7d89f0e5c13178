import type { ReadModelDefinition } from '../projections/runtime/projection';
import { CreateTransparencyLog1767398400000 } from './notary.migration';

export const TRANSPARENCY_READ_MODEL: ReadModelDefinition = { migrations: [CreateTransparencyLog1767398400000] };
