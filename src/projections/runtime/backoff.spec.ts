import { backoffDelay } from './backoff';

describe('retry backoff of a failing projection', () => {
  it('doubles from the initial delay up to the ceiling', () => {
    const options = { initialMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, options))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('treats a first or nonsensical attempt as the first', () => {
    expect(backoffDelay(0, { initialMs: 50, maxMs: 100 })).toBe(50);
    expect(backoffDelay(-3, { initialMs: 50, maxMs: 100 })).toBe(50);
  });
});
