import { isOneOf } from './one-of';

describe('isOneOf', () => {
  const COLOURS = ['red', 'green'] as const;

  it('accepts exactly the listed values', () => {
    expect(isOneOf(COLOURS, 'red')).toBe(true);
    expect(isOneOf(COLOURS, 'green')).toBe(true);
    expect(isOneOf(COLOURS, 'Red')).toBe(false);
    expect(isOneOf(COLOURS, 'blue')).toBe(false);
    expect(isOneOf(COLOURS, undefined)).toBe(false);
    expect(isOneOf(COLOURS, ['red'])).toBe(false);
  });
});
