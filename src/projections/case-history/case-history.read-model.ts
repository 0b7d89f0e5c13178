import type { ReadModelDefinition } from '../runtime/projection';
import { CreateCaseHistoryPlans1767600000000 } from './case-history-plans.migration';
import { CreateCaseHistory1767225600200 } from './case-history.migration';

export const CASE_HISTORY_READ_MODEL: ReadModelDefinition = {
  migrations: [CreateCaseHistory1767225600200, CreateCaseHistoryPlans1767600000000],
};
