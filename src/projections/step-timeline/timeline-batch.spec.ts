import { APPLICANT, clerk, driveCase, SCHOOL } from '../../audit/testing/case-history';
import { UndecodableCaseEvent } from '../../cases/domain/case-event-codec';
import { caseStreamId } from '../../cases/domain/case.events';
import { isRecord } from '../../cases/domain/event-checks';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { CaseTrackStore } from './case-track.store';
import { reduceBatch } from './timeline-batch';

const caseId = '3b8f6a52-0d2e-4c1b-9f3a-6e7d8c9b0a11';
const [receipt] = driveCase(caseId, [
  {
    at: '2019-03-04T04:00:00Z',
    caller: clerk,
    command: {
      type: 'ReceiveApplication',
      caseId,
      channel: 'provider-office',
      service: 'secondary-education-duplicates',
      providerOrganisation: SCHOOL,
      applicant: APPLICANT,
      documents: ['application'],
      consentToProtectedData: true,
    },
  },
]);

const recorded = (data: unknown): RecordedEvent => ({
  ...receipt,
  data,
  streamId: caseStreamId(caseId),
  revision: 0,
  position: 1n,
  recordedAt: new Date('2019-03-04T04:00:00Z'),
  metadata: { ...receipt.metadata },
  prevHash: '',
  hash: '',
  rawData: JSON.stringify(data),
  rawMetadata: JSON.stringify(receipt.metadata),
});

const meter = { elapsedMinutes: () => 0, localMonth: () => '2019-03' };
/** A receipt opens its case: nothing is read from the database. */
const noDatabase = { query: () => Promise.reject(new Error('no database in this test')) };

describe('the timeline batch reads case events through the codec', () => {
  it('folds a receipt as decoded', async () => {
    const outcome = await reduceBatch([recorded(receipt.data)], noDatabase, new CaseTrackStore('t'), meter);
    expect(outcome.created).toHaveLength(1);
  });

  it('an event that does not decode stops the batch with UndecodableCaseEvent, so the runner holds at it', async () => {
    const broken = { ...(isRecord(receipt.data) ? receipt.data : {}), applicant: { name: 'no IIN' } };
    await expect(reduceBatch([recorded(broken)], noDatabase, new CaseTrackStore('t'), meter)).rejects.toThrow(UndecodableCaseEvent);
  });
});
