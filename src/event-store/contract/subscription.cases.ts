import { RecordedEvent } from '../event-store.port';
import { FixtureRef } from './contract-fixture';
import { Collector, eventually, expectStrictlyIncreasing, newEvent, newEvents, readAllEventually, sleep, token } from './test-events';

export function describeSubscriptionCases(fixture: FixtureRef): void {
  const store = () => fixture().store;

  describe('catch-up subscription', () => {
    it('delivers history from the beginning in batches, then live events, until stopped', async () => {
      const prefix = `contract-sub-${token()}-`;
      await store().append(`${prefix}1`, newEvents(3), 'no-stream');
      await store().append(`${prefix}2`, newEvents(2), 'no-stream');

      const collector = new Collector();
      let inFlight = 0;
      let overlapped = false;
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [prefix] }, batchSize: 2 }, async (batch) => {
        inFlight++;
        if (inFlight > 1) overlapped = true;
        await sleep(5);
        await collector.handler(batch);
        inFlight--;
      });

      const history = await collector.waitFor(5);
      expect(history.map((e) => `${e.streamId}@${e.revision}`)).toEqual([
        `${prefix}1@0`,
        `${prefix}1@1`,
        `${prefix}1@2`,
        `${prefix}2@0`,
        `${prefix}2@1`,
      ]);

      await store().append(`${prefix}1`, newEvents(2), 2);
      await store().append(`${prefix}3`, [newEvent()], 'no-stream');
      const all = await collector.waitFor(8);
      expect(all.slice(5).map((e) => `${e.streamId}@${e.revision}`)).toEqual([`${prefix}1@3`, `${prefix}1@4`, `${prefix}3@0`]);
      expectStrictlyIncreasing(all.map((e) => e.position));
      expect(Math.max(...collector.batchSizes)).toBeLessThanOrEqual(2);
      expect(overlapped).toBe(false);

      await subscription.stop();
      await expect(subscription.done).resolves.toBeUndefined();
      await store().append(`${prefix}1`, [newEvent()], 4);
      await sleep(300);
      expect(collector.events).toHaveLength(8);
    });

    it('starts after a checkpoint (exclusive) and sees live events of another instance', async () => {
      const prefix = `contract-chk-${token()}-`;
      await store().append(`${prefix}a`, newEvents(4), 'no-stream');
      const history = await readAllEventually(store(), { filter: { streamPrefixes: [prefix] } }, 4);
      const checkpoint = history[1].position;

      const other = await fixture().openAnother();
      const collector = new Collector();
      const subscription = other.subscribeToAll({ after: checkpoint, filter: { streamPrefixes: [prefix] } }, collector.handler);
      try {
        expect((await collector.waitFor(2)).map((e) => e.id)).toEqual([history[2].id, history[3].id]);
        const live = newEvents(2);
        await store().append(`${prefix}a`, live, 3);
        const all = await collector.waitFor(4);
        expect(all.map((e) => e.id)).toEqual([history[2].id, history[3].id, live[0].id, live[1].id]);
      } finally {
        await subscription.stop();
        await other.close();
      }
    });

    it('announces every delivered batch to onRead, with the same events, before its handler runs', async () => {
      const prefix = `contract-onread-${token()}-`;
      await store().append(`${prefix}a`, newEvents(5), 'no-stream');
      const announced: RecordedEvent[][] = [];
      const handled: RecordedEvent[][] = [];
      const announcedBeforeHandled: boolean[] = [];
      const subscription = store().subscribeToAll(
        { filter: { streamPrefixes: [prefix] }, batchSize: 2, progress: true, onRead: (events) => announced.push([...events]) },
        async (events) => {
          if (events.length === 0) return;
          announcedBeforeHandled.push(announced.some((batch) => batch[0]?.id === events[0].id));
          handled.push(events);
        },
      );
      try {
        await eventually(async () => (handled.flat().length >= 5 ? true : undefined), 'every event handled');
        expect(announced.flat().map((e) => e.id)).toEqual(handled.flat().map((e) => e.id));
        expect(announced.map((batch) => batch.length)).toEqual(handled.map((batch) => batch.length));
        expect(announcedBeforeHandled.every(Boolean)).toBe(true);
        expect(announced.every((batch) => batch.length > 0)).toBe(true);
      } finally {
        await subscription.stop();
      }
    });

    it('filters live events by event type', async () => {
      const prefix = `contract-subtype-${token()}-`;
      const wanted = `Wanted${token()}`;
      const collector = new Collector();
      const subscription = store().subscribeToAll({ filter: { eventTypes: [wanted] } }, collector.handler);
      try {
        await store().append(`${prefix}x`, [newEvent('Unwanted'), newEvent(wanted), newEvent('Unwanted')], 'no-stream');
        await store().append(`${prefix}y`, [newEvent(wanted)], 'no-stream');
        const events = await collector.waitFor(2);
        expect(events.map((e) => [e.streamId, e.type])).toEqual([
          [`${prefix}x`, wanted],
          [`${prefix}y`, wanted],
        ]);
      } finally {
        await subscription.stop();
      }
    });

    it('hands each batch how far it has read; with progress, empty batches move that past events the filter leaves out', async () => {
      const prefix = `contract-progress-${token()}-`;
      const batches: Array<{ positions: bigint[]; readThrough: bigint }> = [];
      const withProgress = store().subscribeToAll(
        { filter: { streamPrefixes: [prefix] }, progress: true },
        async (events, { readThrough }) => {
          batches.push({ positions: events.map((e) => e.position), readThrough });
        },
      );
      const plain = new Collector();
      const withoutProgress = store().subscribeToAll({ filter: { streamPrefixes: [prefix] } }, plain.handler);
      try {
        const first = await store().append(`${prefix}mine`, [newEvent()], 'no-stream');
        await eventually(async () => batches.find((b) => b.positions.includes(first.position)), 'the first event');
        // Only unrelated events from here: the position can move only by an empty batch. More than a search window of EventStoreDB's filter (32), which reports its read position once per window.
        await store().append(`contract-unrelated-${token()}`, newEvents(64), 'no-stream');
        await eventually(
          async () => batches.find((b) => b.positions.length === 0 && b.readThrough > first.position),
          'an empty batch read past the unrelated events',
        );
        const second = await store().append(`${prefix}mine`, [newEvent()], 0);
        await eventually(async () => batches.find((b) => b.positions.includes(second.position)), 'the next event of the prefix');
        await plain.waitFor(2);
        await sleep(500); // idle polls meanwhile must not deliver anything

        expect(batches.flatMap((b) => b.positions)).toEqual([first.position, second.position]);
        for (const [i, batch] of batches.entries()) {
          // A batch reads through at least its own events, and no later event lies at or below what it read through.
          expect(batch.positions.every((p) => p <= batch.readThrough)).toBe(true);
          // An empty batch only when the position moved: an idle subscription does not repeat itself.
          if (batch.positions.length === 0) expect(batch.readThrough).toBeGreaterThan(i > 0 ? batches[i - 1].readThrough : -1n);
          for (const later of batches.slice(i + 1)) {
            expect(later.readThrough).toBeGreaterThanOrEqual(batch.readThrough);
            expect(later.positions.every((p) => p > batch.readThrough)).toBe(true);
          }
        }
        // Without progress every batch holds events, and still says how far it read.
        expect(plain.batchSizes.every((n) => n > 0)).toBe(true);
        expect(plain.readThroughs).toHaveLength(plain.batchSizes.length);
        expect(plain.readThroughs.at(-1)).toBeGreaterThanOrEqual(second.position);
      } finally {
        await withProgress.stop();
        await withoutProgress.stop();
      }
    });

    it('a failing handler stops the subscription and rejects done', async () => {
      const prefix = `contract-fail-${token()}-`;
      await store().append(`${prefix}1`, newEvents(3), 'no-stream');
      const seen: RecordedEvent[] = [];
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [prefix] }, batchSize: 1 }, async (batch) => {
        seen.push(...batch);
        throw new Error('projection failed');
      });
      await expect(subscription.done).rejects.toThrow('projection failed');
      await sleep(200);
      expect(seen).toHaveLength(1);
      await subscription.stop(); // harmless after the end
    });

    it('stop() right away ends cleanly', async () => {
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [`contract-none-${token()}`] } }, async () => {});
      await subscription.stop();
      await expect(subscription.done).resolves.toBeUndefined();
    });
  });
}
