import { ContractFixture } from './contract-fixture';
import { describeAppendCases } from './append.cases';
import { describeReadCases } from './read.cases';
import { describeSubscriptionCases } from './subscription.cases';
import { describeConcurrencyCases } from './concurrency.cases';
import { describeImportCases } from './import.cases';

export type { ContractFixture } from './contract-fixture';

/**
 * The behaviour every EventStore adapter must have, as jest describe/it blocks.
 * Stream ids, prefixes and event types are random per test, so the suite can
 * run against a store other tests (or other runs) share; reads of the global
 * log always filter to the test's own streams and wait until the events are
 * visible (a store may delay visibility, e.g. behind an open transaction).
 */
export function describeEventStoreContract(adapterName: string, createFixture: () => Promise<ContractFixture>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let fixture: ContractFixture | undefined;
    const ref = (): ContractFixture => {
      if (!fixture) throw new Error('contract fixture not created (did beforeAll fail?)');
      return fixture;
    };

    beforeAll(async () => {
      fixture = await createFixture();
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    describeAppendCases(ref);
    describeReadCases(ref);
    describeSubscriptionCases(ref);
    describeConcurrencyCases(ref);
    describeImportCases(ref);
  });
}
