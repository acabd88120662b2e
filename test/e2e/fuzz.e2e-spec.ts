import fc from 'fast-check';
import { queueBackends } from '@claimdesk/testing';
import { type ApiResponse, TestApi } from '../support/api-harness';

// Property-based fuzzing of the two creating endpoints: whatever the body, the
// API answers below 500, every refusal is problem+json carrying its own status,
// and a refused body leaves every table it could have written to unchanged.

const claimsPath = '/api/v1/claims';
const sourcesPath = '/api/v1/sources';
type Endpoint = typeof claimsPath | typeof sourcesPath;

/** Every table a claim or source submission writes to. */
const watchedTables = [
  'claims',
  'claimants',
  'sources',
  'source_snapshots',
  'appearances',
  'events',
  'outbox_job',
  'idempotency_keys',
] as const;
type RowCounts = Record<(typeof watchedTables)[number], number>;

// Runs per property: 1,500 bodies per endpoint in all, within the file's time budget.
const arbitraryRuns = 600;
const shapedRuns = 900;
const propertyTimeoutMs = 60_000;

/** What one fuzz case sends. */
interface Sent {
  rawBody: string;
  contentType: string;
  idempotencyKey: string | null;
}

// ---------------------------------------------------------------------------
// Bodies that once crashed the API (each answered 500): kept as regression
// cases, each checked by a test below, besides what the fuzz generates.
// ---------------------------------------------------------------------------

/** How deep the generated values nest (the API refuses more than 32 levels). */
const maxFuzzDepth = 500;

interface Regression {
  title: string;
  /** Minimal bodies, each once answered 500 where the contract says 400. */
  cases: { path: Endpoint; rawBody: string }[];
}

