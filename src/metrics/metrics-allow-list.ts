import { BlockList, isIP } from 'node:net';

/** IPv4 clients reach a dual-stack socket as ::ffff:a.b.c.d; the list names them as a.b.c.d. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

const familyOf = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** METRICS_ALLOW (validated by loadConfig) as a matcher of client addresses. */
export function metricsAllowList(entries: readonly string[]): (clientAddress: string | undefined) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    if (prefix === undefined) list.addAddress(address, familyOf(address));
    else list.addSubnet(address, Number(prefix), familyOf(address));
  }
  return (clientAddress) => {
    if (clientAddress === undefined || entries.length === 0) return false;
    const address = plainAddress(clientAddress);
    return isIP(address) !== 0 && list.check(address, familyOf(address));
  };
}
