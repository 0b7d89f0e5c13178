import type { CaseEvent } from '../../cases/domain/case.events';
import { evolveQueueItem, QUEUE_EVENT_TYPES, QueueItem } from './work-queue.item';

const waiting: QueueItem = {
  caseId: 'c-1',
  region: 'kostanay-oblast',
  providerOrganisation: 'school-7',
  stateCorporationOrganisation: null,
  service: 'secondary-education-duplicates',
  channel: 'provider-office',
  regulationVersionId: 'kostanay-oblast/secondary-education-duplicates/v2',
  stepId: 'office-3',
  stepAction: 'draft-prepared',
  stepRole: 'executor',
  stepSince: '2019-03-04T05:00:00.000Z',
  dueAt: '2019-03-11T12:30:00.000Z',
  dueExplanation: '5 working days',
  executorId: 'u-exce',
  receivedAt: '2019-03-04T04:00:00.000Z',
  revision: 1,
  position: '100',
};

const reassigned: CaseEvent = {
  type: 'ExecutorReassigned',
  data: {
    caseId: 'c-1',
    actor: { id: 'u-head', role: 'head', organisation: 'school-7' },
    occurredAt: '2019-03-04T06:00:00.000Z',
    previousExecutorId: 'u-exce',
    executorId: 'u-exec',
    reason: 'mistyped',
    stepId: 'office-3',
  },
};

describe('work queue item: a reassigned executor', () => {
  it('is subscribed to', () => {
    expect(QUEUE_EVENT_TYPES).toContain('ExecutorReassigned');
  });

  it('moves the work to the new executor; the step, its start and its due instant stay', () => {
    expect(evolveQueueItem(waiting, reassigned, { revision: 2, position: 120n })).toEqual({
      ...waiting,
      executorId: 'u-exec',
      revision: 2,
      position: '120',
    });
  });

  it('queues nothing for a case that is not waiting', () => {
    expect(evolveQueueItem(undefined, reassigned, { revision: 2, position: 120n })).toBeUndefined();
  });
});