const regressions: Regression[] = [
  {
    title: 'a claimant given as an array',
    cases: [
      { path: claimsPath, rawBody: JSON.stringify({ text: 'A claim whose claimant is a list', claimant: [] }) },
      {
        path: claimsPath,
        rawBody: JSON.stringify({ text: 'A claim whose claimant is a list', claimant: [{ name: 'Ada' }] }),
      },
    ],
  },
  {
    title: 'null in an optional field',
    cases: [
      { path: claimsPath, rawBody: JSON.stringify({ text: 'A claim with a null appearance', appearance: null }) },
      { path: claimsPath, rawBody: JSON.stringify({ text: 'A claim with a null url', appearance: { url: null } }) },
      {
        path: claimsPath,
        rawBody: JSON.stringify({ text: 'A claim with a null source id', appearance: { sourceId: null } }),
      },
      { path: sourcesPath, rawBody: JSON.stringify({ url: 'https://example.org/null-text', text: null }) },
    ],
  },
  {
    title: 'publishedAt as an ISO 8601 week, ordinal or basic-format date',
    cases: [
      {
        path: sourcesPath,
        rawBody: JSON.stringify({ url: 'https://example.org/week-date', publishedAt: '2018-W01-1' }),
      },
      {
        path: sourcesPath,
        rawBody: JSON.stringify({ url: 'https://example.org/ordinal-date', publishedAt: '2018-123' }),
      },
      {
        path: sourcesPath,
        rawBody: JSON.stringify({ url: 'https://example.org/basic-date', publishedAt: '20180612' }),
      },
    ],
  },
  {
    title: 'a value nested a few thousand levels deep',
    cases: [
      { path: claimsPath, rawBody: `{"text":"A deeply nested claim","x":${'['.repeat(5000)}${']'.repeat(5000)}}` },
      {
        path: sourcesPath,
        rawBody: `{"url":"https://example.org/deep","title":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      },
    ],
  },
];

// ---------------------------------------------------------------------------
// Hostile values.
// ---------------------------------------------------------------------------

const sqlInjections = [
  "' OR '1'='1",
  "'; DROP TABLE claims; --",
  '"; DELETE FROM sources; --',
  "' UNION SELECT password_hash, email FROM users --",
  "1'); TRUNCATE events; --",
  '$$; DROP TABLE outbox_job; $$',
  "\\'; SELECT pg_sleep(0); --",
  "%' AND 1=1 --",
  "E'\\x00'",
];
const markup = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "javascript:alert('x')",
  '{{constructor.constructor("return process")()}}',
  '${7*7}',
  '<!--',
  ']]><x>',
  '&lt;&#x27;&#0;',
];
const hostileUrls = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  'file:///etc/passwd',
  'ftp://example.org/archive',
  'data:text/html,<script>alert(1)</script>',
  'gopher://example.org/',
  'mailto:someone@example.org',
  'http://user:secret@example.org/',
  'https://user@example.org/page',
  'http://:@example.org/',
  'http://',
  'https://',
  '//example.org/relative',
  'example.org/no-scheme',
  'http://exa mple.org/',
  'http://example.org:99999/',
  'http://[::1]/',
  'http://127.0.0.1:5432/',
  'http://0x7f.1/',
  'http://例子.测试/路径',
  'https://xn--nxasmq6b.example/',
  'http://example.org/%00',
  `https://example.org/${'a'.repeat(2100)}`,
];
const hostileDates = [
  '2023-02-30',
  '2023-02-29',
  '2023-13-01',
  '2023-00-10',
  '2023-04-31',
  '0000-01-01',
  '9999-99-99',
  '2018-6-1',
  '18-06-12',
  '2018/06/12',
  '12/06/2018',
  'yesterday',
  ' 2018-06-12',
  '2018-06-12 ',
  '2018-06-12T25:00:00Z',
  '2018-06-12T23:60:00Z',
  '2018-06-12T09:30:00+25:00',
  '+002018-06-12',
  '275760-09-13',
  '2018-06-12T09:30:00.123456789Z',
  '１９９９-01-01',
  // ISO 8601 forms Date cannot read: refused for claimDate; for publishedAt, a known bug.
  '2018-W01-1',
  '2018-123',
  '20180612',
];
const oddStrings = [
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  'a\u0000b',
  '\u200b',
  '\ufeff',
  '\u202eevil',
  '🦄',
  'e\u0301',
  'ＡＢＣ',
  '\\',
  '"',
  "'",
  '%00',
  '%s%s%n',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '[object Object]',
  '__proto__',
];
const loneSurrogates = ['\ud800', '\udbff', '\udc00', '\udfff'];
const boundaryLengths = [1, 49, 50, 51, 199, 200, 201, 499, 500, 501, 2047, 2048, 2049, 4999, 5000, 5001, 10_000];

const longString = fc
  .tuple(
    fc.oneof(fc.constantFrom(...boundaryLengths), fc.integer({ min: 0, max: 10_000 })),
    fc.constantFrom('a', 'é', '🦄', ' ', 'word ', '\u0301', '<', "'"),
  )
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 30, unit: 'grapheme' }),
  fc.string({ maxLength: 30, unit: 'binary' }),
  fc.constantFrom(...sqlInjections, ...markup, ...hostileUrls, ...hostileDates, ...oddStrings),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...loneSurrogates), fc.string({ maxLength: 20 }))
    .map((parts) => parts.join('')),
  fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => `${a}\u0000${b}`),
  longString,
);

const deepValue = fc
  .tuple(fc.integer({ min: 1, max: maxFuzzDepth }), fc.boolean())
  .map(([depth, asArrays]) => nest(depth, asArrays));

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, -1, 1e308, 2 ** 53 + 1, 5e-324) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: deepValue },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.constantFrom(20, 21, 100), fc.integer({ min: 0, max: 5_000 }))
      .map((n) => Array.from({ length: n }, (_, i) => `t${i % 97}`)),
  },
);

/** Mostly plausible values for a field; now and then hostile ones, of any type or made for the field. */
function field(plausible: fc.Arbitrary<unknown>, hostile?: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: plausible },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: hostile ?? hostileValue },
  );
}

