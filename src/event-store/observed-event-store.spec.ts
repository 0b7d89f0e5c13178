import { AppendObserver, observeAppends } from './observed-event-store';
import { AppendResult, EventStore, ImportResult, InvalidAppendError, NewEvent, WrongExpectedRevisionError } from './event-store.port';

const event = (id: string): NewEvent => ({ id, type: 'Happened', schemaVersion: 1, data: {}, metadata: { correlationId: 'c-1' } });
const written: AppendResult = { nextRevision: 1, position: 9n, idempotentReplay: false };

function storeAnswering(append: () => Promise<AppendResult>): EventStore {
  const unused = () => Promise.reject(new Error('not used here'));
  return {
    append,
    importEvents: (): Promise<ImportResult> =>
      Promise.resolve({ written: 3, nextRevisions: new Map(), position: 12n, idempotentReplay: false }),
    readStream: unused,
    readAll: unused,
    subscribeToAll: () => {
      throw new Error('not used here');
    },
    headPosition: unused,
    logHold: unused,
    ping: unused,
    close: unused,
  };
}

describe('observeAppends', () => {
  const seen: Parameters<AppendObserver['appended']>[0][] = [];
  const observer: AppendObserver = { appended: (observation) => seen.push(observation) };
  beforeEach(() => (seen.length = 0));

  it('tells the observer of each append with its size, its time and its outcome, and passes the answer on', async () => {
    const store = observeAppends(
      storeAnswering(() => Promise.resolve(written)),
      observer,
    );
    await expect(store.append('s-1', [event('a'), event('b')], 'any')).resolves.toBe(written);
    const replay = observeAppends(
      storeAnswering(() => Promise.resolve({ ...written, idempotentReplay: true })),
      observer,
    );
    await replay.append('s-1', [event('a')], 'any');
    await store.importEvents({
      events: [
        { ...event('x'), streamId: 's-2' },
        { ...event('y'), streamId: 's-3' },
        { ...event('z'), streamId: 's-3' },
      ],
    });
    expect(seen.map(({ events, outcome }) => ({ events, outcome }))).toEqual([
      { events: 2, outcome: 'written' },
      { events: 1, outcome: 'replayed' },
      { events: 3, outcome: 'written' },
    ]);
    expect(seen.every((s) => s.seconds >= 0 && s.seconds < 5)).toBe(true);
  });

  it('counts a revision conflict and a refused append, and still throws them', async () => {
    const conflict = new WrongExpectedRevisionError('s-1', 0, 3);
    await expect(
      observeAppends(
        storeAnswering(() => Promise.reject(conflict)),
        observer,
      ).append('s-1', [event('a')], 0),
    ).rejects.toBe(conflict);
    const invalid = new InvalidAppendError('bad');
    await expect(
      observeAppends(
        storeAnswering(() => Promise.reject(invalid)),
        observer,
      ).append('s-1', [event('a')], 'any'),
    ).rejects.toBe(invalid);
    expect(seen.map((s) => s.outcome)).toEqual(['conflict', 'refused']);
  });
});
