import { createServer } from 'node:http';
import { type AddressInfo, isIP } from 'node:net';
import { buildConnector } from 'undici';
import {
  BlockedAddressError,
  FetchFailure,
  type ResolvedAddress,
  type Resolver,
  SafeFetcher,
  type SafeFetcherOptions,
  type SocketConnector,
} from '@claimdesk/fetcher';
import {
  fixtureArticle,
  fixtureArticleHtml,
  fixturePlainText,
  type FixtureSite,
  startFixtureSite,
} from '@claimdesk/testing';

// Every request here stays on the loopback interface: the fixture sites listen
// on 127.0.0.1, every other address is refused by the fetcher's address check,
// and where the check lets an address through (8.8.8.8 in the pinning test) a
// spy connector answers instead of a socket. The default connector of these
// fetchers also refuses anything but 127.0.0.1, as a second line of defence.

let site: FixtureSite;
/** A second local server that no fetcher allows: it must never see a connection. */
let forbidden: FixtureSite;
/** A third local server, for the "any port" allowance. */
let spare: FixtureSite;
const fetchers: SafeFetcher[] = [];

beforeAll(async () => {
  [site, forbidden, spare] = await Promise.all([startFixtureSite(), startFixtureSite(), startFixtureSite()]);
});

afterAll(async () => {
  await Promise.all(fetchers.map((fetcher) => fetcher.close()));
  await Promise.all([site?.close(), forbidden?.close(), spare?.close()]);
});

afterEach(() => {
  expect(forbidden.connections()).toBe(0);
});

/** A real connector that refuses every address but 127.0.0.1, recording `address:port` of each call. */
function loopbackConnector(): { connect: SocketConnector; calls: string[] } {
  const real = buildConnector({ timeout: 5_000 });
  const calls: string[] = [];
  const connect: SocketConnector = (options, callback) => {
    calls.push(`${options.hostname}:${options.port}`);
    if (options.hostname !== '127.0.0.1') {
      callback(new Error(`the test connector refuses ${options.hostname}`), null);
      return;
    }
    real(options, callback);
  };
  return { connect, calls };
}

/** A connector that never opens a socket: it records what it was asked and fails. */
function spyConnector(): { connect: SocketConnector; calls: buildConnector.Options[] } {
  const calls: buildConnector.Options[] = [];
  const connect: SocketConnector = (options, callback) => {
    calls.push({ ...options });
    callback(new Error(`the spy connector opens no socket (asked for ${options.hostname})`), null);
  };
  return { connect, calls };
}

/** A resolver answering from `zone`, recording each name it was asked; unknown names are ENOTFOUND. */
function stubResolver(zone: Record<string, string[]>): { resolve: Resolver; calls: string[] } {
  const calls: string[] = [];
  const resolve: Resolver = async (hostname) => {
    calls.push(hostname);
    const addresses = zone[hostname];
    if (addresses === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    }
    return addresses.map((address): ResolvedAddress => ({ address, family: isIP(address) }));
  };
  return { resolve, calls };
}

/** A fetcher that may reach the fixture site (and only it, unless `options` say otherwise). */
function fetcherFor(options: Partial<SafeFetcherOptions> = {}): SafeFetcher {
  const fetcher = new SafeFetcher({
    allowedHosts: [{ host: '127.0.0.1', port: site.port }],
    connect: loopbackConnector().connect,
    ...options,
  });
  fetchers.push(fetcher);
  return fetcher;
}

/** The FetchFailure `promise` rejects with; fails the test if it resolves or rejects with anything else. */
async function failureOf(promise: Promise<unknown>): Promise<FetchFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchFailure) return error;
    throw error;
  }
  throw new Error('expected the fetch to fail with a FetchFailure');
}

