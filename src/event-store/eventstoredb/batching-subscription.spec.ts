import { Readable } from 'node:stream';
import { EventStoreUnavailableError, type RecordedEvent } from '../event-store.port';
import { BatchingSubscription } from './batching-subscription';

class Source extends Readable {
  unsubscribed = 0;
  constructor() {
    super({ objectMode: true });
  }
  override _read(): void {}
  async unsubscribe(): Promise<void> {
    this.unsubscribed++;
  }
}

const recorded = (n: number): RecordedEvent => ({
  id: `id-${n}`,
  type: 'T',
  schemaVersion: 1,
  streamId: 's',
  revision: n,
  position: BigInt(n),
  recordedAt: new Date(0),
  data: {},
  metadata: {},
  prevHash: '',
  hash: '',
  rawData: '{}',
  rawMetadata: '{}',
});

const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` holds or two seconds pass: a busy CI machine may take longer than a fixed tick. */
async function until(done: () => boolean): Promise<void> {
  for (const start = Date.now(); !done() && Date.now() - start < 2_000;) await tick(5);
}

function setup(
  batchSize: number,
  handler: (batch: RecordedEvent[]) => Promise<void>,
  accept: (n: number) => RecordedEvent | undefined = recorded,
) {
  const source = new Source();
  const subscription = new BatchingSubscription<number>(source, handler, { batchSize, idleMs: 5, accept });
  return { source, subscription };
}

describe('batching subscription', () => {
  it('delivers full batches, then the rest once the source goes quiet, in order', async () => {
    const batches: number[][] = [];
    const { source, subscription } = setup(3, async (batch) => {
      batches.push(batch.map((e) => e.revision));
    });
    for (let n = 1; n <= 7; n++) source.push(n);
    await until(() => batches.length >= 3);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    source.push(8);
    await until(() => batches.length >= 4);
    expect(batches.at(-1)).toEqual([8]);
    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
    expect(source.unsubscribed).toBe(1);
  });

  it('never runs two handler calls at once and pauses the source meanwhile', async () => {
    let running = 0;
    let maxRunning = 0;
    const seen: number[] = [];
    const { source, subscription } = setup(2, async (batch) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await tick(10);
      seen.push(...batch.map((e) => e.revision));
      running--;
    });
    for (let n = 1; n <= 9; n++) source.push(n);
    await tick(20);
    expect(source.isPaused()).toBe(true);
    await until(() => seen.length >= 9);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(maxRunning).toBe(1);
    await subscription.stop();
  });

  it('skips what accept declines', async () => {
    const seen: number[] = [];
    const { source, subscription } = setup(
      10,
      async (batch) => void seen.push(...batch.map((e) => e.revision)),
      (n) => (n % 2 ? recorded(n) : undefined),
    );
    for (let n = 1; n <= 5; n++) source.push(n);
    await until(() => seen.length >= 3);
    expect(seen).toEqual([1, 3, 5]);
    await subscription.stop();
  });

  it('hands each batch its read-through position: the last item seen, or its own last event while more events wait', async () => {
    const batches: Array<[number[], bigint]> = [];
    // A source that goes on sending while paused (as a client's buffered events may): events pile up behind a batch.
    const source = new (class extends Source {
      override pause(): this {
        return this;
      }
    })();
    const subscription = new BatchingSubscription<number>(
      source,
      async (batch, { readThrough }) => {
        batches.push([batch.map((e) => e.revision), readThrough]);
        await tick(5);
      },
      {
        batchSize: 2,
        idleMs: 5,
        accept: (n) => (n < 100 ? recorded(n) : undefined),
        positionOf: (n) => BigInt(n),
      },
    );
    for (const n of [1, 2, 3, 4, 5, 150]) source.push(n);
    await until(() => batches.length >= 3);
    // 150 is skipped but read: the last batch reads through it; the second stops at 4, since 5 waits behind it.
    expect(batches).toEqual([
      [[1, 2], 2n],
      [[3, 4], 4n],
      [[5], 150n],
    ]);
    await subscription.stop();
  });

  it('with progress, skipped items that move the read-through position make an empty batch, once per move', async () => {
    const batches: Array<[number, bigint]> = [];
    const source = new Source();
    const subscription = new BatchingSubscription<number>(
      source,
      async (batch, { readThrough }) => void batches.push([batch.length, readThrough]),
      {
        batchSize: 10,
        idleMs: 5,
        accept: () => undefined,
        positionOf: (n) => (n > 0 ? BigInt(n) : undefined),
        progress: true,
        after: 10n,
      },
    );
    for (const n of [5, 0, 10]) source.push(n); // behind the start or saying nothing: no move
    await tick();
    expect(batches).toEqual([]);
    for (const n of [20, 30]) source.push(n);
    await tick();
    source.push(0);
    await until(() => batches.length >= 1);
    await tick();
    expect(batches).toEqual([[0, 30n]]);
    await subscription.stop();
  });

  it('rejects done with the handler error and delivers nothing more', async () => {
    const failure = new Error('projection broke');
    let calls = 0;
    const { source, subscription } = setup(1, async () => {
      calls++;
      throw failure;
    });
    source.push(1);
    source.push(2);
    await expect(subscription.done).rejects.toBe(failure);
    await tick();
    expect(calls).toBe(1);
    expect(source.unsubscribed).toBe(1);
  });

  it('rejects done with EventStoreUnavailableError when the source fails or ends', async () => {
    const failing = setup(1, async () => undefined);
    failing.source.destroy(new Error('connection lost'));
    await expect(failing.subscription.done).rejects.toThrow(EventStoreUnavailableError);
    await expect(failing.subscription.done).rejects.toThrow(/connection lost/);

    const ending = setup(1, async () => undefined);
    ending.source.push(null);
    ending.source.resume();
    await expect(ending.subscription.done).rejects.toThrow(/ended the subscription/);
  });

  it('rejects done when decoding an event throws', async () => {
    const { source, subscription } = setup(
      1,
      async () => undefined,
      () => {
        throw new Error('undecodable');
      },
    );
    source.push(1);
    await expect(subscription.done).rejects.toThrow('undecodable');
  });

  it('stop() waits for the batch in flight; stop() from inside the handler does not deadlock', async () => {
    let finished = false;
    const outer = setup(1, async () => {
      await tick(20);
      finished = true;
    });
    outer.source.push(1);
    await tick(10);
    await outer.subscription.stop();
    expect(finished).toBe(true);

    // eslint-disable-next-line prefer-const -- assigned inside the handler closure below, before any use
    let inner!: BatchingSubscription<number>;
    const handled: number[] = [];
    const created = setup(1, async (batch) => {
      handled.push(batch[0].revision);
      await inner.stop();
    });
    inner = created.subscription;
    created.source.push(1);
    created.source.push(2);
    await expect(inner.done).resolves.toBeUndefined();
    expect(handled).toEqual([1]);
  });
});
