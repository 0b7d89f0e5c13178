import { classify, dayBounds } from './work-queue.status';

describe('work queue status against the provider’s local day', () => {
  it('ends "today" at local midnight of the region (Kostanay UTC+6 before March 2024, UTC+5 after)', () => {
    expect(dayBounds('kostanay-oblast', new Date('2019-03-04T10:00:00Z')).endOfToday.toISOString()).toBe('2019-03-04T18:00:00.000Z');
    expect(dayBounds('kostanay-oblast', new Date('2024-03-04T10:00:00Z')).endOfToday.toISOString()).toBe('2024-03-04T19:00:00.000Z');
    expect(dayBounds('west-kazakhstan-oblast', new Date('2019-03-04T10:00:00Z')).endOfToday.toISOString()).toBe('2019-03-04T19:00:00.000Z');
  });

  it('uses the local date, not the UTC one: 23:30 local is already tomorrow in UTC terms', () => {
    // 2019-03-04 23:30 in Astana (UTC+6) = 17:30 UTC; a step due at 00:30 local next day is not due today.
    const bounds = dayBounds('astana', new Date('2019-03-04T17:30:00Z'));
    expect(classify(new Date('2019-03-04T17:45:00Z'), bounds)).toBe('due-today');
    expect(classify(new Date('2019-03-04T18:30:00Z'), bounds)).toBe('on-time');
  });

  it('classifies overdue, due today, on time and not regulated', () => {
    const bounds = dayBounds('astana', new Date('2019-03-04T05:00:00Z')); // 11:00 local
    expect(classify(new Date('2019-03-04T04:59:59Z'), bounds)).toBe('overdue');
    expect(classify(new Date('2019-03-04T05:00:00Z'), bounds)).toBe('due-today');
    expect(classify(new Date('2019-03-04T12:29:00Z'), bounds)).toBe('due-today');
    expect(classify(new Date('2019-03-05T03:00:00Z'), bounds)).toBe('on-time');
    expect(classify(null, bounds)).toBe('not-regulated');
  });
});
