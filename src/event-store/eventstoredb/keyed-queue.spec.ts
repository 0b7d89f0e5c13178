import { KeyedQueue, backoffMs } from './keyed-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keyed queue', () => {
  it('runs tasks of one key one at a time, in call order, and other keys in parallel', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run('a', task('a1', 20)), queue.run('a', task('a2', 1)), queue.run('b', task('b1', 5))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    await sleep(0);
    expect(queue.size).toBe(0);
  });

  it('keeps going after a failed task and hands the failure to its caller only', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', async () => {
      throw new Error('nope');
    });
    const next = queue.run('a', async () => 'ok');
    await expect(failed).rejects.toThrow('nope');
    await expect(next).resolves.toBe('ok');
  });
});

describe('backoff', () => {
  it('grows exponentially up to the cap, scaled by the random draw', () => {
    expect(backoffMs(1, 2, 100, () => 1)).toBe(2);
    expect(backoffMs(4, 2, 100, () => 1)).toBe(16);
    expect(backoffMs(30, 2, 100, () => 1)).toBe(100);
    expect(backoffMs(30, 2, 100, () => 0.5)).toBe(50);
    expect(backoffMs(0, 2, 100, () => 1)).toBe(2);
  });
});
