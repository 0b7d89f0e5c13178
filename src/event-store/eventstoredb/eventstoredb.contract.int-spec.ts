import { describeEventStoreContract } from '../contract/event-store.contract';
import { createEventStoreDbStore, type EventStoreDbStore } from './eventstoredb-event-store';

/**
 * The shared contract against a real EventStoreDB / KurrentDB, e.g.
 *   docker compose up -d eventstore
 *   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npx jest src/event-store/eventstoredb
 * The suite uses random stream ids and types, so a server shared with other
 * runs is fine. Without EVENTSTORE_URL it is skipped, and says so.
 */
const url = process.env.EVENTSTORE_URL;

if (url) {
  describeEventStoreContract('EventStoreDB', async () => {
    const opened: EventStoreDbStore[] = [];
    const open = async (): Promise<EventStoreDbStore> => {
      const store = createEventStoreDbStore({ connectionString: url });
      opened.push(store);
      return store;
    };
    const store = await open();
    await store.ping(); // an unreachable server fails the fixture with a clear message
    return {
      store,
      openAnother: open,
      dispose: async () => {
        await Promise.all(opened.map((s) => s.close()));
      },
    };
  });
} else {
  console.log('[tests] EventStoreDB contract suite: skipped: no EVENTSTORE_URL');
  describe('EventStore contract: EventStoreDB', () => {
    it.skip('skipped: no EVENTSTORE_URL (set it, e.g. esdb://localhost:2113?tls=false, to run the suite against a server)', () =>
      undefined);
  });
}
