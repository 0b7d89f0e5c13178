import { formatCount, formatDate, formatDateTime, formatNumber } from './format';
import { messagesFor } from './messages';

describe('console formatting (formatters made once and reused)', () => {
  const at = '2019-03-04T04:00:00Z';

  it('keeps each region’s zone and each language apart in the reused formatters', () => {
    const kostanay = formatDateTime(at, 'ru', 'kostanay-oblast');
    const uralsk = formatDateTime(at, 'ru', 'west-kazakhstan-oblast');
    expect(kostanay).toContain('10:00'); // UTC+6 then
    expect(uralsk).toContain('09:00'); // UTC+5
    expect(formatDateTime(at, 'ru', 'kostanay-oblast')).toBe(kostanay);
    expect(formatDateTime(at, 'kk', 'kostanay-oblast')).not.toBe(kostanay);
    expect(formatDate(at, 'ru', 'kostanay-oblast')).not.toContain('10:00');
  });

  it('formats numbers and counted units per language', () => {
    expect(formatNumber(12345, 'ru')).toMatch(/^12\s345$/);
    expect(formatCount(3, messagesFor('ru').units['working-days'], 'ru')).toBe('3 рабочих дня');
    expect(formatCount(5, messagesFor('ru').units['working-days'], 'ru')).toBe('5 рабочих дней');
  });
});
