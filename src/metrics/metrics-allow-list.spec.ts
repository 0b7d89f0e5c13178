import { metricsAllowList } from './metrics-allow-list';

describe('metricsAllowList (METRICS_ALLOW)', () => {
  const allowed = metricsAllowList(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1']);

  it('lets in addresses of the listed ranges and single addresses, IPv4 also as an IPv4-mapped IPv6 address', () => {
    for (const address of ['10.1.2.3', '::ffff:10.200.0.1', '192.168.1.7', 'fd12::1', '::1']) expect(allowed(address)).toBe(true);
  });

  it('keeps out every other address, an unknown one, and everyone when the list is empty', () => {
    for (const address of ['11.0.0.1', '192.168.1.8', '::ffff:192.168.1.8', 'fe80::1', '127.0.0.1', 'not-an-ip', undefined])
      expect(allowed(address)).toBe(false);
    expect(metricsAllowList([])('10.0.0.1')).toBe(false);
  });
});
