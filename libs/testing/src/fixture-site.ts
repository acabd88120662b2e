/**
 * A local HTTP site for fetcher, extractor and end-to-end tests and for the
 * benchmark: deterministic news articles plus every kind of misbehaving
 * response a source fetch has to survive. It listens on 127.0.0.1 on a free
 * port and uses node built-ins only (no jest), so the benchmark can use it too.
 *
 * | Route | Response |
 * | --- | --- |
 * | `/articles/<n>` (any integer n) | 200 `text/html`: news article n (see {@link fixtureArticle}): `<title>`, `og:title`, `og:site_name`, `article:published_time`, a JSON-LD `NewsArticle`, nav/aside/footer boilerplate around an `<article>` with an `<h1>` and 6–10 paragraphs (~3–5 KB), one with a quoted sentence attributed to a named speaker. Also sends `content-language`, `last-modified`, `etag`, `cache-control` and an `x-fixture-route` header. |
 * | `/redirect/<k>/<target path>` | 302 to `/redirect/<k-1>/<target path>`, and from k = 1 to `/<target path>` (query kept): a chain of k hops. k = 0 serves the target directly. |
 * | `/redirect-to?url=<absolute url>` | 302 to `url`, whatever it is (for redirects to blocked addresses). 400 without `url`. |
 * | `/slow-headers?ms=<n>` | Waits n ms (default 10 000), then answers like `/articles/1`. |
 * | `/slow-body?ms=<n>` | 200 `text/html` headers and a first chunk at once, then one more chunk every n ms (default 1 000) until the client goes away. No content-length. |
 * | `/huge?mb=<n>` | 200 `text/html`, n MiB (default 20, fractions allowed), streamed, with content-length. |
 * | `/huge-chunked?mb=<n>` | The same without content-length (chunked). |
 * | `/bomb` | 200 `text/html`, `content-encoding: gzip`: ~200 KB of gzip that inflates to {@link fixtureBombInflatedBytes} (> 200 MiB) of HTML and spaces. Built once, lazily, then cached. |
 * | `/doc.pdf` | 200 `application/pdf`: a hand-built one-page PDF 1.4 (Helvetica) showing {@link fixturePdfText}, one sentence a line; title {@link fixturePdfTitle}. |
 * | `/plain.txt` | 200 `text/plain; charset=utf-8`: {@link fixturePlainText} (typographic quotes, an em dash). |
 * | `/image.png` | 200 `image/png`: a 1×1 PNG (a type sources may not have). |
 * | `/missing` | 404 `text/html`. |
 * | `/gone` | 410 `text/html`. |
 * | `/flaky?fail=<k>&key=<id>` | 503 for the first k hits (default 1) with that key, then `/articles/1`. |
 * | `/no-type` | 200, an HTML page with no content-type header. |
 * | `/hostile` | 200 `text/html`: an article ({@link fixtureHostile}) whose title, `og:title`, headline and paragraphs contain {@link fixtureHostilePayloads} as text, encoded so that the extracted text holds them literally. |
 * | anything else | 404 `text/plain`. |
 *
 * Pages set with {@link FixtureSite.setPage} take precedence over these: first
 * an exact match on pathname + search, then on the pathname alone. Every
 * response, redirects and errors included, counts in {@link FixtureSite.requests}.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createGzip } from 'node:zlib';

export interface FixturePage {
  status?: number;
  type?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface FixtureSite {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `127.0.0.1:<port>`, the form `FETCH_ALLOWED_HOSTS` takes. */
  readonly host: string;
  readonly port: number;
  /** `origin` + `path`. */
  url(path: string): string;
  /** Requests received for one path (pathname + search, e.g. `/flaky?fail=1&key=a`), or in all. */
  requests(path?: string): number;
  /** TCP connections accepted. */
  connections(): number;
  /** The Host header of the latest request, if any. */
  lastHost(): string | undefined;
  /**
   * Serves `page` at `path` (pathname + search, or a pathname for every
   * search), replacing a built-in route. A function is called with the
   * page's hit count, from 1.
   */
  setPage(path: string, page: FixturePage | ((hit: number) => FixturePage)): void;
  close(): Promise<void>;
}

