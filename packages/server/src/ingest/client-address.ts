/**
 * The address an ingest request came from, which digest puts where an event asks for it
 * (`user.ip_address: "{{auto}}"`, as Sentry's Relay does). It is the socket's peer, unless the
 * operator said the server runs behind proxies (`--trust-proxy <hops>`): then each of those
 * proxies appended the address it received from to X-Forwarded-For, so the client is the
 * entry `hops` places from the right. Entries further left were written by whoever connected
 * to the outermost proxy, who can write anything: they are never read.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The longest address kept: an IPv6 address with an IPv4 tail is 45 characters, and node's
 * isIP accepts a zone (`fe80::1%eth0`) of any length, which a forwarded entry could abuse.
 */
const MAX_ADDRESS_CHARS = 64;

/** An IPv4 client of a dual-stack socket, `::ffff:203.0.113.7`, reads as `203.0.113.7`. */
const MAPPED_IPV4 = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/** `trustedProxies`: how many proxies in front of the server append to X-Forwarded-For. */
export function clientAddress(
  request: IncomingMessage,
  trustedProxies: number,
): string | undefined {
  let address = validAddress(request.socket.remoteAddress);
  if (trustedProxies > 0 && address !== undefined) {
    const forwarded = request.headers['x-forwarded-for'];
    if (typeof forwarded === 'string')
      address = forwardedClient(forwarded, trustedProxies, address);
  }
  return address;
}

/**
 * Walks X-Forwarded-For from the right, one trusted hop at a time. An entry that is not an
 * address ends the walk at the last good one: a proxy we trust would not have written it.
 * Reads only the last `hops` entries, whatever the header's length.
 */
function forwardedClient(header: string, hops: number, peer: string): string {
  let address = peer;
  let end = header.length;
  for (let hop = 0; hop < hops && end > 0; hop++) {
    const start = header.lastIndexOf(',', end - 1);
    const entry = validAddress(header.slice(start + 1, end).trim());
    if (entry === undefined) break;
    address = entry;
    end = Math.max(start, 0);
  }
  return address;
}

function validAddress(text: string | undefined): string | undefined {
  if (text === undefined || text.length > MAX_ADDRESS_CHARS || isIP(text) === 0) return undefined;
  return MAPPED_IPV4.exec(text)?.[1] ?? text;
}
