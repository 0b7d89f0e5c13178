import { randomUUID } from 'node:crypto';
import { UnavailableError } from '@eventstore/db-client';
import {
  EventStoreUnavailableError,
  IdempotencyViolationError,
  WrongExpectedRevisionError,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port';
import { verifyChain } from '../hash-chain';
import { EventStoreDbStore, type EventStoreDbStoreOptions } from './eventstoredb-event-store';
import { InMemoryEsdbClient, overTheModel } from './testing/in-memory-esdb-client';

const event = (type = 'CaseOpened', data: unknown = { n: randomUUID() }): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c-1' },
});
const events = (count: number) => Array.from({ length: count }, () => event());

function setup(options: EventStoreDbStoreOptions = {}) {
  const server = new InMemoryEsdbClient();
  const store = new EventStoreDbStore(server.asClient(), { subscriptionIdleMs: 2, ...options });
  const rival = new EventStoreDbStore(server.asClient());
  return { server, store, rival };
}

/** A beforeAppend hook that does not fire again for the rival's own append. */
function interrupt(action: () => Promise<void>): () => Promise<void> {
  let busy = false;
  return async () => {
    if (busy) return;
    busy = true;
    try {
      await action();
    } finally {
      busy = false;
    }
  };
}

async function failureOf(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe(overTheModel('EventStoreDB adapter'), () => {
  describe('appends racing other instances', () => {
    it('an exact revision loses to a writer that slipped in between read and write', async () => {
      const { server, store, rival } = setup();
      await store.append('case-1', [event()], 'no-stream');
      server.beforeAppend = async () => {
        server.beforeAppend = undefined;
        await rival.append('case-1', events(2), 0);
      };
      const error = await failureOf(store.append('case-1', [event()], 0));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ expected: 0, actual: 2 });
    });

    it('an identical append that slipped in between makes ours an idempotent success', async () => {
      const { server, store, rival } = setup();
      await store.append('case-1', [event()], 'no-stream');
      const batch = events(2);
      let rivalResult: unknown;
      server.beforeAppend = async () => {
        server.beforeAppend = undefined;
        rivalResult = await rival.append('case-1', batch, 0);
      };
      const ours = await store.append('case-1', batch, 0);
      // The server reports the same revisions and position for both; it cannot say who wrote.
      expect(ours).toEqual({ ...(rivalResult as object), idempotentReplay: false });
      expect(await store.readStream('case-1')).toHaveLength(3);
    });

    it("'any' reads the new tail and retries, keeping the hash chain intact", async () => {
      const { server, store, rival } = setup();
      await store.append('case-1', [event()], 'no-stream');
      let interruptions = 2;
      server.beforeAppend = interrupt(async () => {
        if (interruptions-- > 0) await rival.append('case-1', [event('Rival')], 'any');
      });
      const result = await store.append('case-1', [event('Mine')], 'any');
      expect(result).toMatchObject({ nextRevision: 3, idempotentReplay: false });
      const stored = await store.readStream('case-1');
      expect(stored.map((e) => e.type)).toEqual(['CaseOpened', 'Rival', 'Rival', 'Mine']);
      expect(verifyChain(stored).ok).toBe(true);
    });

    it("'any' gives up with EventStoreUnavailableError when it never wins the race", async () => {
      const { server, store, rival } = setup({ maxAppendAttempts: 3 });
      server.beforeAppend = interrupt(async () => {
        await rival.append('case-1', [event('Rival')], 'any');
      });
      const error = await failureOf(store.append('case-1', [event()], 'any'));
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).message).toMatch(/gave up after 3 attempts/);
    });

    it('queues appends to one stream within an instance instead of racing them', async () => {
      const { server, store } = setup();
      await Promise.all(Array.from({ length: 10 }, () => store.append('case-1', [event()], 'any')));
      expect(server.appendCalls).toBe(10);
      expect(verifyChain(await store.readStream('case-1')).ok).toBe(true);
    });
  });

  describe("idempotency of 'any' near the tail", () => {
    it('looks below a window that cuts through the earlier append before calling it a conflict', async () => {
      const { store } = setup({ idempotencyWindow: 1 });
      const first = events(2);
      const original = await store.append('case-1', first, 'any');
      await store.append('case-1', events(2), 'any');
      // The window holds the last 3 events: only the second of `first` is in it.
      expect(await store.append('case-1', first, 'any')).toEqual({ ...original, idempotentReplay: true });
    });

    it('still sees a partial overlap below the window as a conflict', async () => {
      const { store } = setup({ idempotencyWindow: 0 });
      const [a, b] = events(2);
      await store.append('case-1', [a, b], 'any');
      await store.append('case-1', events(1), 'any');
      await expect(store.append('case-1', [b, event()], 'any')).rejects.toBeInstanceOf(IdempotencyViolationError);
    });

    it('does not recognise a retry whose events fell out of the window (documented limit)', async () => {
      const { store } = setup({ idempotencyWindow: 0 });
      const first = events(1);
      await store.append('case-1', first, 'any');
      await store.append('case-1', events(3), 'any');
      const retry = await store.append('case-1', first, 'any');
      expect(retry.idempotentReplay).toBe(false);
      expect(await store.readStream('case-1')).toHaveLength(5);
    });

    it('recognises retries with an exact revision however far back they are', async () => {
      const { store } = setup({ idempotencyWindow: 0 });
      const first = events(2);
      const original = await store.append('case-1', first, 'no-stream');
      for (let i = 0; i < 5; i++) await store.append('case-1', events(3), 'any');
      expect(await store.append('case-1', first, 'no-stream')).toEqual({ ...original, idempotentReplay: true });
    });
  });

  describe("EventStoreDB's own events and foreign events", () => {
    it('hides system events from readAll and headPosition; an empty store has head 0', async () => {
      const { server, store } = setup();
      expect(await store.headPosition()).toBe(0n);
      expect(await store.readAll()).toEqual([]);
      const { position } = await store.append('case-1', [event()], 'any');
      server.store('$stats-127.0.0.1:2113', [{ id: randomUUID(), type: '$statsCollected', data: {} }]);
      server.store('$$case-1', [{ id: randomUUID(), type: '$metadata', data: { $maxAge: 10 } }]);
      expect(await store.headPosition()).toBe(position);
      expect((await store.readAll()).map((e) => e.position)).toEqual([position]);
    });

    it('finds the head below more than a page of system events', async () => {
      const { server, store } = setup();
      const { position } = await store.append('case-1', [event()], 'any');
      server.store(
        '$stats-node',
        Array.from({ length: 250 }, () => ({ id: randomUUID(), type: '$statsCollected', data: {} })),
      );
      expect(await store.headPosition()).toBe(position);
    });

    it('pages through $all past more than a page of filtered-out events', async () => {
      const { server, store } = setup();
      await store.append('case-1', [event()], 'any');
      server.store(
        '$stats-node',
        Array.from({ length: 1_200 }, () => ({ id: randomUUID(), type: '$statsCollected', data: {} })),
      );
      const last = await store.append('case-2', [event()], 'any');
      const all = await store.readAll({ filter: { streamPrefixes: ['case-'] } });
      expect(all.map((e) => e.streamId)).toEqual(['case-1', 'case-2']);
      expect(await store.readAll({ after: all[0].position })).toEqual([expect.objectContaining({ position: last.position })]);
    });

    it('reads events written without the adapter, which chain verification then rejects', async () => {
      const { server, store } = setup();
      server.store('legacy-1', [{ id: randomUUID(), type: 'Imported', data: { x: 1 }, metadata: { source: 'csv' } }]);
      const [read] = await store.readStream('legacy-1');
      expect(read).toMatchObject({ schemaVersion: 1, prevHash: '', hash: '', data: { x: 1 }, metadata: { source: 'csv' } });
      expect(verifyChain([read]).ok).toBe(false);
    });

    it('makes tampering with a stored event visible to chain verification', async () => {
      const { server, store } = setup();
      await store.append('case-1', events(3), 'no-stream');
      server.tamper('case-1', 1, '{"n":"forged"}');
      expect(verifyChain(await store.readStream('case-1')).firstMismatch).toMatchObject({ revision: 1, reason: 'hash-mismatch' });
    });
  });

  describe('when the server is gone', () => {
    it('maps every operation to EventStoreUnavailableError', async () => {
      const { server, store } = setup();
      await store.append('case-1', [event()], 'any');
      server.unavailable = new UnavailableError();
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.append('case-1', [event()], 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readStream('case-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      const subscription = store.subscribeToAll({}, async () => undefined);
      await expect(subscription.done).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it('rejects done of a live subscription whose connection breaks', async () => {
      const { server, store } = setup();
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({}, async (batch) => void seen.push(...batch));
      await store.append('case-1', [event()], 'any');
      server.breakSubscriptions();
      await expect(subscription.done).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it('ping passes while the server answers', async () => {
      await expect(setup().store.ping()).resolves.toBeUndefined();
    });
  });

  it('close() stops the subscriptions it opened', async () => {
    const { store } = setup();
    const subscription = store.subscribeToAll({}, async () => undefined);
    await store.close();
    await expect(subscription.done).resolves.toBeUndefined();
  });

  it('readStream treats negative or zero bounds as empty or clamped', async () => {
    const { store } = setup();
    await store.append('case-1', events(3), 'any');
    expect(await store.readStream('case-1', { maxCount: 0 })).toEqual([]);
    expect(await store.readStream('case-1', { direction: 'backwards', fromRevision: -1 })).toEqual([]);
    expect((await store.readStream('case-1', { fromRevision: -5 })).map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(await store.readAll({ maxCount: 0 })).toEqual([]);
  });
});
