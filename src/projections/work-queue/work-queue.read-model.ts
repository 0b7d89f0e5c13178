import type { ReadModelDefinition } from '../runtime/projection';
import { CreateWorkQueueRegionDays1767225600101 } from './work-queue-region-days.migration';
import { CreateWorkQueue1767225600100 } from './work-queue.migration';
import { CreateWorkQueueOrgDays1767500000000 } from './work-queue-org-days.migration';

export const WORK_QUEUE_READ_MODEL: ReadModelDefinition = {
  migrations: [CreateWorkQueue1767225600100, CreateWorkQueueRegionDays1767225600101, CreateWorkQueueOrgDays1767500000000],
};
