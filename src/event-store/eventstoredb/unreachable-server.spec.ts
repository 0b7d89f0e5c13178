import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { EventStoreUnavailableError } from '../event-store.port';
import { createEventStoreDbStore, type EventStoreDbStore } from './eventstoredb-event-store';

/** A local port with nothing listening: the real client and gRPC fail to connect at once. */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('EventStoreDB adapter with the real client and no server', () => {
  let store: EventStoreDbStore;

  beforeAll(async () => {
    store = createEventStoreDbStore({ connectionString: `esdb://127.0.0.1:${await closedPort()}?tls=false`, pingDeadlineMs: 2_000 });
  });

  afterAll(async () => {
    await store.close();
  });

  it('ping, reads and appends fail with EventStoreUnavailableError', async () => {
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream('case-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    const event = { id: randomUUID(), type: 'CaseOpened', schemaVersion: 1, data: {}, metadata: {} };
    await expect(store.append('case-1', [event], 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('a subscription reports the failure through done', async () => {
    const subscription = store.subscribeToAll({}, async () => undefined);
    await expect(subscription.done).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });
});
