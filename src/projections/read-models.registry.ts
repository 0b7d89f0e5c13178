import type { ReadModelDefinition } from './runtime/projection';
import { OVERSIGHT_READ_MODEL } from './oversight/oversight.read-model';
import { STEP_TIMELINE_READ_MODEL } from './step-timeline/step-timeline.read-model';
import { WORK_QUEUE_READ_MODEL } from './work-queue/work-queue.read-model';
import { CASE_HISTORY_READ_MODEL } from './case-history/case-history.read-model';
import { TRANSPARENCY_READ_MODEL } from '../transparency/notary.read-model';

/**
 * Every read model's entities and migrations, for the one TypeORM data source
 * (migrations run at start; never `synchronize`). Each read model adds one line.
 */
export const READ_MODELS: ReadModelDefinition[] = [
  STEP_TIMELINE_READ_MODEL,
  OVERSIGHT_READ_MODEL, // step timelines and oversight statistics
  WORK_QUEUE_READ_MODEL,
  CASE_HISTORY_READ_MODEL, // work queue and case history
  TRANSPARENCY_READ_MODEL, // the notary's Merkle tree and signed checkpoints
];
