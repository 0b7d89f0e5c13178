import type { EventStore, ReadAllOptions, RecordedEvent } from '../../event-store/event-store.port';
import { SharedPages } from './shared-pages';

/** A log of `n` events at positions 1..n; only readAll is used. Records each read's start. */
function logOf(n: number, fail?: { after: bigint; error: Error }) {
  const reads: bigint[] = [];
  const events = Array.from({ length: n }, (_, i) => ({ position: BigInt(i + 1) }) as RecordedEvent);
  const store = {
    readAll: async ({ after = 0n, maxCount = 1000 }: ReadAllOptions) => {
      reads.push(after);
      await new Promise((resolve) => setImmediate(resolve));
      if (fail && after === fail.after) throw fail.error;
      return events.filter((e) => e.position > after).slice(0, maxCount);
    },
  } as unknown as EventStore;
  return { store, reads };
}

const positions = (page: RecordedEvent[]) => page.map((e) => Number(e.position));
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedPages', () => {
  jest.setTimeout(5_000);
  it('reads each page once, however many consumers take it, and ends with an empty page', async () => {
    const { store, reads } = logOf(5);
    const pages = new SharedPages(store, undefined, 2, 2);
    const consume = async (c: number) => {
      const seen: number[][] = [];
      for (;;) {
        const page = await pages.take(c);
        seen.push(positions(page));
        if (page.length === 0) break;
        pages.done(c);
      }
      pages.leave(c);
      return seen;
    };
    const [a, b] = await Promise.all([consume(0), consume(1)]);
    expect(a).toEqual([[1, 2], [3, 4], [5], []]);
    expect(b).toEqual(a);
    await pages.close();
    expect(reads).toEqual([0n, 2n, 4n, 5n]);
  });

  it('lets a consumer run one page ahead of the slowest, no further, and reads one page beyond that', async () => {
    const { store, reads } = logOf(20);
    const pages = new SharedPages(store, undefined, 2, 2);
    await pages.take(0);
    pages.done(0);
    await pages.take(0); // page 1: one ahead of consumer 1, still on page 0
    pages.done(0);
    let gotPage2 = false;
    const third = pages.take(0).then(() => (gotPage2 = true));
    for (let i = 0; i < 5; i++) await tick();
    expect(gotPage2).toBe(false); // two ahead: waits
    expect(reads).toEqual([0n, 2n, 4n]); // pages 0-2 read, page 3 not yet
    await pages.take(1);
    pages.done(1);
    await third;
    expect(gotPage2).toBe(true);
    pages.leave(0);
    pages.leave(1);
    await pages.close();
  });

  it('a consumer that leaves no longer holds the others back', async () => {
    const { store } = logOf(10);
    const pages = new SharedPages(store, undefined, 2, 2);
    pages.leave(1);
    const seen: number[] = [];
    for (;;) {
      const page = await pages.take(0);
      if (page.length === 0) break;
      seen.push(...positions(page));
      pages.done(0);
    }
    pages.leave(0);
    await pages.close();
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a failed read fails that page for every consumer, also one that asks after the failure, and close() still returns', async () => {
    const error = new Error('connection lost');
    const { store, reads } = logOf(10, { after: 4n, error });
    const pages = new SharedPages(store, undefined, 2, 2);
    for (const c of [0, 1]) {
      await pages.take(c);
      pages.done(c);
      await pages.take(c);
    }
    for (let i = 0; i < 10; i++) await tick(); // the read of page 2 fails before anyone asks for it
    expect(reads).toEqual([0n, 2n, 4n]);
    for (const c of [0, 1]) {
      pages.done(c);
      await expect(pages.take(c)).rejects.toBe(error);
      pages.leave(c);
    }
    await pages.close();
  });

  it('close() while consumers are still reading stops the reads', async () => {
    const { store, reads } = logOf(100);
    const pages = new SharedPages(store, undefined, 2, 1);
    await pages.take(0);
    await pages.close();
    const before = reads.length;
    pages.done(0);
    for (let i = 0; i < 5; i++) await tick();
    expect(reads.length).toBe(before);
  });
});
