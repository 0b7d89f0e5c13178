import { GlobalPosition, RecordedEvent } from '../event-store.port';
import { Poll, PollingSubscription, PollResult } from './polling-subscription';
import { WakeSignal } from './wake-signal';

const event = (position: number): RecordedEvent => ({
  id: `e${position}`,
  type: 'T',
  schemaVersion: 1,
  streamId: 's',
  revision: position,
  position: BigInt(position),
  recordedAt: new Date(0),
  data: {},
  metadata: {},
  prevHash: '',
  hash: '',
  rawData: '{}',
  rawMetadata: '{}',
});

/** A log of `positions`, of which the first `visible` can be read; polls are recorded. */
class FakeLog {
  visible: number;
  readonly polls: GlobalPosition[] = [];
  failWith: Error | undefined;

  constructor(
    private readonly positions: number[],
    visible = positions.length,
  ) {
    this.visible = visible;
  }

  readonly poll: Poll = async (after, _filter, batchSize): Promise<PollResult> => {
    this.polls.push(after);
    if (this.failWith) throw this.failWith;
    const readable = this.positions.slice(0, this.visible);
    const events = readable
      .filter((p) => BigInt(p) > after)
      .slice(0, batchSize)
      .map(event);
    const head = BigInt(readable[readable.length - 1] ?? 0);
    return { events, caughtUpTo: events.length === batchSize ? events[events.length - 1].position : head };
  };
}

const delays = { minMs: 2, maxMs: 20 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await sleep(2);
  }
}

