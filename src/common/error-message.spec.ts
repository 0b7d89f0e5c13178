import { messageOf } from './error-message';

describe('messageOf', () => {
  it("gives an Error's message and any other thrown value as text", () => {
    expect(messageOf(new RangeError('out of range'))).toBe('out of range');
    expect(messageOf('plain string')).toBe('plain string');
    expect(messageOf(42)).toBe('42');
    expect(messageOf(undefined)).toBe('undefined');
    expect(messageOf({ message: 'not an Error' })).toBe('[object Object]');
  });
});
