import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, buildConnector, type Dispatcher, request } from 'undici';
import type { AllowedHost } from '@claimdesk/config';
import { addressRange, isAllowedHost, isPublicAddress } from './address-policy';
import { BlockedAddressError, FetchFailure } from './fetch-failure';
import { type FetchLimits, defaultFetchLimits } from './fetch-limits';
import { readLimitedBody } from './read-limited-body';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has (tests substitute a stub). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Opens the socket once the address is checked (tests substitute a spy). */
export type SocketConnector = buildConnector.connector;

export interface SafeFetcherOptions {
  allowedHosts: readonly AllowedHost[];
  /** Refuse every host not in `allowedHosts`, before resolving it. */
  allowedHostsOnly?: boolean;
  limits?: Partial<FetchLimits>;
  resolve?: Resolver;
  connect?: SocketConnector;
  userAgent?: string;
}

/** The media types a source may have, and the kind of document each is. */
export const acceptedMediaTypes = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
  'application/pdf': 'pdf',
} as const;
export type DocumentKind = (typeof acceptedMediaTypes)[keyof typeof acceptedMediaTypes];

/** Response headers kept with a snapshot. */
const headersOfInterest = [
  'content-type',
  'content-length',
  'content-language',
  'last-modified',
  'etag',
  'date',
  'cache-control',
] as const;

export interface FetchedDocument {
  /** The URL asked for. */
  url: string;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  redirects: string[];
  status: number;
  kind: DocumentKind;
  /** The media type without parameters, e.g. `text/html`. */
  mediaType: string;
  charset: string | null;
  headers: Partial<Record<(typeof headersOfInterest)[number], string>>;
  /** The body after content decoding (gzip, deflate, br). */
  body: Buffer;
}

/** What a POST got back: the answer's status (always 2xx: anything else is a {@link FetchFailure}). */
export interface PostedResponse {
  status: number;
  /** The URL posted to (a POST follows no redirect). */
  finalUrl: string;
}

/** Most of a POST's response body read (and thrown away): enough to keep a small answer's connection reusable. */
const maxPostResponseBytes = 64 * 1024;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Statuses a later attempt may not get: everything 4xx but these. */
const transientClientStatuses = new Set([408, 425, 429]);

/**
 * Fetches user-supplied URLs without letting them reach internal addresses.
 *
 * Every connection goes through one connector that resolves the host, checks
 * every address it resolves to, and connects to the checked address itself,
 * so a second resolution cannot swap in another (DNS rebinding). Literal IPs,
 * in any notation the URL parser accepts, are checked the same way. Redirects
 * are followed by hand, each hop through the same connector. Time, size after
 * decompression and media type are limited. {@link post} (webhook deliveries)
 * goes through the same connector and limits, and follows no redirect.
 */
export class SafeFetcher {
  private readonly limits: FetchLimits;
  private readonly resolve: Resolver;
  private readonly openSocket: SocketConnector;
  private readonly dispatcher: Agent;
  private readonly userAgent: string;

  constructor(private readonly options: SafeFetcherOptions) {
    this.limits = { ...defaultFetchLimits, ...options.limits };
    this.resolve = options.resolve ?? resolveAll;
    this.openSocket = options.connect ?? buildConnector({ timeout: this.limits.connectTimeoutMs });
    this.userAgent = options.userAgent ?? 'Claimdesk/0.1 (+source archiving for fact-checking)';
    this.dispatcher = new Agent({
      connect: (connectOptions, callback) => this.connectChecked(connectOptions, callback),
      headersTimeout: this.limits.headersTimeoutMs,
      bodyTimeout: this.limits.bodyTimeoutMs,
      keepAliveTimeout: 4_000,
      connections: 8,
    });
  }

  /** Fetches `url`, or throws a {@link FetchFailure} saying why it could not. */
  async fetch(url: string): Promise<FetchedDocument> {
    const signal = AbortSignal.timeout(this.limits.totalTimeoutMs);
    const redirects: string[] = [];
    let current = parseFetchableUrl(url);
    for (;;) {
      const response = await this.send(current, signal, {
        method: 'GET',
        headers: {
          'user-agent': this.userAgent,
          accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8',
          'accept-encoding': 'gzip, deflate, br',
        },
      });
      if (redirectStatuses.has(response.statusCode)) {
        await discard(response.body);
        const location = headerValue(response.headers, 'location');
        if (location === undefined)
          throw new FetchFailure(`http_${response.statusCode}`, true, 'Redirect without Location');
        if (redirects.length >= this.limits.maxRedirects) {
          throw new FetchFailure('too_many_redirects', true, `More than ${this.limits.maxRedirects} redirects`);
        }
        redirects.push(current.href);
        current = parseFetchableUrl(location, current);
        continue;
      }
      return await this.readDocument(url, current, redirects, response, signal);
    }
  }

