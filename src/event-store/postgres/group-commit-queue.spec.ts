import { FlushItem, GroupCommitQueue } from './group-commit-queue';

/** A flush the test ends by hand, recording which appends went out together. */
function harness(maxFlushesInFlight: number, maxEventsPerFlush: number) {
  const flushes: string[][] = [];
  const pending: (() => void)[] = [];
  const queue = new GroupCommitQueue<string, string>({ maxFlushesInFlight, maxEventsPerFlush }, (items: FlushItem<string, string>[]) => {
    flushes.push(items.map((i) => i.append));
    return new Promise<void>((done) => {
      pending.push(() => {
        for (const item of items) item.resolve(`${item.append} ok`);
        done();
      });
    });
  });
  const finishNext = async (): Promise<void> => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { queue, flushes, finishNext };
}

describe('GroupCommitQueue', () => {
  it('flushes an append at once when fewer flushes than the limit run (no timer)', () => {
    const { queue, flushes } = harness(2, 100);
    void queue.submit('a', 1);
    void queue.submit('b', 1);
    expect(flushes).toEqual([['a'], ['b']]);
  });

  it('queues appends while the limit is reached and flushes them together, in order', async () => {
    const { queue, flushes, finishNext } = harness(1, 100);
    const results = ['a', 'b', 'c', 'd'].map((a) => queue.submit(a, 1));
    expect(flushes).toEqual([['a']]);
    await finishNext();
    expect(flushes).toEqual([['a'], ['b', 'c', 'd']]);
    await finishNext();
    await expect(Promise.all(results)).resolves.toEqual(['a ok', 'b ok', 'c ok', 'd ok']);
    expect(queue.stats()).toEqual({ flushes: 2, appends: 4, events: 4, maxAppends: 3 });
  });

  it('starts a flush beside running ones only once as many appends wait as the last flush took', async () => {
    const { queue, flushes, finishNext } = harness(2, 100);
    void queue.submit('a', 1);
    void queue.submit('b', 1); // one waits, the last flush took one: goes beside 'a'
    for (const a of ['c', 'd', 'e']) void queue.submit(a, 1);
    expect(flushes).toEqual([['a'], ['b']]);
    await finishNext(); // 'a' ends: three wait, the last flush took one
    expect(flushes.at(-1)).toEqual(['c', 'd', 'e']);
    await finishNext(); // 'b' ends: 'c d e' still runs
    void queue.submit('f', 1);
    void queue.submit('g', 1);
    expect(flushes).toHaveLength(3); // two wait beside a running flush of three: not yet
    void queue.submit('h', 1);
    expect(flushes.at(-1)).toEqual(['f', 'g', 'h']);
    void queue.submit('i', 1);
    void queue.submit('j', 1);
    expect(flushes).toHaveLength(4);
    await finishNext(); // 'c d e' ends, 'f g h' runs: two wait, the last flush took three
    expect(flushes).toHaveLength(4);
    await finishNext(); // nothing runs: whatever waits goes at once
    expect(flushes.at(-1)).toEqual(['i', 'j']);
    await finishNext();
    void queue.submit('k', 1); // idle again: at once
    expect(flushes.at(-1)).toEqual(['k']);
  });

  it('caps the events of a flush; an append larger than the cap goes alone', async () => {
    const { queue, flushes, finishNext } = harness(1, 5);
    void queue.submit('lead', 1);
    void queue.submit('a3', 3);
    void queue.submit('b2', 2);
    void queue.submit('c1', 1);
    void queue.submit('big9', 9);
    void queue.submit('d1', 1);
    for (let i = 0; i < 4; i++) await finishNext();
    expect(flushes).toEqual([['lead'], ['a3', 'b2'], ['c1'], ['big9'], ['d1']]);
  });

  it('idle() waits for queued and running flushes', async () => {
    const { queue, finishNext } = harness(1, 100);
    void queue.submit('a', 1);
    void queue.submit('b', 1);
    let idle = false;
    void queue.idle().then(() => (idle = true));
    await finishNext();
    expect(idle).toBe(false);
    await finishNext();
    expect(idle).toBe(true);
  });

  it('rejects settings that would never flush', () => {
    expect(() => new GroupCommitQueue({ maxFlushesInFlight: 0, maxEventsPerFlush: 1 }, async () => undefined)).toThrow(RangeError);
    expect(() => new GroupCommitQueue({ maxFlushesInFlight: 1, maxEventsPerFlush: 0 }, async () => undefined)).toThrow(RangeError);
  });
});
