import ipaddr from 'ipaddr.js';
import type { AllowedHost } from '@claimdesk/config';

/**
 * Whether an address may be reached by a fetch of a user-supplied URL. Only
 * global unicast addresses pass: loopback, private, link-local (cloud metadata
 * lives there), CGNAT, multicast, unspecified, reserved and documentation
 * ranges are refused, and so are IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, NAT64, 6to4, Teredo), whose IPv4 half could be any of those.
 * An IPv4-mapped address is judged as the IPv4 address it maps.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return rangeOf(parsed) === 'unicast';
}

/** `::/96`, the deprecated IPv4-compatible IPv6 addresses. */
const ipv4Compatible = ipaddr.IPv6.parseCIDR('::/96');

/**
 * ipaddr.js's range, except that IPv4-compatible addresses (`::7f00:1`, how
 * the URL parser spells `[::127.0.0.1]`), which it calls unicast, are
 * `ipv4Compatible`: they embed an IPv4 address too.
 */
function rangeOf(parsed: ipaddr.IPv4 | ipaddr.IPv6): string {
  const range = parsed.range();
  return range === 'unicast' && parsed.kind() === 'ipv6' && parsed.match(ipv4Compatible) ? 'ipv4Compatible' : range;
}

/** The range ipaddr.js names for an address (`private`, `loopback`, …), for error messages. */
export function addressRange(address: string): string {
  return ipaddr.isValid(address) ? rangeOf(ipaddr.process(address)) : 'invalid';
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(stripBrackets(host));
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Whether `FETCH_ALLOWED_HOSTS` lets the fetcher reach `host:port` whatever it
 * resolves to. Entries name the URL's normalised host (IPv6 in brackets) and
 * optionally its port; an entry without a port allows every port.
 */
export function isAllowedHost(allowed: readonly AllowedHost[], host: string, port: number): boolean {
  const normalized = normalizeHost(host);
  return allowed.some((entry) => normalizeHost(entry.host) === normalized && (entry.port ?? port) === port);
}

function normalizeHost(host: string): string {
  const bare = stripBrackets(host.toLowerCase()).replace(/\.$/, '');
  return ipaddr.isValid(bare) ? ipaddr.parse(bare).toNormalizedString() : bare;
}