  /**
   * POSTs `body` to `url` under the same address policy and time limits as
   * {@link fetch}. Redirects are not followed (a 3xx fails as `http_<status>`:
   * re-sending a body elsewhere is not the sender's call), and at most 64 KiB
   * of the answer is read. Resolves for a 2xx; otherwise throws a
   * {@link FetchFailure}, permanent for 3xx and 4xx except 408, 425 and 429.
   */
  async post(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<PostedResponse> {
    const signal = AbortSignal.timeout(this.limits.totalTimeoutMs);
    const target = parseFetchableUrl(url);
    const response = await this.send(target, signal, {
      method: 'POST',
      headers: { 'user-agent': this.userAgent, ...headers },
      body,
    });
    // The answer's body means nothing to the sender; the status is the answer.
    await discard(response.body, { limit: maxPostResponseBytes, signal });
    if (!isSuccess(response.statusCode)) throw httpFailure(response.statusCode);
    return { status: response.statusCode, finalUrl: target.href };
  }

  /** Closes pooled connections. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async send(
    url: URL,
    signal: AbortSignal,
    init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  ): Promise<Dispatcher.ResponseData> {
    try {
      return await request(url, { ...init, dispatcher: this.dispatcher, signal });
    } catch (error) {
      throw asFetchFailure(error, signal);
    }
  }

  private async readDocument(
    url: string,
    finalUrl: URL,
    redirects: string[],
    response: Dispatcher.ResponseData,
    signal: AbortSignal,
  ): Promise<FetchedDocument> {
    const status = response.statusCode;
    if (!isSuccess(status)) {
      await discard(response.body);
      throw httpFailure(status);
    }
    const contentType = headerValue(response.headers, 'content-type');
    const { mediaType, charset } = parseContentType(contentType);
    const declaredKind =
      mediaType === '' ? undefined : acceptedMediaTypes[mediaType as keyof typeof acceptedMediaTypes];
    if (mediaType !== '' && declaredKind === undefined) {
      await discard(response.body);
      throw new FetchFailure('unsupported_type', true, `Sources may be HTML, plain text or PDF, not ${mediaType}`);
    }
    const length = Number(headerValue(response.headers, 'content-length'));
    const encoding = headerValue(response.headers, 'content-encoding');
    if (Number.isFinite(length) && length > this.limits.maxBytes && (encoding ?? 'identity') === 'identity') {
      await discard(response.body);
      throw new FetchFailure('too_large', true, `The body is ${length} bytes; the limit is ${this.limits.maxBytes}`);
    }
    let body: Buffer;
    try {
      body = await readLimitedBody(response.body, encoding, this.limits.maxBytes);
    } catch (error) {
      throw asFetchFailure(error, signal);
    }
    const kind = declaredKind ?? sniffKind(body);
    if (kind === undefined) throw new FetchFailure('unsupported_type', true, 'The body is not HTML, text or PDF');
    const headers: FetchedDocument['headers'] = {};
    for (const name of headersOfInterest) {
      const value = headerValue(response.headers, name);
      if (value !== undefined) headers[name] = value;
    }
    return {
      url,
      finalUrl: finalUrl.href,
      redirects,
      status,
      kind,
      mediaType: mediaType || sniffedMediaType[kind],
      charset,
      headers,
      body,
    };
  }

  private connectChecked(options: buildConnector.Options, callback: buildConnector.Callback): void {
    this.checkedAddresses(options).then(
      (addresses) => this.connectToFirst(options, addresses, callback),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  }

  /**
   * Connects to the checked addresses in the resolver's order, moving on when
   * one cannot be reached (an IPv6 address on a host without IPv6, say).
   */
  private connectToFirst(
    options: buildConnector.Options,
    addresses: readonly string[],
    callback: buildConnector.Callback,
  ): void {
    const [address, ...rest] = addresses;
    this.openSocket({ ...options, hostname: address! }, (...result) => {
      const [error] = result;
      if (error !== null && rest.length > 0 && unreachableCodes.has((error as NodeJS.ErrnoException).code ?? '')) {
        this.connectToFirst(options, rest, callback);
        return;
      }
      callback(...result);
    });
  }

  /**
   * Resolves the host, refuses it when any address is not public (unless the
   * host is allowed by configuration), and returns the addresses to connect to
   * (at most four): the only ones the socket will be opened to.
   */
  private async checkedAddresses(options: buildConnector.Options): Promise<string[]> {
    const host = options.hostname;
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const allowed = isAllowedHost(this.options.allowedHosts, host, port);
    if (!allowed && this.options.allowedHostsOnly === true) {
      throw new FetchFailure('blocked_address', true, `${host}:${port} is not in FETCH_ALLOWED_HOSTS`);
    }
    const addresses = isIP(host) !== 0 ? [host] : await this.resolveHost(host);
    if (!allowed) {
      for (const address of addresses) {
        if (!isPublicAddress(address)) throw new BlockedAddressError(host, address, addressRange(address));
      }
    }
    return addresses.slice(0, 4);
  }

  private async resolveHost(host: string): Promise<string[]> {
    let resolved: ResolvedAddress[];
    try {
      resolved = await this.resolve(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const transient = code === 'EAI_AGAIN' || code === 'ETIMEOUT';
      throw new FetchFailure('dns_failure', !transient, `${host} could not be resolved (${code ?? 'error'})`);
    }
    if (resolved.length === 0) throw new FetchFailure('dns_failure', true, `${host} has no address`);
    return resolved.map((entry) => entry.address);
  }
}

const sniffedMediaType: Record<DocumentKind, string> = {
  html: 'text/html',
  text: 'text/plain',
  pdf: 'application/pdf',
};

async function resolveAll(hostname: string): Promise<ResolvedAddress[]> {
  return lookup(hostname, { all: true, verbatim: true });
}

/** Parses a URL the fetcher may follow: http or https, no credentials. */
function parseFetchableUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new FetchFailure('invalid_url', true, 'The URL cannot be parsed');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchFailure('invalid_url', true, `Only http and https URLs are fetched, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new FetchFailure('invalid_url', true, 'URLs with credentials are not fetched');
  }
  url.hash = '';
  return url;
}

function parseContentType(value: string | undefined): { mediaType: string; charset: string | null } {
  if (value === undefined) return { mediaType: '', charset: null };
  const [type = '', ...parameters] = value.split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().split('='))
    .find(([name]) => name?.toLowerCase() === 'charset')?.[1];
  return { mediaType: type.trim().toLowerCase(), charset: charset?.replace(/^"|"$/g, '').toLowerCase() ?? null };
}

function sniffKind(body: Buffer): DocumentKind | undefined {
  if (body.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  const head = body.subarray(0, 1024).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|p|div)[\s>]/.test(head)) {
    return 'html';
  }
  return body.includes(0) ? undefined : 'text';
}

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Drops a body the fetcher will not read; a small one keeps its connection reusable. */
async function discard(
  body: Dispatcher.ResponseData['body'],
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<void> {
  await body.dump({ limit: 64 * 1024, ...options }).catch(() => undefined);
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The failure a non-2xx answer is: permanent unless a later attempt may get another answer (5xx, 408, 425, 429). */
function httpFailure(status: number): FetchFailure {
  const permanent = status < 500 && !transientClientStatuses.has(status);
  return new FetchFailure(`http_${status}`, permanent, `The server answered ${status}`);
}

/** Connection errors after which the next address of the host is tried. */
const unreachableCodes = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']);

const timeoutCodes = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** Maps what undici, the resolver or a stream threw to a {@link FetchFailure}. */
function asFetchFailure(error: unknown, signal: AbortSignal): FetchFailure {
  if (error instanceof FetchFailure) return error;
  const code = (error as { code?: string }).code ?? '';
  const name = (error as { name?: string }).name ?? '';
  if (signal.aborted || timeoutCodes.has(code) || name === 'TimeoutError' || name === 'AbortError') {
    return new FetchFailure('timeout', false, 'The source took too long to answer');
  }
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return new FetchFailure('tls_error', true, `TLS failed (${code})`);
  }
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR__ERROR_FORMAT_PADDING_1') {
    return new FetchFailure('unsupported_encoding', true, 'The body could not be decompressed');
  }
  return new FetchFailure(
    'connection_failed',
    false,
    `The connection failed (${code || (error instanceof Error ? error.message : 'error')})`,
  );
}
