import { isValidIin, maskIin } from './iin';

describe('IIN check digit', () => {
  it.each(['900101300017', '050615601238', '870515400707'])('accepts the valid example %s', (iin) => {
    expect(isValidIin(iin)).toBe(true);
  });

  it.each(['900101300018', '050615601230', '87051540070', '8705154007071', 'abcdefghijkl', ''])('refuses %s', (iin) => {
    expect(isValidIin(iin)).toBe(false);
  });

  it('masks all but the date part', () => {
    expect(maskIin('900101300017')).toBe('900101******');
  });
});