const plausibleText = fc.oneof(
  fc.lorem({ maxCount: 15 }),
  fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }),
);
const plausibleName = fc.oneof(fc.lorem({ maxCount: 3 }), fc.string({ minLength: 1, maxLength: 40 }));
const someInstant = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2100-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const someDay = someInstant.map((date) => date.toISOString().slice(0, 10));
const someUrl = fc.webUrl({ withQueryParameters: true, withFragments: true });
const languages = fc.constantFrom('en', 'pt-BR', 'de', 'zh-Hant-TW', 'fr-CA');
const badLanguages = fc.constantFrom('EN', 'e', 'english', 'en_US', 'en-', 'x'.repeat(36), 'en-abcdefghi', 'en\u0000');

/** A claim submission: the contract's fields, each plausible or hostile, the optional ones often missing. */
function claimBodies(knownSourceId: string): fc.Arbitrary<Record<string, unknown>> {
  const quote = field(plausibleText);
  return fc.record(
    {
      text: field(plausibleText),
      claimant: field(
        fc.record({ name: field(plausibleName), role: field(plausibleName) }, { requiredKeys: ['name'] }),
        fc.record({ name: hostileValue, role: hostileValue }, { requiredKeys: [] }),
      ),
      claimDate: field(someDay, fc.constantFrom(...hostileDates)),
      language: field(languages, badLanguages),
      tags: field(fc.array(field(fc.lorem({ maxCount: 1 })), { maxLength: 20 })),
      appearance: field(
        fc.oneof(
          fc.record({ url: field(someUrl, fc.constantFrom(...hostileUrls)), quote }, { requiredKeys: ['url'] }),
          fc.record({ sourceId: field(fc.constant(knownSourceId), fc.uuid()), quote }, { requiredKeys: ['sourceId'] }),
        ),
        fc.record(
          { url: field(someUrl, fc.constantFrom(...hostileUrls)), sourceId: field(fc.uuid()), quote },
          { requiredKeys: [] },
        ),
      ),
    },
    // Bodies without text are the arbitrary bodies' business.
    { requiredKeys: ['text'] },
  );
}

/** A source registration: the contract's fields, each plausible or hostile, the optional ones often missing. */
const sourceBodies: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    url: field(someUrl, fc.constantFrom(...hostileUrls)),
    title: field(plausibleName),
    publisher: field(plausibleName),
    publishedAt: field(
      fc.oneof(
        someInstant.map((date) => date.toISOString()),
        someDay,
      ),
      fc.constantFrom(...hostileDates),
    ),
    text: field(plausibleText, longString),
    extractClaims: field(fc.boolean()),
  },
  { requiredKeys: ['url'] },
);

/** Mostly none; sometimes a fresh key, sometimes one the API must refuse. */
const idempotencyKeys: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom('has spaces in it', 'x'.repeat(256), '', 'tab\there') },
);

/** A shaped body, now and then with an unknown field, as JSON text. */
function shaped(bodies: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Sent> {
  return fc
    .tuple(
      bodies,
      fc.oneof(
        { weight: 7, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue) },
      ),
      idempotencyKeys,
    )
    .map(([body, unknown, idempotencyKey]) => ({
      rawBody: JSON.stringify(unknown === null ? body : { ...body, [unknown[0]]: unknown[1] }),
      contentType: 'application/json',
      idempotencyKey,
    }));
}

