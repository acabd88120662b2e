/** One `FETCH_ALLOWED_HOSTS` entry: a normalised host name or address, and an optional port. */
export interface AllowedHost {
  host: string;
  port?: number;
}

const hostPattern = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const ipv4Pattern = /^(?:\d{1,3}\.){3}\d{1,3}$/;

/**
 * Parses `host[:port]` entries separated by commas. IPv6 addresses are written
 * in brackets (`[::1]:8080`). Returns the entries or the problems found.
 */
export function parseAllowedHosts(raw: string | undefined): { hosts: AllowedHost[]; problems: string[] } {
  const hosts: AllowedHost[] = [];
  const problems: string[] = [];
  for (const entry of (raw ?? '').split(',').map((part) => part.trim().toLowerCase())) {
    if (entry === '') continue;
    const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(entry);
    const host = match?.[1];
    const port = match?.[2] === undefined ? undefined : Number(match[2]);
    const validHost =
      host !== undefined &&
      (host.startsWith('[') || ipv4Pattern.test(host) ? true : hostPattern.test(host.replace(/\.$/, '')));
    if (!match || !host || !validHost || (port !== undefined && (port < 1 || port > 65535))) {
      problems.push(`FETCH_ALLOWED_HOSTS entry "${entry}" is not host[:port]`);
      continue;
    }
    hosts.push(port === undefined ? { host: host.replace(/\.$/, '') } : { host: host.replace(/\.$/, ''), port });
  }
  return { hosts, problems };
}
