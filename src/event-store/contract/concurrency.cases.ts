import { EventStore, WrongExpectedRevisionError } from '../event-store.port';
import { FixtureRef } from './contract-fixture';
import { expectStrictlyIncreasing, newEvent, newEvents, uniqueStream } from './test-events';

const WRITERS = 20;

export function describeConcurrencyCases(fixture: FixtureRef): void {
  describe('concurrent writers (each on its own store instance)', () => {
    let writers: EventStore[] = [];

    beforeAll(async () => {
      writers = await Promise.all(Array.from({ length: WRITERS }, () => fixture().openAnother()));
    });

    afterAll(async () => {
      await Promise.all(writers.map((w) => w.close()));
    });

    it(`${WRITERS} writers with the same expected revision: exactly one wins`, async () => {
      const stream = uniqueStream('race');
      const seed = newEvent();
      await fixture().store.append(stream, [seed], 'no-stream');

      const attempts = writers.map(() => newEvents(2));
      const outcomes = await Promise.allSettled(writers.map((w, i) => w.append(stream, attempts[i], 0)));

      const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(outcomes[winners[0]]).toMatchObject({ value: { nextRevision: 2, idempotentReplay: false } });
      const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(losers).toHaveLength(WRITERS - 1);
      for (const error of losers) {
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 2 });
      }

      const stored = await fixture().store.readStream(stream);
      expect(stored.map((e) => e.id)).toEqual([seed.id, ...attempts[winners[0]].map((e) => e.id)]);
    });

    it(`${WRITERS} writers creating the same stream with 'no-stream': exactly one wins`, async () => {
      const stream = uniqueStream('create');
      const attempts = writers.map(() => newEvents(3));
      const outcomes = await Promise.allSettled(writers.map((w, i) => w.append(stream, attempts[i], 'no-stream')));

      const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(outcome.reason).toMatchObject({ streamId: stream, expected: 'no-stream', actual: 2 });
        }
      }
      const stored = await fixture().store.readStream(stream);
      expect(stored.map((e) => e.id)).toEqual(attempts[winners[0]].map((e) => e.id));
    });

    it(`${WRITERS} writers appending 10 times each with 'any': nothing lost or duplicated`, async () => {
      const stream = uniqueStream('any');
      const perWriter = writers.map(() => newEvents(10));
      await Promise.all(
        writers.map(async (w, i) => {
          for (const event of perWriter[i]) await w.append(stream, [event], 'any');
        }),
      );

      const stored = await fixture().store.readStream(stream);
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: WRITERS * 10 }, (_, i) => i));
      // Within a stream, global positions follow revisions even under contention.
      expectStrictlyIncreasing(stored.map((e) => e.position));
      const storedIds = stored.map((e) => e.id);
      expect(new Set(storedIds).size).toBe(WRITERS * 10);
      expect([...storedIds].sort()).toEqual(
        perWriter
          .flat()
          .map((e) => e.id)
          .sort(),
      );
      // Each writer's own events keep its order.
      for (const events of perWriter) {
        const revisions = events.map((e) => storedIds.indexOf(e.id));
        expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
      }
    });
  });
}
