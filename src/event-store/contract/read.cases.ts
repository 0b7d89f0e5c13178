import { chainHash, verifyChain } from '../hash-chain';
import { FixtureRef } from './contract-fixture';
import { eventually, expectStrictlyIncreasing, newEvent, newEvents, readAllEventually, token, uniqueStream } from './test-events';

export function describeReadCases(fixture: FixtureRef): void {
  const store = () => fixture().store;

  describe('reading a stream', () => {
    let stream: string;
    let ids: string[];

    beforeAll(async () => {
      stream = uniqueStream('read');
      const events = newEvents(6);
      ids = events.map((e) => e.id);
      await store().append(stream, events.slice(0, 4), 'no-stream');
      await store().append(stream, events.slice(4), 3);
    });

    const revisionsOf = async (options: Parameters<ReturnType<typeof store>['readStream']>[1]) =>
      (await store().readStream(stream, options)).map((e) => e.revision);

    it('reads forwards by default, in revision order', async () => {
      const events = await store().readStream(stream);
      expect(events.map((e) => e.id)).toEqual(ids);
      expect(events.map((e) => e.streamId)).toEqual(ids.map(() => stream));
    });

    it('reads forwards from a revision (inclusive) with a maximum count', async () => {
      expect(await revisionsOf({ fromRevision: 2 })).toEqual([2, 3, 4, 5]);
      expect(await revisionsOf({ fromRevision: 2, maxCount: 3 })).toEqual([2, 3, 4]);
      expect(await revisionsOf({ maxCount: 2 })).toEqual([0, 1]);
      expect(await revisionsOf({ fromRevision: 6 })).toEqual([]);
    });

    it('reads backwards from the end or from a revision (inclusive)', async () => {
      expect(await revisionsOf({ direction: 'backwards' })).toEqual([5, 4, 3, 2, 1, 0]);
      expect(await revisionsOf({ direction: 'backwards', maxCount: 2 })).toEqual([5, 4]);
      expect(await revisionsOf({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
      expect(await revisionsOf({ direction: 'backwards', fromRevision: 1 })).toEqual([1, 0]);
    });

    it('returns an empty array for a stream that does not exist', async () => {
      expect(await store().readStream(uniqueStream('missing'))).toEqual([]);
      expect(await store().readStream(uniqueStream('missing'), { direction: 'backwards' })).toEqual([]);
    });
  });

  describe('reading all', () => {
    it('reads after a position with stream-prefix and event-type filters, in position order', async () => {
      const prefix = `contract-all-${token()}-`;
      const [typeA, typeB] = [`A${token()}`, `B${token()}`];
      const head = await store().append(`${prefix}1`, [newEvent(typeA)], 'no-stream');
      await store().append(`${prefix}1`, [newEvent(typeB), newEvent(typeA)], 0);
      await store().append(`${prefix}2`, [newEvent(typeA), newEvent(typeB)], 'no-stream');
      const other = `other-${token()}-${prefix}3`;
      await store().append(other, [newEvent(typeA)], 'no-stream');

      const both = await readAllEventually(store(), { after: head.position, filter: { streamPrefixes: [prefix], eventTypes: [typeA] } }, 2);
      expect(both.map((e) => [e.streamId, e.type, e.revision])).toEqual([
        [`${prefix}1`, typeA, 2],
        [`${prefix}2`, typeA, 0],
      ]);
      expect(both.every((e) => e.position > head.position)).toBe(true);

      const byPrefix = await readAllEventually(store(), { filter: { streamPrefixes: [prefix] } }, 5);
      expect(byPrefix).toHaveLength(5);
      expectStrictlyIncreasing(byPrefix.map((e) => e.position));

      const byType = await readAllEventually(store(), { filter: { eventTypes: [typeB] } }, 2);
      expect(byType.map((e) => e.streamId)).toEqual([`${prefix}1`, `${prefix}2`]);

      const twoPrefixes = await readAllEventually(
        store(),
        { filter: { streamPrefixes: [`${prefix}2`, other], eventTypes: [typeA, typeB] } },
        3,
      );
      expect(twoPrefixes.map((e) => e.streamId)).toEqual([`${prefix}2`, `${prefix}2`, other]);

      const limited = await store().readAll({ filter: { streamPrefixes: [prefix] }, maxCount: 2 });
      expect(limited.map((e) => e.id)).toEqual(byPrefix.slice(0, 2).map((e) => e.id));
    });

    it('an empty filter list lets no event through; an absent one does not constrain', async () => {
      const prefix = `contract-empty-${token()}-`;
      const type = `E${token()}`;
      await store().append(`${prefix}1`, [newEvent(type), newEvent(type)], 'no-stream');
      expect(await readAllEventually(store(), { filter: { streamPrefixes: [prefix] } }, 2)).toHaveLength(2);
      expect(await store().readAll({ filter: { streamPrefixes: [prefix], eventTypes: [] } })).toEqual([]);
      expect(await store().readAll({ filter: { streamPrefixes: [], eventTypes: [type] } })).toEqual([]);
      const unconstrained = await readAllEventually(store(), { filter: { streamPrefixes: [prefix], eventTypes: undefined } }, 2);
      expect(unconstrained.map((e) => e.type)).toEqual([type, type]);
    });

    it('a filter prefix matches literally (no wildcards)', async () => {
      const base = `contract-lit-${token()}`;
      await store().append(`${base}_x`, [newEvent()], 'no-stream');
      await store().append(`${base}ax`, [newEvent()], 'no-stream');
      await store().append(`${base}%y`, [newEvent()], 'no-stream');
      const underscore = await readAllEventually(store(), { filter: { streamPrefixes: [`${base}_`] } }, 1);
      const percent = await readAllEventually(store(), { filter: { streamPrefixes: [`${base}%`] } }, 1);
      expect(underscore.map((e) => e.streamId)).toEqual([`${base}_x`]);
      expect(percent.map((e) => e.streamId)).toEqual([`${base}%y`]);
    });

    it('headPosition reaches the position of the last append', async () => {
      const result = await store().append(uniqueStream('head'), [newEvent()], 'no-stream');
      await eventually(
        async () => ((await store().headPosition()) >= result.position ? true : undefined),
        'headPosition to reach the last append',
      );
    });
  });

  describe('hash chain', () => {
    it('links each event to the previous one and matches chainHash()', async () => {
      const stream = uniqueStream('hash');
      await store().append(stream, newEvents(3), 'no-stream');
      await store().append(stream, [newEvent('Other', { text: 'Қазақ тілі — "quoted"\n', n: 1.5 })], 2);
      await store().append(stream, newEvents(2), 3);

      const events = await store().readStream(stream);
      expect(events).toHaveLength(6);
      expect(events[0].prevHash).toBe('');
      for (let i = 0; i < events.length; i++) {
        expect(events[i].hash).toMatch(/^[0-9a-f]{64}$/);
        expect(chainHash(events[i])).toBe(events[i].hash);
        if (i > 0) expect(events[i].prevHash).toBe(events[i - 1].hash);
      }
      expect(verifyChain(events)).toEqual({ ok: true, checked: 6 });
    });
  });
}