/** What article n says, as `/articles/<n>` serves it. */
export interface FixtureArticle {
  path: string;
  title: string;
  publisher: string;
  /** ISO 8601, UTC (`2024-03-05T09:30:00.000Z`). */
  publishedAt: string;
  /** Who says {@link quote}. */
  speaker: string;
  /** The quoted sentence, exactly as it appears (between quotation marks) in one of the paragraphs. */
  quote: string;
  /** The article's paragraphs, in order. */
  text: string[];
}

const mebibyte = 1024 * 1024;

/** Starts the site on 127.0.0.1 on a free port. */
export async function startFixtureSite(): Promise<FixtureSite> {
  const counts = new Map<string, number>();
  const pages = new Map<string, { page: FixturePage | ((hit: number) => FixturePage); hits: number }>();
  const flakyHits = new Map<string, number>();
  const sockets = new Set<Socket>();
  let total = 0;
  let connections = 0;
  let lastHost: string | undefined;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fixture.invalid');
    const key = url.pathname + url.search;
    total++;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    lastHost = request.headers.host;
    request.resume();
    const custom = pages.get(key) ?? pages.get(url.pathname);
    if (custom !== undefined) {
      custom.hits++;
      const page = typeof custom.page === 'function' ? custom.page(custom.hits) : custom.page;
      send(response, page);
      return;
    }
    route(url, request, response, flakyHits).catch((error: unknown) => {
      if (!response.headersSent) send(response, { status: 500, type: 'text/plain', body: String(error) });
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    host: `127.0.0.1:${port}`,
    port,
    url: (path) => origin + path,
    requests: (path) => (path === undefined ? total : (counts.get(path) ?? 0)),
    connections: () => connections,
    lastHost: () => lastHost,
    setPage: (path, page) => {
      pages.set(path, { page, hits: 0 });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function route(
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
  flakyHits: Map<string, number>,
): Promise<void> {
  const path = url.pathname;
  const query = url.searchParams;
  const article = /^\/articles\/(-?\d+)$/.exec(path);
  if (article) return sendArticle(response, fixtureArticle(Number(article[1])));

  const redirect = /^\/redirect\/(\d+)\/(.*)$/.exec(path);
  if (redirect) {
    const hops = Number(redirect[1]);
    const target = `/${redirect[2]}${url.search}`;
    if (hops === 0) return route(new URL(target, url), request, response, flakyHits);
    const location = hops === 1 ? target : `/redirect/${hops - 1}${target}`;
    return send(response, { status: 302, type: 'text/plain', body: `See ${location}`, headers: { location } });
  }

  switch (path) {
    case '/redirect-to': {
      const location = query.get('url');
      if (location === null) return send(response, { status: 400, type: 'text/plain', body: 'url is required' });
      return send(response, { status: 302, type: 'text/plain', body: `See ${location}`, headers: { location } });
    }
    case '/slow-headers': {
      const timer = setTimeout(() => sendArticle(response, fixtureArticle(1)), numberParam(query, 'ms', 10_000));
      response.once('close', () => clearTimeout(timer));
      return;
    }
    case '/slow-body': {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.write('<!doctype html><html><head><title>Slow</title></head><body><p>The first chunk.</p>\n');
      let chunk = 0;
      const timer = setInterval(
        () => response.write(`<p>Chunk ${++chunk}.</p>\n`),
        Math.max(1, numberParam(query, 'ms', 1_000)),
      );
      response.once('close', () => clearInterval(timer));
      return;
    }
    case '/huge':
    case '/huge-chunked':
      return streamHuge(response, Math.round(numberParam(query, 'mb', 20) * mebibyte), path === '/huge');
    case '/bomb': {
      const body = await gzipBomb();
      return send(response, { type: 'text/html; charset=utf-8', body, headers: { 'content-encoding': 'gzip' } });
    }
    case '/doc.pdf':
      return send(response, { type: 'application/pdf', body: fixturePdf() });
    case '/plain.txt':
      return send(response, { type: 'text/plain; charset=utf-8', body: fixturePlainText });
    case '/image.png':
      return send(response, { type: 'image/png', body: Buffer.from(onePixelPng, 'base64') });
    case '/missing':
      return send(response, { status: 404, body: errorPage('Not found') });
    case '/gone':
      return send(response, { status: 410, body: errorPage('Gone') });
    case '/flaky': {
      const key = query.get('key') ?? '';
      const hit = (flakyHits.get(key) ?? 0) + 1;
      flakyHits.set(key, hit);
      if (hit <= numberParam(query, 'fail', 1)) {
        return send(response, { status: 503, body: errorPage('Service unavailable'), headers: { 'retry-after': '1' } });
      }
      return sendArticle(response, fixtureArticle(1));
    }
    case '/no-type':
      response.writeHead(200, { 'content-length': Buffer.byteLength(noTypePage) });
      response.end(noTypePage);
      return;
    case '/hostile':
      return sendArticle(response, fixtureHostile);
    default:
      return send(response, { status: 404, type: 'text/plain; charset=utf-8', body: 'Not found' });
  }
}

function send(response: ServerResponse, page: FixturePage): void {
  const body = typeof page.body === 'string' ? Buffer.from(page.body, 'utf8') : page.body;
  response.writeHead(page.status ?? 200, {
    'content-type': page.type ?? 'text/html; charset=utf-8',
    'content-length': String(body.length),
    ...page.headers,
  });
  response.end(body);
}

function sendArticle(response: ServerResponse, article: FixtureArticle): void {
  const published = new Date(article.publishedAt);
  send(response, {
    body: fixtureArticleHtml(article),
    headers: {
      'content-language': 'en',
      'last-modified': published.toUTCString(),
      etag: `"${article.path.replace(/\W/g, '')}-${published.getTime()}"`,
      'cache-control': 'public, max-age=60',
      'x-fixture-route': 'article',
    },
  });
}

function numberParam(query: URLSearchParams, name: string, fallback: number): number {
  const value = Number(query.get(name) ?? Number.NaN);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function errorPage(message: string): string {
  return `<!doctype html><html><head><title>${message}</title></head><body><h1>${message}</h1></body></html>`;
}

const noTypePage =
  '<!doctype html>\n<html><head><title>No content type</title></head>' +
  '<body><p>This page was served without a content-type header.</p></body></html>\n';

/** Streams `size` bytes of HTML, respecting back-pressure, until done or the client goes away. */
function streamHuge(response: ServerResponse, size: number, withLength: boolean): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    ...(withLength ? { 'content-length': String(size) } : {}),
  });
  const head = Buffer.from('<!doctype html><html><head><title>Huge</title></head><body>\n');
  const block = Buffer.from('<p>All work and no play makes a very large page.</p>\n'.repeat(1260));
  let sent = 0;
  let closed = false;
  response.once('close', () => (closed = true));
  const pump = (): void => {
    while (!closed && sent < size) {
      const source = sent === 0 ? Buffer.concat([head, block]) : block;
      const chunk = source.subarray(0, Math.min(source.length, size - sent));
      sent += chunk.length;
      if (sent >= size) {
        response.end(chunk);
        return;
      }
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

// ----- the gzip bomb ---------------------------------------------------------

/** How many bytes `/bomb` inflates to. */
export const fixtureBombInflatedBytes = 201 * mebibyte;

let bomb: Promise<Buffer> | undefined;

function gzipBomb(): Promise<Buffer> {
  bomb ??= new Promise<Buffer>((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const chunks: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    gzip.once('error', reject);
    gzip.once('end', () => resolve(Buffer.concat(chunks)));
    const head = '<!doctype html><html><head><title>Bomb</title></head><body><p>';
    const first = Buffer.alloc(mebibyte, 0x20);
    first.write(head);
    const spaces = Buffer.alloc(mebibyte, 0x20);
    let written = 0;
    const pump = (): void => {
      while (written < fixtureBombInflatedBytes) {
        const chunk = written === 0 ? first : spaces;
        written += chunk.length;
        if (!gzip.write(chunk)) {
          gzip.once('drain', pump);
          return;
        }
      }
      gzip.end();
    };
    pump();
  });
  return bomb;
}

// ----- deterministic articles ------------------------------------------------

const publishers = [
  'The Riverton Ledger',
  'Lakemoor Evening Post',
  'Northfield Courier',
  'Port Ellis Gazette',
  'Cedar Valley Herald',
  'The Greywater Tribune',
  'Ashford Bay Chronicle',
  'Millbrook Daily Record',
];
const places = [
  'Riverton',
  'Lakemoor',
  'Northfield',
  'Port Ellis',
  'Cedar Falls',
  'Greywater',
  'Ashford Bay',
  'Millbrook',
  'Eastvale',
  'Stonebridge',
];
const bodies = [
  'city council',
  'county board',
  'school district',
  'transit authority',
  'water utility',
  'housing agency',
  'health department',
  'port commission',
];
const topics = [
  { thing: 'bus lanes', unit: 'kilometres of bus lanes' },
  { thing: 'affordable housing', unit: 'affordable homes' },
  { thing: 'water mains', unit: 'water mains' },
  { thing: 'school repairs', unit: 'classrooms' },
  { thing: 'street lighting', unit: 'street lights' },
  { thing: 'flood defences', unit: 'metres of flood wall' },
  { thing: 'clinic hours', unit: 'clinic appointments' },
  { thing: 'park maintenance', unit: 'hectares of parkland' },
];
const firstNames = ['Ana', 'Marcus', 'Priya', 'Tomas', 'Helen', 'Kwame', 'Ingrid', 'Rafael', 'Mei', 'Owen', 'Lucia'];
const lastNames = ['Ruiz', 'Okafor', 'Lindqvist', 'Haddad', 'Novak', 'Brennan', 'Takahashi', 'Mensah', 'Castell'];
const roles = ['Mayor', 'Councillor', 'Director', 'Commissioner', 'Chair', 'Superintendent'];
const verbs = ['approves', 'delays', 'expands', 'questions', 'revives', 'cuts', 'funds', 'reviews'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October'];

/** Filler sentences; `{place}`, `{body}`, `{thing}`, `{n1}`, `{n2}`, `{month}`, `{name}` are filled in. */
const sentenceTemplates = [
  'The {body} in {place} met on Tuesday evening to discuss the future of {thing}.',
  'Residents packed the hall, and the debate ran well past the scheduled two hours.',
  'According to figures published last spring, spending on {thing} rose by {n1} percent over five years.',
  'Supporters argue that the plan is overdue, while critics say the costs have never been explained.',
  'A consultant hired by the {body} estimated that the work would take at least {n2} months.',
  'Local business owners said they had not been consulted before the proposal was drafted.',
  'The last comparable project in {place} finished {n2} months late and over budget.',
  'Several speakers asked for the full cost estimate to be released before any final vote.',
  'Officials said a public consultation would open in {month} and run for six weeks.',
  'The budget committee will review the proposal again before the end of the fiscal year.',
  'Neighbouring towns have adopted similar measures with mixed results, the report notes.',
  'A petition opposing the plan gathered {n1}00 signatures in its first week.',
  'Opposition members said they would table an amendment to cap the spending.',
  'The {body} declined to say how many staff would be assigned to the project.',
  '{name}, who has lived in {place} for decades, said the change was long overdue.',
  'An independent audit is expected to be published later this year.',
  'Engineers warned that parts of the existing network are more than sixty years old.',
  'Regional officials have promised to match part of the funding if the plan goes ahead.',
  'Turnout at the last local election in {place} was just over {n1} percent.',
  'The proposal still needs approval from the state planning office.',
  'Records obtained by this newspaper show the idea was first raised {n2} months ago.',
  'A spokesperson for the {body} said more details would be shared at the next meeting.',
  'Critics pointed out that a similar promise was made before the previous election.',
  'The cost of borrowing has risen sharply since the plan was first drawn up.',
  'Volunteers in {place} have been collecting data on {thing} for several years.',
  'The union representing municipal workers said it had not been briefed.',
  'A survey of {n1}0 households found that most residents supported the idea in principle.',
  'The finance office said the plan could be paid for without raising local taxes.',
  'Two members abstained, citing a lack of information about long-term maintenance.',
  'The regional newspaper first reported on the proposal in {month}.',
];

/** A small deterministic PRNG (mulberry32) seeded from an integer. */
function random(seed: number): () => number {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0x5bd1e995) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** The deterministic content of article n, as `/articles/<n>` serves it. */
export function fixtureArticle(n: number): FixtureArticle {
  if (!Number.isSafeInteger(n)) throw new RangeError(`article numbers are integers, not ${n}`);
  const next = random(n);
  const place = pick(next, places);
  const body = pick(next, bodies);
  const topic = pick(next, topics);
  const publisher = publishers[((n % publishers.length) + publishers.length) % publishers.length]!;
  const figure = 100 + Math.abs(n) * 7 + Math.floor(next() * 7);
  const title = `${place} ${body} ${pick(next, verbs)} plan for ${figure} ${topic.unit}`;
  const speaker = `${pick(next, roles)} ${pick(next, firstNames)} ${pick(next, lastNames)}`;
  const day = ((n % 700) + 700) % 700;
  const publishedAt = new Date(
    Date.UTC(2024, 0, 1 + day, 6 + Math.floor(next() * 12), Math.floor(next() * 4) * 15),
  ).toISOString();
  const year = 2026 + Math.floor(next() * 4);
  const quote = `We will deliver ${figure} ${topic.unit} in ${place} by the end of ${year}, and not a day later.`;

  const fill = (template: string): string =>
    template
      .replaceAll('{place}', place)
      .replaceAll('{body}', body)
      .replaceAll('{thing}', topic.thing)
      .replaceAll('{n1}', String(5 + Math.floor(next() * 60)))
      .replaceAll('{n2}', String(6 + Math.floor(next() * 30)))
      .replaceAll('{month}', pick(next, months))
      .replaceAll('{name}', `${pick(next, firstNames)} ${pick(next, lastNames)}`);

  const count = 6 + Math.floor(next() * 5);
  const target = 3_200 + Math.floor(next() * 1_400);
  const quoteAt = 1 + Math.floor(next() * (count - 2));
  let deck: string[] = [];
  const draw = (): string => {
    if (deck.length === 0) deck = [...sentenceTemplates];
    return fill(deck.splice(Math.floor(next() * deck.length), 1)[0]!);
  };
  const text: string[] = [];
  for (let index = 0; index < count; index++) {
    const sentences: string[] = [];
    if (index === 0) sentences.push(`The ${body} in ${place} has set out a plan for ${topic.thing}.`);
    if (index === quoteAt) sentences.push(`"${quote}" ${speaker} said at the meeting.`);
    while (sentences.join(' ').length < target / count - 40) sentences.push(draw());
    text.push(sentences.join(' '));
  }
  return { path: `/articles/${n}`, title, publisher, publishedAt, speaker, quote, text };
}

/** The strings `/hostile` carries as text, which a page must never run. */
export const fixtureHostilePayloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '" onmouseover="alert(3)',
] as const;

/** The article `/hostile` serves: markup-like text in title, headline and paragraphs. */
export const fixtureHostile: FixtureArticle = {
  path: '/hostile',
  title: `Council vote ${fixtureHostilePayloads[0]} ends ${fixtureHostilePayloads[1]} in uproar ${fixtureHostilePayloads[2]}`,
  publisher: 'The Hostile Times',
  publishedAt: '2024-06-01T12:00:00.000Z',
  speaker: 'Councillor Eve Mallory',
  quote: `Type ${fixtureHostilePayloads[0]} into the form and see what happens.`,
  text: [
    `The council meeting descended into farce when a member read out ${fixtureHostilePayloads[0]} from a printed sheet.`,
    `"Type ${fixtureHostilePayloads[0]} into the form and see what happens." Councillor Eve Mallory said at the meeting.`,
    `A second sheet read ${fixtureHostilePayloads[1]} and a third ${fixtureHostilePayloads[2]}, the minutes record.`,
    'The clerk said the council website would be checked for vulnerabilities before the next session.',
    'Members voted to adjourn until the following week, when the budget will be discussed again.',
    'Residents who attended said the episode had distracted from the issues that matter to them.',
  ],
};

/** The HTML page of an article (what `/articles/<n>` and `/hostile` serve). */
export function fixtureArticleHtml(articleOrNumber: FixtureArticle | number): string {
  const article = typeof articleOrNumber === 'number' ? fixtureArticle(articleOrNumber) : articleOrNumber;
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: article.publishedAt,
    publisher: { '@type': 'Organization', name: article.publisher },
  }).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const title = escapeHtml(article.title);
  const publisher = escapeHtml(article.publisher);
  const date = new Date(article.publishedAt).toUTCString().slice(0, 16);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${escapeHtml(article.text[0] ?? '')}">
<meta property="og:type" content="article">
<meta property="og:title" content="${title}">
<meta property="og:site_name" content="${publisher}">
<meta property="article:published_time" content="${article.publishedAt}">
<script type="application/ld+json">${jsonLd}</script>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<header class="site-header">
<a class="logo" href="/">${publisher}</a>
<nav aria-label="Sections"><ul>
<li><a href="/news">News</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li>
</ul></nav>
</header>
<div class="cookie-banner" role="dialog">We use cookies to improve your experience on our site. <button type="button">Accept all</button></div>
<main>
<article>
<h1>${title}</h1>
<p class="dateline"><time datetime="${article.publishedAt}">${date}</time></p>
${article.text.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
</article>
<aside class="related">
<h2>Most read</h2>
<ul>
<li><a href="/articles/1">Weather warning issued for the weekend</a></li>
<li><a href="/articles/2">Local team wins the regional cup</a></li>
<li><a href="/articles/3">Five restaurants to try this month</a></li>
</ul>
<div class="ad">Advertisement: Subscribe today and get three months for the price of one.</div>
</aside>
</main>
<footer>
<p>&copy; 2024 ${publisher}. All rights reserved.</p>
<nav aria-label="Footer"><a href="/about">About us</a> | <a href="/contact">Contact</a> | <a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></nav>
</footer>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// ----- other documents -------------------------------------------------------

/** The text `/plain.txt` serves (UTF-8, typographic quotes and an em dash). */
export const fixturePlainText =
  'Harbour works report\n\n' +
  'The harbour master said on Friday: “The new sea wall will be finished before the winter storms.” ' +
  'Fishermen were sceptical — the last wall took four years to build and leaked within a month.\n';

/** The title in `/doc.pdf`'s document information. */
export const fixturePdfTitle = 'Quarterly water report';

/** The sentences `/doc.pdf` shows, one a line, joined here by single spaces. */
export const fixturePdfText =
  'The Riverton water authority recorded 212 main breaks in 2023. ' +
  'Director Mara Quist said: "Every pipe laid before 1960 will be replaced by 2030." ' +
  'The work is funded by a bond that voters approved in May.';

let pdf: Buffer | undefined;

/** A minimal one-page PDF 1.4 (Helvetica, WinAnsi) showing {@link fixturePdfText}, with its xref computed here. */
function fixturePdf(): Buffer {
  if (pdf !== undefined) return pdf;
  const literal = (text: string): string => `(${text.replace(/[\\()]/g, (char) => `\\${char}`)})`;
  const lines = fixturePdfText.split(/(?<=\.") |(?<=\.) (?=[A-Z])/);
  const content = [
    'BT',
    '/F1 12 Tf',
    '16 TL',
    '72 720 Td',
    ...lines.map((line, index) => (index === 0 ? `${literal(line)} Tj` : `T* ${literal(line)} Tj`)),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title ${literal(fixturePdfTitle)} /Producer (Claimdesk fixture site) >>`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  pdf = Buffer.from(out, 'latin1');
  return pdf;
}

/** A 1×1 transparent PNG. */
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