describe('PollingSubscription', () => {
  it('delivers history in batches in order, then live events, and stops cleanly', async () => {
    const log = new FakeLog([1, 2, 5, 9, 10, 12], 4);
    const delivered: number[][] = [];
    const subscription = new PollingSubscription(
      log.poll,
      new WakeSignal(),
      { batchSize: 3 },
      async (batch) => {
        delivered.push(batch.map((e) => Number(e.position)));
      },
      delays,
    );

    await until(() => delivered.flat().length === 4);
    log.visible = 6;
    await until(() => delivered.flat().length === 6);
    expect(delivered).toEqual([[1, 2, 5], [9], [10, 12]]);

    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
    const pollsAtStop = log.polls.length;
    await sleep(30);
    expect(log.polls.length).toBe(pollsAtStop);
  });

  it('starts after the checkpoint and moves its cursor past unmatched events', async () => {
    const log = new FakeLog([3, 4, 7]);
    const seen: number[] = [];
    const subscription = new PollingSubscription(
      log.poll,
      new WakeSignal(),
      { after: 3n },
      async (batch) => {
        seen.push(...batch.map((e) => Number(e.position)));
      },
      delays,
    );
    await until(() => log.polls.length >= 3);
    await subscription.stop();
    expect(seen).toEqual([4, 7]);
    expect(log.polls[0]).toBe(3n);
    expect(log.polls[log.polls.length - 1]).toBe(7n);
  });

  it('backs off while idle and is woken at once by a local append', async () => {
    const log = new FakeLog([1], 0);
    const signal = new WakeSignal();
    const seen: number[] = [];
    const subscription = new PollingSubscription(
      log.poll,
      signal,
      {},
      async (batch) => {
        seen.push(...batch.map((e) => Number(e.position)));
      },
      { minMs: 1, maxMs: 5_000 },
    );
    await sleep(100); // the delay has doubled far beyond 100 ms by now
    log.visible = 1;
    const woken = Date.now();
    signal.notify();
    await until(() => seen.length === 1, 1000);
    expect(Date.now() - woken).toBeLessThan(500);
    await subscription.stop();
  });

  it('a failing handler ends the subscription and rejects done with its error', async () => {
    const log = new FakeLog([1, 2, 3]);
    let calls = 0;
    const subscription = new PollingSubscription(
      log.poll,
      new WakeSignal(),
      { batchSize: 1 },
      async () => {
        calls++;
        throw new Error('handler failed');
      },
      delays,
    );
    await expect(subscription.done).rejects.toThrow('handler failed');
    await sleep(20);
    expect(calls).toBe(1);
    await subscription.stop();
  });

  it('a failing poll rejects done', async () => {
    const log = new FakeLog([1]);
    log.failWith = new Error('store unavailable');
    const subscription = new PollingSubscription(log.poll, new WakeSignal(), {}, async () => undefined, delays);
    await expect(subscription.done).rejects.toThrow('store unavailable');
  });

  it('fetches the next full batch while the handler works on the last, never more than one ahead', async () => {
    const log = new FakeLog([1, 2, 3, 4, 5, 6]);
    let release: () => void = () => undefined;
    const delivered: number[][] = [];
    const subscription = new PollingSubscription(
      log.poll,
      new WakeSignal(),
      { batchSize: 2 },
      async (batch) => {
        delivered.push(batch.map((e) => Number(e.position)));
        await new Promise<void>((resolve) => (release = resolve));
      },
      delays,
    );
    await until(() => delivered.length === 1);
    await sleep(20);
    expect(log.polls).toEqual([0n, 2n]); // the read-ahead, and no further
    release();
    await until(() => delivered.length === 2);
    await sleep(20);
    expect(log.polls).toEqual([0n, 2n, 4n]);
    release();
    await until(() => delivered.length === 3);
    release();
    await subscription.stop();
    expect(delivered).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it('announces each read batch to onRead while the handler still works on the previous one (the read-ahead), never an empty one', async () => {
    const log = new FakeLog([1, 2, 3, 4, 5]);
    let release: () => void = () => undefined;
    const trail: string[] = [];
    const subscription = new PollingSubscription(
      log.poll,
      new WakeSignal(),
      { batchSize: 2, onRead: (events) => trail.push(`read ${events.map((e) => Number(e.position)).join(',')}`) },
      async (batch) => {
        trail.push(`handle ${batch.map((e) => Number(e.position)).join(',')}`);
        await new Promise<void>((resolve) => (release = resolve));
        trail.push('handled');
      },
      delays,
    );
    await until(() => trail.includes('read 3,4'));
    // The second batch was announced before the first one's handler finished.
    expect(trail).toEqual(['read 1,2', 'handle 1,2', 'read 3,4']);
    release();
    await until(() => trail.includes('handle 3,4'));
    release();
    await until(() => trail.includes('handle 5'));
    release();
    await sleep(20);
    await subscription.stop();
    expect(trail).toEqual(['read 1,2', 'handle 1,2', 'read 3,4', 'handled', 'handle 3,4', 'read 5', 'handled', 'handle 5', 'handled']);
  });

  it('a handler that fails while a read-ahead fails too: done rejects with the handler error, the read-ahead was handled from the start', async () => {
    // Handled before it rejects: an unhandled rejection would otherwise reach the process while the handler runs.
    let rejected = false;
    let handledBeforeRejection = false;
    const readAhead = new Promise<PollResult>((_resolve, reject) =>
      setTimeout(() => {
        rejected = true;
        reject(new Error('read-ahead failed'));
      }, 5),
    );
    const then = readAhead.then.bind(readAhead);
    readAhead.then = ((onFulfilled, onRejected) => {
      if (!rejected) handledBeforeRejection = true;
      return then(onFulfilled, onRejected);
    }) as typeof readAhead.then;
    let polls = 0;
    const poll: Poll = (after) => (++polls === 1 ? Promise.resolve({ events: [event(1), event(2)], caughtUpTo: after + 2n }) : readAhead);
    const subscription = new PollingSubscription(
      poll,
      new WakeSignal(),
      { batchSize: 2 },
      async () => {
        await sleep(20); // the read-ahead fails meanwhile
        throw new Error('handler failed');
      },
      delays,
    );
    await expect(subscription.done).rejects.toThrow('handler failed');
    expect(polls).toBe(2);
    expect(handledBeforeRejection).toBe(true);
  });

  it('stop() during the handler waits for the read-ahead still running', async () => {
    let finishPoll: () => void = () => undefined;
    let finishHandler: () => void = () => undefined;
    let polls = 0;
    const poll: Poll = async (after) => {
      polls++;
      if (polls > 1) await new Promise<void>((resolve) => (finishPoll = resolve));
      return { events: [event(Number(after) + 1)], caughtUpTo: after + 1n };
    };
    const subscription = new PollingSubscription(
      poll,
      new WakeSignal(),
      { batchSize: 1 },
      async () => {
        await new Promise<void>((resolve) => (finishHandler = resolve));
      },
      delays,
    );
    await until(() => polls === 2);
    let stopped = false;
    const stopping = subscription.stop().then(() => (stopped = true));
    finishHandler();
    await sleep(20);
    expect(stopped).toBe(false);
    finishPoll();
    await stopping;
    expect(polls).toBe(2);
  });

  it('rejects a batch size below 1', async () => {
    const subscription = new PollingSubscription(new FakeLog([]).poll, new WakeSignal(), { batchSize: 0 }, async () => undefined, delays);
    await expect(subscription.done).rejects.toThrow(RangeError);
  });
});
