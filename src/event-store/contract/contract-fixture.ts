import { EventStore } from '../event-store.port';

/** What an adapter gives the contract suite. */
export interface ContractFixture {
  store: EventStore;
  /** A second, independent instance on the same storage (for the concurrency and subscription tests). */
  openAnother(): Promise<EventStore>;
  dispose(): Promise<void>;
}

/** Lets the case files reach the fixture created in the suite's beforeAll. */
export type FixtureRef = () => ContractFixture;
