import { median, mergeResults, ratioRange, roundOrder } from './interleaved';

describe('interleaved benchmark rounds', () => {
  it('alternates which variant goes first', () => {
    expect([0, 1, 2, 3].map((round) => roundOrder(['ours', 'raw'], round))).toEqual([
      ['ours', 'raw'],
      ['raw', 'ours'],
      ['ours', 'raw'],
      ['raw', 'ours'],
    ]);
  });

  it('adds up segments and pools their latencies in order', () => {
    const merged = mergeResults([
      { events: 10, appends: 5, seconds: 2, latenciesMs: [1, 4] },
      { events: 30, appends: 15, seconds: 2, latenciesMs: [2, 3] },
    ]);
    expect(merged).toEqual({ events: 40, appends: 20, seconds: 4, latenciesMs: [1, 2, 3, 4] });
  });

  it('reports the spread of the per-round ratios', () => {
    expect(ratioRange([0.8, 0.7, 0.95])).toEqual({ low: 0.7, high: 0.95 });
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
