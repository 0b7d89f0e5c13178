import type { ReadModelDefinition } from '../runtime/projection';
import { CaseHistoryCaseRow, CaseHistoryEntryRow } from './case-history.entities';
import { CreateCaseHistory1767225600200 } from './case-history.migration';

export const CASE_HISTORY_READ_MODEL: ReadModelDefinition = {
  entities: [CaseHistoryCaseRow, CaseHistoryEntryRow],
  migrations: [CreateCaseHistory1767225600200],
};