const rawSamples = [
  '',
  ' ',
  'null',
  'true',
  '0',
  '"text"',
  '[]',
  '{}',
  '{',
  '}',
  '{"text":',
  '{"text":"a",}',
  "{'text':'a'}",
  '{"text":"a"}garbage',
  '{"text":"a"}{"text":"b"}',
  'NaN',
  '{"text":NaN}',
  '{"text":Infinity}',
  '{"text":"\\ud800"}',
  '{"text":"\\udfff lone low"}',
  '{"text":"\\u0000"}',
  '{"text":"a\\x00"}',
  '{"text":"\\uD83D\\uDE00 paired"}',
  '\ufeff{"text":"with a byte order mark"}',
  '{"__proto__":{"admin":true},"text":"a"}',
  '{"constructor":{"prototype":{"admin":true}},"text":"a"}',
  '{"text":"a","text":"b"}',
  '{"text":"duplicate key","text":5}',
  '<claim><text>x</text></claim>',
  'text=a&tags=b',
  '{"url":"https://example.org/","title":"\\u0000"}',
  '{"url":"javascript:alert(1)"}',
];

/** Arbitrary JSON values, hostile objects with the right keys, and text that is not JSON at all. */
const arbitraryBodies: fc.Arbitrary<Sent> = fc
  .tuple(
    fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.object({ maxDepth: 3 }).map(toJson),
      fc
        .anything({
          maxDepth: 3,
          withBoxedValues: true,
          withMap: true,
          withSet: true,
          withDate: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
        })
        .map(toJson),
      fc
        .dictionary(
          fc.constantFrom('text', 'url', 'claimant', 'tags', 'appearance', 'title', 'publishedAt', 'text', 'claimDate'),
          hostileValue,
          { maxKeys: 5 },
        )
        .map(toJson),
      fc.string({ maxLength: 200, unit: 'binary' }),
      fc.constantFrom(...rawSamples),
      fc
        .jsonValue()
        .map((value) => JSON.stringify(value))
        .chain((json) => fc.nat({ max: json.length }).map((cut) => json.slice(0, cut))),
      fc.tuple(fc.jsonValue(), fc.string({ minLength: 1, maxLength: 20 })).map(([v, junk]) => JSON.stringify(v) + junk),
      fc.integer({ min: 1, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
      fc.integer({ min: 1, max: 10_000 }).map((depth) => '{"a":'.repeat(depth)),
    ),
    fc.oneof(
      { weight: 12, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'application/json; charset=utf-8',
          'application/json; charset=utf-16',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'multipart/form-data; boundary=x',
        ),
      },
    ),
    idempotencyKeys,
  )
  .map(([rawBody, contentType, idempotencyKey]) => ({ rawBody, contentType, idempotencyKey }));

// ---------------------------------------------------------------------------

