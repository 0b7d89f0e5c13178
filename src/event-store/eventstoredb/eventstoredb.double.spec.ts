import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbStore } from './eventstoredb-event-store';
import { InMemoryEsdbClient, overTheModel } from './testing/in-memory-esdb-client';

/**
 * The shared contract against the adapter over an in-memory double of the
 * client (see its header for what it models). This checks the adapter's own
 * logic on every run; eventstoredb.contract.int-spec.ts checks it against a
 * real server when EVENTSTORE_URL is set.
 */
describeEventStoreContract(overTheModel('EventStoreDB'), async () => {
  const server = new InMemoryEsdbClient();
  const opened: EventStoreDbStore[] = [];
  const open = async () => {
    const store = new EventStoreDbStore(server.asClient(), { subscriptionIdleMs: 2 });
    opened.push(store);
    return store;
  };
  const store = await open();
  return {
    store,
    openAnother: open,
    dispose: async () => {
      await Promise.all(opened.map((s) => s.close()));
    },
  };
});
