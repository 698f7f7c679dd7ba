/**
 * Who a throttle counts a request against: the client's address as one person controls it. An
 * IPv4 client has one address; an IPv6 client is usually given a whole /64 and can pick any
 * address in it, so counting per address would give one guesser 2^64 fresh counters. IPv4
 * addresses mapped into IPv6 (`::ffff:127.0.0.2`, what a dual-stack socket reports) are IPv4.
 *
 * The socket's address is the client's only without a reverse proxy in front: behind one, every
 * client shares the proxy's address (Faultline does not trust X-Forwarded-For from anyone).
 */
import { isIPv4, isIPv6 } from 'node:net';

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export function clientAddressScope(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined) return 'unknown';
  const mapped = MAPPED_IPV4.exec(remoteAddress)?.[1];
  if (mapped !== undefined && isIPv4(mapped)) return mapped;
  if (isIPv4(remoteAddress)) return remoteAddress;
  if (isIPv6(remoteAddress)) return `${ipv6Prefix64(remoteAddress)}::/64`;
  return 'unknown';
}

/** The first four groups of an IPv6 address, `::` expanded and a zone id dropped. */
function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (`::1.2.3.4`) is two groups, all in the low 64 bits anyway.
  const rightGroups = right.reduce((n, group) => n + (group.includes('.') ? 2 : 1), 0);
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - rightGroups).fill('0'), ...right];
  return groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':');
}