describe('fuzzing the creating endpoints', () => {
  let api: TestApi;
  let token: string;
  let knownSourceId: string;

  beforeAll(async () => {
    api = await TestApi.start(queueBackends()[0]!);
    token = await api.token('submitter');
    const source = await api.request('POST', sourcesPath, {
      token,
      body: { url: 'https://example.org/fuzz-known-source', text: 'A source the fuzzed claims may cite.' },
    });
    expect(source.status).toBe(201);
    knownSourceId = source.body.id as string;
  });

  afterAll(async () => {
    await api?.close();
  });

  async function rowCounts(): Promise<RowCounts> {
    const columns = watchedTables.map((table) => `(SELECT count(*) FROM "${table}")::int AS "${table}"`).join(', ');
    const [row] = await api.db.manager.query<RowCounts[]>(`SELECT ${columns}`);
    return row!;
  }

  function post(path: Endpoint, sent: Sent): Promise<ApiResponse<unknown>> {
    const headers: Record<string, string> = { 'content-type': sent.contentType };
    if (sent.idempotencyKey !== null) headers['idempotency-key'] = sent.idempotencyKey;
    return api.request<unknown>('POST', path, { token, rawBody: sent.rawBody, headers });
  }

  /** Sends one case and throws when a property does not hold. */
  async function check(path: Endpoint, sent: Sent, tally: Tally): Promise<void> {
    const before = await rowCounts();
    const response = await post(path, sent);
    tally.count(response.status);
    const wrong = wrongAnswer(response);
    if (wrong !== undefined)
      throw new Error(`${path} answered ${response.status}: ${wrong}\n${response.text.slice(0, 500)}`);
    if (response.status < 300) return;
    const after = await rowCounts();
    const written = watchedTables.filter((table) => after[table] !== before[table]);
    if (written.length > 0) {
      const changes = written.map((table) => `${table} ${before[table]} → ${after[table]}`).join(', ');
      throw new Error(`${path} refused the body with ${response.status} but wrote rows: ${changes}`);
    }
  }

  function fuzz(path: Endpoint, bodies: fc.Arbitrary<Sent>, numRuns: number, examples: Sent[] = []): Promise<Tally> {
    const tally = new Tally();
    const property = fc.asyncProperty(bodies, async (sent) => {
      await check(path, sent, tally);
    });
    return fc.assert(property, { numRuns, examples: examples.map((sent) => [sent]) }).then(() => tally);
  }

  it('counts the rows an accepted body writes (the no-write check can see writes)', async () => {
    const before = await rowCounts();
    const created = await post(claimsPath, {
      rawBody: JSON.stringify({ text: 'Fuzz control claim', claimant: { name: 'Fuzz Control' } }),
      contentType: 'application/json',
      idempotencyKey: 'fuzz-control',
    });
    expect(created.status).toBe(201);
    const after = await rowCounts();
    expect(after).toMatchObject({
      claims: before.claims + 1,
      claimants: before.claimants + 1,
      events: before.events + 1,
      idempotency_keys: before.idempotency_keys + 1,
    });
  });

  it(
    'POST /claims: arbitrary JSON and non-JSON bodies never get a 5xx, refusals are problem+json and write nothing',
    async () => {
      const tally = await fuzz(claimsPath, arbitraryBodies, arbitraryRuns, [
        {
          rawBody: `{"text":"x","y":${'{"a":'.repeat(maxFuzzDepth)}1${'}'.repeat(maxFuzzDepth)}}`,
          contentType: 'application/json',
          idempotencyKey: null,
        },
        {
          rawBody: JSON.stringify({ text: 'x'.repeat(1024 * 1024) }),
          contentType: 'application/json',
          idempotencyKey: null,
        },
      ]);
      expect(tally.refused).toBeGreaterThan(arbitraryRuns / 2);
    },
    propertyTimeoutMs,
  );

  it(
    'POST /claims: claim-shaped bodies with hostile values never get a 5xx, refusals are problem+json and write nothing',
    async () => {
      const tally = await fuzz(claimsPath, shaped(claimBodies(knownSourceId)), shapedRuns);
      // Both sides of the no-write check must be exercised.
      expect(tally.accepted).toBeGreaterThan(shapedRuns / 50);
      expect(tally.refused).toBeGreaterThan(shapedRuns / 2);
    },
    propertyTimeoutMs,
  );

  it(
    'POST /sources: arbitrary JSON and non-JSON bodies never get a 5xx, refusals are problem+json and write nothing',
    async () => {
      const tally = await fuzz(sourcesPath, arbitraryBodies, arbitraryRuns, [
        {
          rawBody: JSON.stringify({ url: 'https://example.org/big', text: 'x'.repeat(1024 * 1024) }),
          contentType: 'application/json',
          idempotencyKey: null,
        },
      ]);
      expect(tally.refused).toBeGreaterThan(arbitraryRuns / 2);
    },
    propertyTimeoutMs,
  );

  it(
    'POST /sources: source-shaped bodies with hostile values never get a 5xx, refusals are problem+json and write nothing',
    async () => {
      const tally = await fuzz(sourcesPath, shaped(sourceBodies), shapedRuns);
      expect(tally.accepted).toBeGreaterThan(shapedRuns / 50);
      expect(tally.refused).toBeGreaterThan(shapedRuns / 2);
    },
    propertyTimeoutMs,
  );

  it.each(regressions)('refuses with 400 and writes nothing: $title', async (bug) => {
    const wrong: string[] = [];
    for (const { path, rawBody } of bug.cases) {
      const before = await rowCounts();
      const response = await post(path, { rawBody, contentType: 'application/json', idempotencyKey: null });
      const problem = response.status === 400 ? wrongAnswer(response) : `answered ${response.status}`;
      const written = JSON.stringify(await rowCounts()) !== JSON.stringify(before);
      if (problem !== undefined || written) {
        wrong.push(`POST ${path} ${rawBody.slice(0, 120)}: ${problem ?? 'rows written'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a null optional field or treats it as absent, never storing a made-up value', async () => {
    const wrong: string[] = [];
    const source = await post(sourcesPath, {
      rawBody: JSON.stringify({ url: 'https://example.org/null-published-at', publishedAt: null }),
      contentType: 'application/json',
      idempotencyKey: null,
    });
    const publishedAt = isRecord(source.body) ? source.body.publishedAt : undefined;
    if (source.status !== 400 && publishedAt !== null)
      wrong.push(`publishedAt: null stored as ${JSON.stringify(publishedAt)}`);

    const claim = await post(claimsPath, {
      rawBody: JSON.stringify({
        text: 'A claim citing no quote',
        appearance: { url: 'https://example.org/q', quote: null },
      }),
      contentType: 'application/json',
      idempotencyKey: null,
    });
    const appearances = isRecord(claim.body) && Array.isArray(claim.body.appearances) ? claim.body.appearances : [];
    const quoteCheck: unknown = isRecord(appearances[0]) ? appearances[0].quoteCheck : undefined;
    if (claim.status !== 400 && quoteCheck !== null)
      wrong.push(`quote: null got the quote check ${JSON.stringify(quoteCheck)}`);
    expect(wrong).toEqual([]);
  });

  it('refuses unknown fields named like Object.prototype members (constructor, toString, …) with 400', async () => {
    const accepted: string[] = [];
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'length']) {
      const before = await rowCounts();
      const response = await post(claimsPath, {
        rawBody: JSON.stringify({ text: `A claim with an unknown ${name} field`, [name]: 1 }),
        contentType: 'application/json',
        idempotencyKey: null,
      });
      const written = JSON.stringify(await rowCounts()) !== JSON.stringify(before);
      if (response.status !== 400 || written)
        accepted.push(`${name}: ${response.status}${written ? ', rows written' : ''}`);
    }
    expect(accepted).toEqual([]);
  });
});

/** Why the response breaks the contract for any body, or undefined. */
function wrongAnswer(response: ApiResponse<unknown>): string | undefined {
  const { status, text } = response;
  const contentType = response.headers.get('content-type') ?? '';
  if (status >= 500) return 'a server error';
  if (status >= 200 && status < 300) {
    return contentType.startsWith('application/json') ? undefined : `success as ${contentType}`;
  }
  // Only refusals: a success may quote hostile text that earlier fuzz cases stored.
  if (/\n\s+at \S|QueryFailedError|node_modules|\b(INSERT INTO|DELETE FROM|UPDATE \S+ SET)\b/.test(text)) {
    return 'the refusal leaks a stack trace or SQL';
  }
  if (!contentType.startsWith('application/problem+json')) return `refusal as ${contentType}, not problem+json`;
  const body = response.body;
  if (!isRecord(body)) return 'a problem that is not a JSON object';
  if (body.status !== status) return `a problem whose status is ${JSON.stringify(body.status)}`;
  if (typeof body.type !== 'string' || typeof body.title !== 'string' || typeof body.detail !== 'string') {
    return 'a problem without type, title and detail';
  }
  return undefined;
}

class Tally {
  accepted = 0;
  refused = 0;

  count(status: number): void {
    if (status < 300) this.accepted++;
    else this.refused++;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nest(depth: number, asArrays: boolean): unknown {
  let value: unknown = 'deep';
  for (let level = 0; level < depth; level++) value = asArrays ? [value] : { a: value };
  return value;
}

/** JSON text for any value fast-check makes: BigInts as strings, and undefined as an empty body. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item)) ?? '';
}