describe('SafeFetcher against the fixture site', () => {
  it('fetches an article: status, kind, final URL, headers of interest and the exact body', async () => {
    const { connect, calls } = loopbackConnector();
    const document = await fetcherFor({ connect }).fetch(site.url('/articles/3'));
    const html = fixtureArticleHtml(3);

    expect(document).toMatchObject({
      url: site.url('/articles/3'),
      finalUrl: site.url('/articles/3'),
      redirects: [],
      status: 200,
      kind: 'html',
      mediaType: 'text/html',
      charset: 'utf-8',
    });
    expect(document.headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(Buffer.byteLength(html)),
      'content-language': 'en',
      'last-modified': new Date(fixtureArticle(3).publishedAt).toUTCString(),
      etag: expect.stringMatching(/^"articles3-\d+"$/) as string,
      date: expect.any(String) as string,
      'cache-control': 'public, max-age=60',
    });
    expect(document.body.equals(Buffer.from(html))).toBe(true);
    expect(document.body.toString()).toContain(fixtureArticle(3).quote);
    expect(calls).toEqual([`127.0.0.1:${site.port}`]);
  });

  describe('redirects', () => {
    it('follows a chain of 3 hops and lists them', async () => {
      const document = await fetcherFor().fetch(site.url('/redirect/3/articles/1'));
      expect(document.status).toBe(200);
      expect(document.url).toBe(site.url('/redirect/3/articles/1'));
      expect(document.finalUrl).toBe(site.url('/articles/1'));
      expect(document.redirects).toEqual([
        site.url('/redirect/3/articles/1'),
        site.url('/redirect/2/articles/1'),
        site.url('/redirect/1/articles/1'),
      ]);
      expect(document.body.equals(Buffer.from(fixtureArticleHtml(1)))).toBe(true);
    });

    it('follows 5 hops, the limit', async () => {
      const document = await fetcherFor().fetch(site.url('/redirect/5/articles/5'));
      expect(document.finalUrl).toBe(site.url('/articles/5'));
      expect(document.redirects).toHaveLength(5);
    });

    it('stops a chain of 6 hops with too_many_redirects, without fetching the target', async () => {
      const failure = await failureOf(fetcherFor().fetch(site.url('/redirect/6/articles/606')));
      expect(failure.code).toBe('too_many_redirects');
      expect(failure.permanent).toBe(true);
      for (let hop = 6; hop >= 1; hop--) expect(site.requests(`/redirect/${hop}/articles/606`)).toBe(1);
      expect(site.requests('/articles/606')).toBe(0);
    });

    it.each([
      ['a private address', 'http://10.0.0.1/'],
      ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
      ['an IPv6 unique local address', 'http://[fd00:ec2::254]/latest/meta-data/'],
    ])('refuses a redirect to %s (%s) before connecting', async (_, target) => {
      const { connect, calls } = loopbackConnector();
      const path = `/redirect-to?url=${encodeURIComponent(target)}`;
      const failure = await failureOf(fetcherFor({ connect }).fetch(site.url(path)));
      expect(failure).toBeInstanceOf(BlockedAddressError);
      expect(failure.code).toBe('blocked_address');
      expect(failure.permanent).toBe(true);
      expect(site.requests(path)).toBe(1);
      expect(calls).toEqual([`127.0.0.1:${site.port}`]);
    });

    it('refuses a redirect to another local port that is not allowed, which sees no connection', async () => {
      const { connect, calls } = loopbackConnector();
      const path = `/redirect-to?url=${encodeURIComponent(forbidden.url('/articles/1'))}`;
      const failure = await failureOf(fetcherFor({ connect }).fetch(site.url(path)));
      expect(failure.code).toBe('blocked_address');
      expect(failure.permanent).toBe(true);
      expect(calls).toEqual([`127.0.0.1:${site.port}`]);
      expect(forbidden.connections()).toBe(0);
      expect(forbidden.requests()).toBe(0);
    });

    it('refuses a redirect to another scheme as invalid_url', async () => {
      const path = `/redirect-to?url=${encodeURIComponent('file:///etc/passwd')}`;
      const failure = await failureOf(fetcherFor().fetch(site.url(path)));
      expect(failure.code).toBe('invalid_url');
    });
  });

  describe('limits', () => {
    it('gives up on slow headers with timeout', async () => {
      const started = Date.now();
      const failure = await failureOf(
        fetcherFor({ limits: { headersTimeoutMs: 300 } }).fetch(site.url('/slow-headers?ms=5000')),
      );
      expect(failure.code).toBe('timeout');
      expect(failure.permanent).toBe(false);
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    it('gives up on a body that pauses longer than bodyTimeoutMs with timeout', async () => {
      const started = Date.now();
      const failure = await failureOf(
        fetcherFor({ limits: { bodyTimeoutMs: 300 } }).fetch(site.url('/slow-body?ms=3000')),
      );
      expect(failure.code).toBe('timeout');
      expect(failure.permanent).toBe(false);
      expect(Date.now() - started).toBeLessThan(2_500);
    });

    it('gives up on a body that trickles past totalTimeoutMs with timeout', async () => {
      const started = Date.now();
      const failure = await failureOf(
        fetcherFor({ limits: { totalTimeoutMs: 1_000, bodyTimeoutMs: 10_000 } }).fetch(site.url('/slow-body?ms=50')),
      );
      expect(failure.code).toBe('timeout');
      expect(failure.permanent).toBe(false);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(5_000);
    });

    it.each(['/huge?mb=3', '/huge-chunked?mb=3'])('refuses %s with maxBytes 1 MiB as too_large', async (path) => {
      const failure = await failureOf(fetcherFor({ limits: { maxBytes: 1024 * 1024 } }).fetch(site.url(path)));
      expect(failure.code).toBe('too_large');
      expect(failure.permanent).toBe(true);
    });

    it('cuts off a gzip bomb with too_large without inflating it', async () => {
      const rssBefore = process.memoryUsage().rss;
      const failure = await failureOf(fetcherFor().fetch(site.url('/bomb')));
      expect(failure.code).toBe('too_large');
      expect(failure.permanent).toBe(true);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
      expect(site.requests('/bomb')).toBe(1);
    });
  });

  describe('types and statuses', () => {
    it('refuses an image as unsupported_type (permanent)', async () => {
      const failure = await failureOf(fetcherFor().fetch(site.url('/image.png')));
      expect(failure.code).toBe('unsupported_type');
      expect(failure.permanent).toBe(true);
    });

    it.each([
      ['/missing', 'http_404'],
      ['/gone', 'http_410'],
    ])('fails %s with %s (permanent)', async (path, code) => {
      const failure = await failureOf(fetcherFor().fetch(site.url(path)));
      expect(failure.code).toBe(code);
      expect(failure.permanent).toBe(true);
    });

    it('fails a 503 as http_503, not permanent, and a later attempt succeeds', async () => {
      const path = '/flaky?fail=1&key=safe-fetcher-503';
      const fetcher = fetcherFor();
      const failure = await failureOf(fetcher.fetch(site.url(path)));
      expect(failure.code).toBe('http_503');
      expect(failure.permanent).toBe(false);
      const document = await fetcher.fetch(site.url(path));
      expect(document.status).toBe(200);
      expect(document.kind).toBe('html');
      expect(site.requests(path)).toBe(2);
    });

    it('sniffs a page without content-type as html', async () => {
      const document = await fetcherFor().fetch(site.url('/no-type'));
      expect(document.kind).toBe('html');
      expect(document.mediaType).toBe('text/html');
      expect(document.charset).toBeNull();
      expect(document.headers['content-type']).toBeUndefined();
    });

    it('fetches a PDF as kind pdf', async () => {
      const document = await fetcherFor().fetch(site.url('/doc.pdf'));
      expect(document.kind).toBe('pdf');
      expect(document.mediaType).toBe('application/pdf');
      expect(document.body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
      expect(document.body.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    });

    it('fetches plain text as kind text, with its charset', async () => {
      const document = await fetcherFor().fetch(site.url('/plain.txt'));
      expect(document.kind).toBe('text');
      expect(document.mediaType).toBe('text/plain');
      expect(document.charset).toBe('utf-8');
      expect(document.body.toString('utf8')).toBe(fixturePlainText);
    });
  });
});

describe('SafeFetcher address checks', () => {
  const zone: Record<string, string[]> = {
    'intranet.test': ['10.0.0.5'],
    'meta.test': ['169.254.169.254'],
    'v6.test': ['fd00::1'],
    'mixed.test': ['8.8.8.8', '10.0.0.1'],
    'mapped.test': ['::ffff:127.0.0.1'],
    localhost: ['127.0.0.1', '::1'],
  };

  const literals = [
    'http://127.0.0.1/',
    'http://127.0.0.1:8080/admin',
    'http://10.0.0.1/',
    'https://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://0/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://2130706433/',
    'http://167772161/',
    'http://0177.0.0.1/',
    'http://012.0.0.1/',
    'http://0x7f000001/',
    'http://0x7f.0.0.1/',
    'http://127.1/',
    'http://0x7f.1/',
    'http://127.0.0.1./',
    'http://10.1/',
    'http://[::1]/',
    'http://[::]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[fd00:ec2::254]/',
    'http://[ff02::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::ffff:7f00:1]/',
    'http://[0:0:0:0:0:ffff:127.0.0.1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::a00:1]/',
    'http://[2002:a00:1::1]/',
  ];

  it.each(literals)('refuses %s without resolving or connecting', async (url) => {
    const spy = spyConnector();
    const resolver = stubResolver(zone);
    const failure = await failureOf(
      fetcherFor({ allowedHosts: [], resolve: resolver.resolve, connect: spy.connect }).fetch(url),
    );
    expect(failure).toBeInstanceOf(BlockedAddressError);
    expect(failure.code).toBe('blocked_address');
    expect(failure.permanent).toBe(true);
    expect(resolver.calls).toEqual([]);
    expect(spy.calls).toEqual([]);
  });

  it.each([
    ['http://intranet.test/', 'intranet.test'],
    ['http://meta.test/latest/meta-data/', 'meta.test'],
    ['http://v6.test/', 'v6.test'],
    ['http://mixed.test/', 'mixed.test'],
    ['https://mixed.test/', 'mixed.test'],
    ['http://mapped.test/', 'mapped.test'],
    ['http://localhost/', 'localhost'],
    ['http://LOCALHOST:8080/', 'localhost'],
  ])('refuses %s, which resolves to a blocked address, without connecting', async (url, name) => {
    const spy = spyConnector();
    const resolver = stubResolver(zone);
    const failure = await failureOf(
      fetcherFor({ allowedHosts: [], resolve: resolver.resolve, connect: spy.connect }).fetch(url),
    );
    expect(failure).toBeInstanceOf(BlockedAddressError);
    expect(failure.code).toBe('blocked_address');
    expect(failure.permanent).toBe(true);
    expect(failure.message).toContain(name);
    expect(resolver.calls).toEqual([name]);
    expect(spy.calls).toEqual([]);
  });

  it('refuses localhost resolved by the system resolver without connecting', async () => {
    const spy = spyConnector();
    const failure = await failureOf(fetcherFor({ allowedHosts: [], connect: spy.connect }).fetch('http://localhost/'));
    expect(failure.code).toBe('blocked_address');
    expect(failure.permanent).toBe(true);
    expect(spy.calls).toEqual([]);
  });

  it('refuses the fixture site itself when its port is not allowed, without connecting', async () => {
    const spy = spyConnector();
    const connections = site.connections();
    const failure = await failureOf(fetcherFor({ allowedHosts: [], connect: spy.connect }).fetch(site.url('/')));
    expect(failure.code).toBe('blocked_address');
    expect(spy.calls).toEqual([]);
    expect(site.connections()).toBe(connections);
  });

  it('reports a name that does not resolve as dns_failure, without connecting', async () => {
    const spy = spyConnector();
    const resolver = stubResolver(zone);
    const failure = await failureOf(
      fetcherFor({ allowedHosts: [], resolve: resolver.resolve, connect: spy.connect }).fetch('http://nowhere.test/'),
    );
    expect(failure.code).toBe('dns_failure');
    expect(failure.permanent).toBe(true);
    expect(resolver.calls).toEqual(['nowhere.test']);
    expect(spy.calls).toEqual([]);
  });

  it.each([
    'file:///etc/passwd',
    'ftp://example.com/file.txt',
    'gopher://intranet.test:70/_GET',
    'data:text/html,<p>hello</p>',
    'javascript:alert(1)',
    'http://user:secret@intranet.test/',
    'http://admin@example.com/',
    'https://:secret@example.com/',
    'not a url',
  ])('refuses %s as invalid_url without resolving or connecting', async (url) => {
    const spy = spyConnector();
    const resolver = stubResolver(zone);
    const failure = await failureOf(
      fetcherFor({ allowedHosts: [], resolve: resolver.resolve, connect: spy.connect }).fetch(url),
    );
    expect(failure.code).toBe('invalid_url');
    expect(failure.permanent).toBe(true);
    expect(resolver.calls).toEqual([]);
    expect(spy.calls).toEqual([]);
  });

  describe('pinning', () => {
    it.each(['http', 'https'])(
      '%s: connects to the address it checked, and a rebound answer is checked again',
      async (scheme) => {
        let answers = 0;
        const resolve = jest.fn<Promise<ResolvedAddress[]>, [string]>(async () => [
          { address: answers++ === 0 ? '8.8.8.8' : '127.0.0.1', family: 4 },
        ]);
        const spy = spyConnector();
        const fetcher = fetcherFor({ allowedHosts: [], resolve, connect: spy.connect });

        const first = await failureOf(fetcher.fetch(`${scheme}://rebind.test/`));
        expect(first.code).toBe('connection_failed');
        expect(resolve).toHaveBeenCalledTimes(1);
        expect(resolve).toHaveBeenCalledWith('rebind.test');
        expect(spy.calls).toHaveLength(1);
        // The socket opener gets the checked address, never the name it could resolve again;
        // the name stays as `host`, for the Host header and TLS server name.
        expect(spy.calls[0]).toMatchObject({ hostname: '8.8.8.8', host: 'rebind.test', protocol: `${scheme}:` });

        const second = await failureOf(fetcher.fetch(`${scheme}://rebind.test/`));
        expect(second.code).toBe('blocked_address');
        expect(resolve).toHaveBeenCalledTimes(2);
        expect(spy.calls.map((call) => call.hostname)).toEqual(['8.8.8.8']);
      },
    );

    it('reaches an allowed name at the address it resolved to, with the name as Host', async () => {
      const resolver = stubResolver({ 'pinned.test': ['127.0.0.1'] });
      const before = site.requests('/articles/2');
      const document = await fetcherFor({
        allowedHosts: [{ host: 'pinned.test', port: site.port }],
        resolve: resolver.resolve,
        connect: undefined,
      }).fetch(`http://pinned.test:${site.port}/articles/2`);
      expect(document.status).toBe(200);
      expect(document.finalUrl).toBe(`http://pinned.test:${site.port}/articles/2`);
      expect(document.body.equals(Buffer.from(fixtureArticleHtml(2)))).toBe(true);
      expect(site.requests('/articles/2')).toBe(before + 1);
      expect(site.lastHost()).toBe(`pinned.test:${site.port}`);
      expect(resolver.calls).toEqual(['pinned.test']);
    });

    it('moves on to the next checked address when one refuses the connection', async () => {
      // Nothing listens on 127.0.0.2 (the site is bound to 127.0.0.1 alone): refused, then the next address.
      const resolver = stubResolver({ 'dual.test': ['127.0.0.2', '127.0.0.1'] });
      const before = site.requests('/articles/3');
      const document = await fetcherFor({
        allowedHosts: [{ host: 'dual.test', port: site.port }],
        resolve: resolver.resolve,
        connect: undefined,
      }).fetch(`http://dual.test:${site.port}/articles/3`);
      expect(document.status).toBe(200);
      expect(site.requests('/articles/3')).toBe(before + 1);
      expect(resolver.calls).toEqual(['dual.test']);
    });
  });

  describe('allowed hosts', () => {
    it('an entry without a port allows every port', async () => {
      const fetcher = fetcherFor({ allowedHosts: [{ host: '127.0.0.1' }] });
      const [first, second] = await Promise.all([
        fetcher.fetch(site.url('/articles/8')),
        fetcher.fetch(spare.url('/articles/8')),
      ]);
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(spare.requests('/articles/8')).toBe(1);
    });

    it('an entry with another port does not allow this one', async () => {
      const spy = spyConnector();
      const connections = site.connections();
      const failure = await failureOf(
        fetcherFor({ allowedHosts: [{ host: '127.0.0.1', port: spare.port }], connect: spy.connect }).fetch(
          site.url('/articles/9'),
        ),
      );
      expect(failure.code).toBe('blocked_address');
      expect(failure.permanent).toBe(true);
      expect(spy.calls).toEqual([]);
      expect(site.connections()).toBe(connections);
      expect(site.requests('/articles/9')).toBe(0);
    });
  });
});

/** A request as a {@link Receiver} saw it. */
interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A local server on 127.0.0.1 that records every request with its body and answers `status`. */
interface Receiver {
  readonly port: number;
  url(path: string): string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

async function startReceiver(status = 204): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status === 204 ? undefined : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('SafeFetcher.post', () => {
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  /** A fetcher that may reach the fixture site and the receiver. */
  const poster = (options: Partial<SafeFetcherOptions> = {}): SafeFetcher =>
    fetcherFor({
      allowedHosts: [
        { host: '127.0.0.1', port: site.port },
        { host: '127.0.0.1', port: receiver.port },
      ],
      ...options,
    });

  it('POSTs the exact body with the given headers and a user agent, and returns the status', async () => {
    const { connect, calls } = loopbackConnector();
    const body = JSON.stringify({ id: 'd-1', event: 'claim.submitted', data: { text: 'Naïve “quotes” ✓' } });
    const before = receiver.received.length;

    const answer = await poster({ connect }).post(receiver.url('/hooks/1?x=1'), body, {
      'content-type': 'application/json',
      'x-claimdesk-event': 'claim.submitted',
    });

    expect(answer).toEqual({ status: 204, finalUrl: receiver.url('/hooks/1?x=1') });
    expect(receiver.received).toHaveLength(before + 1);
    const request = receiver.received.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hooks/1?x=1');
    expect(request.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'x-claimdesk-event': 'claim.submitted',
      'user-agent': expect.stringMatching(/^Claimdesk\//) as string,
    });
    expect(calls).toEqual([`127.0.0.1:${receiver.port}`]);
  });

  it('lets the caller set its own user agent', async () => {
    await poster().post(receiver.url('/hooks/ua'), '{}', { 'user-agent': 'Claimdesk-Webhooks/test' });
    expect(receiver.received.at(-1)!.headers['user-agent']).toBe('Claimdesk-Webhooks/test');
  });

  it('resolves for a 2xx other than 200 and 204', async () => {
    site.setPage('/post/accepted', { status: 202, type: 'text/plain', body: 'queued' });
    expect(await poster().post(site.url('/post/accepted'), '{}', {})).toEqual({
      status: 202,
      finalUrl: site.url('/post/accepted'),
    });
  });

  it('does not follow a redirect: a 3xx fails as http_<status> (permanent), and its target sees nothing', async () => {
    const path = `/redirect-to?url=${encodeURIComponent(site.url('/post/redirect-target'))}`;
    const failure = await failureOf(poster().post(site.url(path), '{}', {}));
    expect(failure.code).toBe('http_302');
    expect(failure.permanent).toBe(true);
    expect(site.requests(path)).toBe(1);
    expect(site.requests('/post/redirect-target')).toBe(0);
  });

  it.each([
    [400, true],
    [401, true],
    [404, true],
    [410, true],
    [408, false],
    [425, false],
    [429, false],
    [500, false],
    [502, false],
    [503, false],
  ])('fails a %d as http_<status>, permanent: %s', async (status, permanent) => {
    const path = `/post/status-${status}`;
    site.setPage(path, { status, type: 'text/plain', body: `answered ${status}` });
    const failure = await failureOf(poster().post(site.url(path), '{}', {}));
    expect(failure.code).toBe(`http_${status}`);
    expect(failure.permanent).toBe(permanent);
    expect(site.requests(path)).toBe(1);
  });

  it('reads at most 64 KiB of the answer, however large it is', async () => {
    const started = Date.now();
    const answer = await poster().post(site.url('/huge-chunked?mb=200'), '{}', {});
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up on slow headers with timeout (transient)', async () => {
    const failure = await failureOf(
      poster({ limits: { headersTimeoutMs: 300 } }).post(site.url('/slow-headers?ms=5000'), '{}', {}),
    );
    expect(failure.code).toBe('timeout');
    expect(failure.permanent).toBe(false);
  });

  it('reports a refused connection as connection_failed (transient)', async () => {
    const closed = await startReceiver();
    await closed.close();
    const failure = await failureOf(
      fetcherFor({ allowedHosts: [{ host: '127.0.0.1', port: closed.port }] }).post(closed.url('/hooks'), '{}', {}),
    );
    expect(failure.code).toBe('connection_failed');
    expect(failure.permanent).toBe(false);
  });

  it.each([
    ['a private address', 'http://10.0.0.1/hooks'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['loopback on a port that is not allowed', 'http://127.0.0.1:9/hooks'],
    ['an IPv6 unique local address', 'http://[fd00:ec2::254]/hooks'],
  ])('refuses %s (%s) as blocked_address before connecting', async (_, url) => {
    const spy = spyConnector();
    const failure = await failureOf(poster({ connect: spy.connect }).post(url, '{}', {}));
    expect(failure.code).toBe('blocked_address');
    expect(failure.permanent).toBe(true);
    expect(spy.calls).toEqual([]);
  });

  it('refuses a name that resolves to a private address before connecting', async () => {
    const spy = spyConnector();
    const resolver = stubResolver({ 'hooks.intranet.test': ['10.1.2.3'] });
    const failure = await failureOf(
      poster({ connect: spy.connect, resolve: resolver.resolve }).post('http://hooks.intranet.test/in', '{}', {}),
    );
    expect(failure).toBeInstanceOf(BlockedAddressError);
    expect(resolver.calls).toEqual(['hooks.intranet.test']);
    expect(spy.calls).toEqual([]);
  });

  it('refuses another local server that is not allowed, which sees no connection', async () => {
    const failure = await failureOf(poster().post(forbidden.url('/hooks'), '{}', {}));
    expect(failure.code).toBe('blocked_address');
    expect(forbidden.connections()).toBe(0);
  });

  it.each(['ftp://example.com/hooks', 'http://user:secret@example.com/hooks', 'not a url'])(
    'refuses %s as invalid_url without connecting',
    async (url) => {
      const spy = spyConnector();
      const failure = await failureOf(poster({ connect: spy.connect }).post(url, '{}', {}));
      expect(failure.code).toBe('invalid_url');
      expect(failure.permanent).toBe(true);
      expect(spy.calls).toEqual([]);
    },
  );
});
