import { MAX_REFRESH_SECONDS, refreshInSeconds } from './refresh-in';

const NOW = new Date('2019-03-04T05:00:00Z'); // 11:00 in Kostanay (UTC+6 then): local midnight is 18:00Z

describe('refreshInSeconds', () => {
  it('is just after the nearest due instant ahead', () => {
    expect(refreshInSeconds(NOW, 'kostanay-oblast', ['2019-03-04T04:05:00Z', '2019-03-04T05:10:00Z', '2019-03-04T05:20:00Z', null])).toBe(
      601,
    );
  });

  it('is just after local midnight when nothing falls due before it (on time turns due today)', () => {
    const late = new Date('2019-03-04T17:30:00Z');
    expect(refreshInSeconds(late, 'kostanay-oblast', ['2019-03-06T04:00:00Z'])).toBe(1801);
  });

  it('is at most an hour', () => {
    expect(refreshInSeconds(NOW, 'kostanay-oblast', [])).toBe(MAX_REFRESH_SECONDS);
  });
});
