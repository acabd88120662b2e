import { aClaim, uniqueWord } from '@claimdesk/testing';
import { type ApiResponse, type RequestOptions, TestApi } from '../support/api-harness';
import { expectProblem, type Problem } from '../support/problems';

interface Claimant {
  id: string;
  name: string;
  role: string | null;
}

interface QuoteCheck {
  status: string;
  score: number | null;
  snapshotId: string | null;
  start: number | null;
  end: number | null;
  excerpt: string | null;
}

interface Appearance {
  id: string;
  sourceId: string;
  url: string;
  quote: string | null;
  quoteCheck: QuoteCheck | null;
}

interface SimilarClaim {
  id: string;
  text: string;
  status: string;
  score: number;
  match: string;
}

interface ClaimSummary {
  id: string;
  text: string;
  headline: string | null;
  status: string;
  version: number;
  claimant: Claimant | null;
  claimDate: string | null;
  language: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  score?: number;
}

interface Claim extends ClaimSummary {
  appearances: Appearance[];
  evidence: unknown[];
  verdicts: unknown[];
  review: unknown;
  similar: SimilarClaim[];
}

interface ClaimEvent {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  from: string | null;
  to: string | null;
  data: Record<string, unknown>;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Source {
  id: string;
  url: string;
  fetchStatus: string;
}

interface ClaimInput {
  text: string;
  headline?: string;
  claimant?: { name: string; role?: string };
  claimDate?: string;
  language?: string;
  tags?: string[];
  appearance?: { url?: string; sourceId?: string; quote?: string };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const unknownId = '7d4e9a3c-1b2a-4c3d-9e8f-0a1b2c3d4e5f';
/** What a leaked stack trace or SQL statement would look like in a response. */

function cursorOf(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function fieldsOf(response: ApiResponse<Problem>): string[] {
  return (response.body.errors ?? []).map((error) => error.field);
}

describe('claims API', () => {
  const api = TestApi.use();
  let token: string;

  beforeAll(async () => {
    token = await api.token('submitter');
  });

  const submit = (body: unknown) => api.request<Claim>('POST', '/api/v1/claims', { token, body });
  const getClaim = (id: string) => api.request<Claim>('GET', `/api/v1/claims/${id}`, { token });
  const listClaims = (query: string) => api.request<Page<ClaimSummary>>('GET', `/api/v1/claims?${query}`, { token });
  const problemOf = (method: string, path: string, options: RequestOptions = { token }) =>
    api.request<Problem>(method, path, options);
  const countClaims = async (): Promise<number> => {
    const [row] = await api.db.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM claims`);
    return row!.n;
  };

  async function submitted(input: ClaimInput): Promise<Claim> {
    const response = await submit(input);
    expect(response.status).toBe(201);
    return response.body;
  }

  describe('POST /api/v1/claims', () => {
    it('creates a claim in submitted with its claimant, date, language and tags', async () => {
      const claimant = `Ada ${uniqueWord()}`;
      const response = await submit({
        text: 'Unemployment fell to 3.5 percent in September, the lowest in fifty years.',
        claimant: { name: claimant, role: 'Senator' },
        claimDate: '2019-10-04',
        language: 'pt-BR',
        tags: ['economy', 'jobs'],
      });

      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
      const claim = response.body;
      expect(claim).toMatchObject({
        text: 'Unemployment fell to 3.5 percent in September, the lowest in fifty years.',
        status: 'submitted',
        version: 1,
        claimant: { name: claimant, role: 'Senator' },
        claimDate: '2019-10-04',
        language: 'pt-BR',
        appearances: [],
        evidence: [],
        verdicts: [],
        review: null,
        similar: [],
      });
      expect(claim.id).toMatch(uuidPattern);
      expect(claim.claimant?.id).toMatch(uuidPattern);
      expect([...claim.tags].sort()).toEqual(['economy', 'jobs']);
      expect(Number.isNaN(Date.parse(claim.createdAt))).toBe(false);
      expect(Number.isNaN(Date.parse(claim.updatedAt))).toBe(false);
    });

    it('defaults the language to en and leaves claimant, date and headline empty when not given', async () => {
      const claim = await submitted(aClaim());

      expect(claim).toMatchObject({ language: 'en', claimant: null, claimDate: null, tags: [], headline: null });
    });

    it('keeps a headline, trimmed, in the claim, its summary in lists and a re-read', async () => {
      const word = uniqueWord();
      const claim = await submitted(aClaim({ text: `Claim ${word} under test`, headline: `  Is ${word} true?  ` }));

      expect(claim.headline).toBe(`Is ${word} true?`);
      expect((await getClaim(claim.id)).body.headline).toBe(`Is ${word} true?`);
      const listed = await listClaims(`q=${word}`);
      expect(listed.body.items.map((item) => [item.id, item.headline])).toEqual([[claim.id, `Is ${word} true?`]]);
    });

    it('lists an earlier claim with the same normalised text as an exact match with score 1, before near matches', async () => {
      const original = await submitted({
        text: 'The national debt doubled between 2010 and 2020, according to the finance minister of the day.',
      });
      const near = await submitted({
        text: 'The national debt tripled between 2010 and 2020, according to the finance minister of the day.',
      });

      const resubmitted = await submitted({
        text: 'THE NATIONAL DEBT DOUBLED between 2010 and 2020 -- according to the finance minister of the day!',
      });

      expect(resubmitted.similar[0]).toMatchObject({
        id: original.id,
        text: original.text,
        status: 'submitted',
        score: 1,
        match: 'exact',
      });
      const nearMatch = resubmitted.similar.find((similar) => similar.id === near.id);
      expect(nearMatch).toMatchObject({ match: 'near', status: 'submitted' });
      expect(nearMatch!.score).toBeGreaterThan(0.5);
      expect(nearMatch!.score).toBeLessThan(1);
      expect(resubmitted.similar.indexOf(nearMatch!)).toBeGreaterThan(0);
    });

    it('lists an earlier claim with one word changed as a near match scored between 0 and 1', async () => {
      const original = await submitted({
        text: 'Crime in the capital has fallen by a third since the new police chief took office in 2016.',
      });

      const near = await submitted({
        text: 'Crime in the capital has fallen by a half since the new police chief took office in 2016.',
      });

      const match = near.similar.find((similar) => similar.id === original.id);
      expect(match).toMatchObject({ text: original.text, status: 'submitted', match: 'near' });
      expect(match!.score).toBeGreaterThan(0.5);
      expect(match!.score).toBeLessThan(1);
      expect(near.similar.every((similar) => similar.id !== near.id)).toBe(true);
    });

    it('lists no similar claims for an unrelated text', async () => {
      await submitted({ text: 'Wind farms now produce more electricity than coal plants across the region.' });

      const unrelated = await submitted({ text: 'The museum welcomed two million visitors during its first summer.' });

      expect(unrelated.similar).toEqual([]);
    });

    it('records a claim.submitted event with the submitting user as actor', async () => {
      const claim = await submitted(aClaim());

      const events = await api.request<Page<ClaimEvent>>('GET', `/api/v1/claims/${claim.id}/events`, { token });

      expect(events.status).toBe(200);
      expect(events.body.nextCursor).toBeNull();
      expect(events.body.items).toHaveLength(1);
      const [event] = events.body.items;
      const [creator] = await api.db.manager.query<{ id: string; name: string }[]>(
        `SELECT u.id, u.name FROM users u JOIN claims c ON c.created_by = u.id WHERE c.id = $1`,
        [claim.id],
      );
      expect(event).toMatchObject({
        action: 'claim.submitted',
        from: null,
        to: 'submitted',
        actor: { id: creator!.id, name: creator!.name },
      });
      expect(event!.data.text).toBe(claim.text);
      expect(Number.isNaN(Date.parse(event!.at))).toBe(false);
    });

    it('registers the URL an appearance names as a source and queues its fetch', async () => {
      const url = `https://news.example.org/${uniqueWord()}/summit`;

      const claim = await submitted(aClaim({ appearance: { url, quote: 'irreversible dismantlement' } }));

      expect(claim.appearances).toHaveLength(1);
      const [appearance] = claim.appearances;
      expect(appearance).toMatchObject({ url, quote: 'irreversible dismantlement', quoteCheck: { status: 'pending' } });
      expect(appearance!.sourceId).toMatch(uuidPattern);
      const source = await api.request<Source>('GET', `/api/v1/sources/${appearance!.sourceId}`, { token });
      expect(source.status).toBe(200);
      expect(source.body).toMatchObject({ id: appearance!.sourceId, url, fetchStatus: 'pending' });
      const jobs = await api.db.manager.query<{ name: string; data: { sourceId: string } }[]>(
        `SELECT name, data FROM outbox_job WHERE data->>'sourceId' = $1`,
        [appearance!.sourceId],
      );
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ name: 'source.fetch', data: { sourceId: appearance!.sourceId } });
    });

    it('reuses the source of a URL cited before and queues no second fetch', async () => {
      const path = `https://news.example.org/${uniqueWord()}/interview`;
      const first = await submitted(aClaim({ appearance: { url: path } }));

      const second = await submitted(aClaim({ appearance: { url: `${path}#third-paragraph` } }));

      expect(second.appearances[0]!.sourceId).toBe(first.appearances[0]!.sourceId);
      const [row] = await api.db.manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_job WHERE name = 'source.fetch' AND data->>'sourceId' = $1`,
        [first.appearances[0]!.sourceId],
      );
      expect(row!.n).toBe(1);
    });

    it('shares one new source and one new claimant between concurrent claims naming them', async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const url = `https://news.example.org/${uniqueWord()}/live`;
        const name = `Flo ${uniqueWord()}`;

        const claims = await Promise.all(
          [0, 1, 2].map(() => submitted(aClaim({ claimant: { name }, appearance: { url } }))),
        );

        expect(new Set(claims.map((claim) => claim.appearances[0]!.sourceId)).size).toBe(1);
        expect(new Set(claims.map((claim) => claim.claimant!.id)).size).toBe(1);
        const [row] = await api.db.manager.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM outbox_job WHERE name = 'source.fetch' AND data->>'sourceId' = $1`,
          [claims[0]!.appearances[0]!.sourceId],
        );
        expect(row!.n).toBe(1);
      }
    });

    it('cites a registered source by id', async () => {
      const url = `https://news.example.org/${uniqueWord()}/report`;
      const source = await api.request<Source>('POST', '/api/v1/sources', { token, body: { url } });
      expect(source.status).toBe(201);

      const claim = await submitted(aClaim({ appearance: { sourceId: source.body.id, quote: 'a third' } }));

      expect(claim.appearances).toEqual([expect.objectContaining({ sourceId: source.body.id, url, quote: 'a third' })]);
    });
  });

  describe('GET /api/v1/claims/{id}', () => {
    it('returns the claim with its appearances and an ETag', async () => {
      const url = `https://news.example.org/${uniqueWord()}/speech`;
      const created = await submitted(aClaim({ claimant: { name: `Bo ${uniqueWord()}` }, appearance: { url } }));

      const response = await getClaim(created.id);

      expect(response.status).toBe(200);
      expect(response.body).toEqual(created);
      const etag = response.headers.get('etag');
      expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
      expect((await getClaim(created.id)).headers.get('etag')).toBe(etag);
    });

    it('lists claims submitted later with the same text among the similar ones', async () => {
      const first = await submitted({ text: 'Tuition fees have risen fourfold in a decade at public universities.' });
      const later = await submitted({ text: 'Tuition fees have risen fourfold in a decade at public universities.' });

      const response = await getClaim(first.id);

      expect(response.body.similar).toEqual([expect.objectContaining({ id: later.id, match: 'exact', score: 1 })]);
    });
  });

  describe('GET /api/v1/claims', () => {
    it('lists claims newest first with a null nextCursor when everything fits', async () => {
      const tag = uniqueWord();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await submitted(aClaim({ tags: [tag] }))).id);

      const response = await listClaims(`tag=${tag}`);

      expect(response.status).toBe(200);
      expect(response.body.items.map((claim) => claim.id)).toEqual([...ids].reverse());
      expect(response.body.nextCursor).toBeNull();
      expect(response.body.items[0]).toMatchObject({ status: 'submitted', version: 1, tags: [tag] });
    });

    it('filters by status', async () => {
      const tag = uniqueWord();
      const claim = await submitted(aClaim({ tags: [tag] }));

      const submittedOnes = await listClaims(`tag=${tag}&status=submitted`);
      const publishedOnes = await listClaims(`tag=${tag}&status=published`);

      expect(submittedOnes.body.items.map((item) => item.id)).toEqual([claim.id]);
      expect(publishedOnes.status).toBe(200);
      expect(publishedOnes.body.items).toEqual([]);
    });

    it('filters by claimant id', async () => {
      const name = `Carla ${uniqueWord()}`;
      const theirs = await submitted(aClaim({ claimant: { name } }));
      await submitted(aClaim({ claimant: { name: `Dan ${uniqueWord()}` } }));

      const response = await listClaims(`claimant=${theirs.claimant!.id}`);

      expect(response.body.items.map((item) => item.id)).toEqual([theirs.id]);
    });

    // UUIDs are case-insensitive, and GET /claims/{id} accepts one in upper case:
    // the claimant filter must not take such an id for a name.
    it('filters by claimant id written in upper case', async () => {
      const theirs = await submitted(aClaim({ claimant: { name: `Gil ${uniqueWord()}` } }));

      const response = await listClaims(`claimant=${theirs.claimant!.id.toUpperCase()}`);

      expect(response.body.items.map((item) => item.id)).toEqual([theirs.id]);
    });

    it('filters by claimant name, ignoring case and accents', async () => {
      const surname = uniqueWord();
      const theirs = await submitted(aClaim({ claimant: { name: `José Núñez ${surname}` } }));
      await submitted(aClaim({ claimant: { name: `Josefa Núñez ${uniqueWord()}` } }));

      const response = await listClaims(`claimant=${encodeURIComponent(`JOSE nunez ${surname}`)}`);

      expect(response.body.items.map((item) => item.id)).toEqual([theirs.id]);
      expect(response.body.items[0]!.claimant).toMatchObject({ name: `José Núñez ${surname}` });
    });

    it('lists nothing for a claimant name nobody has', async () => {
      await submitted(aClaim({ claimant: { name: `Eve ${uniqueWord()}` } }));

      const response = await listClaims(`claimant=${uniqueWord()}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [], nextCursor: null, prevCursor: null });
    });

    it('filters by tag, whatever its case', async () => {
      const tag = uniqueWord();
      const tagged = await submitted(aClaim({ tags: [tag, 'economy'] }));
      await submitted(aClaim({ tags: ['economy'] }));

      const response = await listClaims(`tag=${tag.toUpperCase()}`);

      expect(response.body.items.map((item) => item.id)).toEqual([tagged.id]);
    });

    it('searches with q for claims containing every word, best match first, with a score', async () => {
      const [first, second] = [uniqueWord(), uniqueWord()];
      const long = await submitted({ text: `The ${first} index and the ${second} rate both rose sharply last year.` });
      const short = await submitted({ text: `${second} ${first}` });
      await submitted({ text: `The ${first} index fell last year.` });

      const response = await listClaims(`q=${encodeURIComponent(`${first} ${second}`)}`);

      expect(response.status).toBe(200);
      expect(response.body.items.map((item) => item.id)).toEqual([short.id, long.id]);
      const scores = response.body.items.map((item) => item.score);
      expect(scores.every((score) => typeof score === 'number' && score > 0)).toBe(true);
      expect(scores[0]).toBeGreaterThanOrEqual(scores[1]!);
    });

    it('searches words regardless of case, accents and punctuation', async () => {
      const word = uniqueWord();
      const claim = await submitted({ text: `Le ${word} a coûté trois milliards d'euros.` });

      const response = await listClaims(`q=${encodeURIComponent(`${word.toUpperCase()}, COUTE!`)}`);

      expect(response.body.items.map((item) => item.id)).toEqual([claim.id]);
    });

    it('pages with limit and nextCursor', async () => {
      const tag = uniqueWord();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await submitted(aClaim({ tags: [tag] }))).id);

      const first = await listClaims(`tag=${tag}&limit=2`);
      const second = await listClaims(`tag=${tag}&limit=2&cursor=${first.body.nextCursor}`);

      expect(first.body.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
      expect(typeof first.body.nextCursor).toBe('string');
      expect(second.body.items.map((item) => item.id)).toEqual([ids[0]]);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('errors', () => {
    it('refuses an unknown field with 400 naming it', async () => {
      const before = await countClaims();

      const response = await problemOf('POST', '/api/v1/claims', { token, body: { ...aClaim(), priority: 'high' } });

      expectProblem(response, 400, 'request.invalid');
      expect(fieldsOf(response)).toEqual(['priority']);
      expect(response.body.errors![0]!.message.length).toBeGreaterThan(0);
      expect(await countClaims()).toBe(before);
    });

    it('refuses an unknown nested field with 400 naming its path', async () => {
      const response = await problemOf('POST', '/api/v1/claims', {
        token,
        body: aClaim({ claimant: { name: 'Ann', nickname: 'A' } as ClaimInput['claimant'] }),
      });

      expectProblem(response, 400, 'request.invalid');
      expect(fieldsOf(response)).toEqual(['claimant.nickname']);
    });

    it('refuses bad values with 400 and one error per field', async () => {
      const response = await problemOf('POST', '/api/v1/claims', {
        token,
        body: { text: '', claimDate: '2019-02-30', language: 'English', tags: ['ok', 5] },
      });

      expectProblem(response, 400, 'request.invalid');
      expect([...fieldsOf(response)].sort()).toEqual(['claimDate', 'language', 'tags', 'text']);
      for (const error of response.body.errors!) expect(error.message.length).toBeGreaterThan(0);
    });

    it('refuses a blank headline, or one over 300 characters, with 400 on the headline field', async () => {
      const before = await countClaims();

      for (const headline of ['   ', 'h'.repeat(301)]) {
        const response = await problemOf('POST', '/api/v1/claims', { token, body: aClaim({ headline }) });

        expectProblem(response, 400, 'request.invalid');
        expect(fieldsOf(response)).toEqual(['headline']);
      }
      expect(await countClaims()).toBe(before);
    });

    it('refuses a text without letters or digits with 400 on the text field', async () => {
      const response = await problemOf('POST', '/api/v1/claims', { token, body: { text: '?!  …' } });

      expectProblem(response, 400, 'claim.invalid');
      expect(fieldsOf(response)).toEqual(['text']);
    });

    it('refuses an appearance with a non-http URL with 400 on appearance.url', async () => {
      const response = await problemOf('POST', '/api/v1/claims', {
        token,
        body: aClaim({ appearance: { url: 'ftp://files.example.org/speech.txt' } }),
      });

      expectProblem(response, 400, 'claim.invalid');
      expect(fieldsOf(response)).toEqual(['appearance.url']);
    });

    it('refuses an appearance naming both url and sourceId with 400', async () => {
      const response = await problemOf('POST', '/api/v1/claims', {
        token,
        body: aClaim({ appearance: { url: 'https://news.example.org/a', sourceId: unknownId } }),
      });

      expectProblem(response, 400, 'claim.invalid');
      expect(fieldsOf(response)).toEqual(['appearance']);
    });

    it('answers 404 for an appearance citing an unknown source, creating nothing', async () => {
      const before = await countClaims();

      const response = await problemOf('POST', '/api/v1/claims', {
        token,
        body: aClaim({ appearance: { sourceId: unknownId } }),
      });

      expectProblem(response, 404, 'source.not_found');
      expect(await countClaims()).toBe(before);
    });

    it('refuses malformed JSON with 400', async () => {
      const response = await problemOf('POST', '/api/v1/claims', {
        token,
        rawBody: '{"text": "unterminated',
        headers: { 'content-type': 'application/json' },
      });

      expectProblem(response, 400, 'request.malformed_json');
    });

    it.each([
      ['an array', '[{"text": "a claim"}]'],
      ['a string', '"a claim"'],
      ['null', 'null'],
      ['a number', '42'],
    ])('refuses %s as body with 400', async (_what, rawBody) => {
      const response = await problemOf('POST', '/api/v1/claims', {
        token,
        rawBody,
        headers: { 'content-type': 'application/json' },
      });

      expectProblem(response, 400, 'request.invalid');
      expect(fieldsOf(response)).toEqual(['(body)']);
    });

    it('refuses an unknown status filter with 400 naming the parameter', async () => {
      const response = await problemOf('GET', '/api/v1/claims?status=approved');

      expectProblem(response, 400, 'request.invalid');
      expect(fieldsOf(response)).toEqual(['status']);
    });

    it('refuses an unknown query parameter with 400', async () => {
      const response = await problemOf('GET', '/api/v1/claims?order=oldest');

      expectProblem(response, 400, 'request.invalid');
      expect(fieldsOf(response)).toEqual(['order']);
    });

    it.each(['101', '0', '-1', '2.5', 'ten'])('refuses limit=%s with 400', async (limit) => {
      const response = await problemOf('GET', `/api/v1/claims?limit=${limit}`);

      expectProblem(response, 400, 'request.invalid');
      expect(fieldsOf(response)).toEqual(['limit']);
    });

    it('accepts limit=100', async () => {
      const response = await listClaims('limit=100');

      expect(response.status).toBe(200);
    });

    it('refuses a cursor that is not one the list gave out with 400', async () => {
      const response = await problemOf('GET', '/api/v1/claims?cursor=not-a-cursor');

      expectProblem(response, 400, 'cursor.invalid');
      expect(fieldsOf(response)).toEqual(['cursor']);
    });

    it('refuses the cursor of the newest-first list in a q search with 400', async () => {
      for (let i = 0; i < 2; i++) await submitted(aClaim());
      const page = await listClaims('limit=1');
      expect(page.body.nextCursor).not.toBeNull();

      const response = await problemOf('GET', `/api/v1/claims?q=claim&cursor=${page.body.nextCursor}`);

      expectProblem(response, 400, 'cursor.invalid');
    });

    it('refuses a bad events cursor with 400', async () => {
      const claim = await submitted(aClaim());

      const response = await problemOf('GET', `/api/v1/claims/${claim.id}/events?cursor=${cursorOf({ e: 'x' })}`);

      expectProblem(response, 400, 'cursor.invalid');
    });

    it('refuses a tampered list cursor naming an impossible time with 400', async () => {
      const claim = await submitted(aClaim());

      const response = await problemOf(
        'GET',
        `/api/v1/claims?cursor=${cursorOf({ t: '2024-13-45 99:99:99+00', i: claim.id })}`,
      );

      expectProblem(response, 400, 'cursor.invalid');
    });

    it('refuses a tampered events cursor beyond the id range with 400', async () => {
      const claim = await submitted(aClaim());

      const response = await problemOf(
        'GET',
        `/api/v1/claims/${claim.id}/events?cursor=${cursorOf({ e: '9999999999999999999' })}`,
      );

      expectProblem(response, 400, 'cursor.invalid');
    });

    it('refuses a claim id that is not a UUID with 400', async () => {
      const response = await problemOf('GET', '/api/v1/claims/42');

      expectProblem(response, 400, 'request.invalid');
      expect(fieldsOf(response)).toEqual(['id']);
    });

    it('answers 401 with WWW-Authenticate when the token is missing', async () => {
      const response = await problemOf('GET', '/api/v1/claims', {});

      expectProblem(response, 401, 'auth.missing_token');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    });

    it('answers 401 with WWW-Authenticate for an unknown token', async () => {
      const response = await problemOf('POST', '/api/v1/claims', { token: `cd_${uniqueWord()}`, body: aClaim() });

      expectProblem(response, 401, 'auth.invalid_token');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    });

    it('answers 401 for credentials that are not a bearer token', async () => {
      const response = await problemOf('GET', '/api/v1/claims', { headers: { authorization: `Basic ${token}` } });

      expectProblem(response, 401, 'auth.missing_token');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    });

    it('answers 404 for an unknown claim id', async () => {
      const response = await problemOf('GET', `/api/v1/claims/${unknownId}`);

      expectProblem(response, 404, 'claim.not_found');
    });

    it('answers 404 for the events of an unknown claim', async () => {
      const response = await problemOf('GET', `/api/v1/claims/${unknownId}/events`);

      expectProblem(response, 404, 'claim.not_found');
    });

    it('answers 404 for an unknown route', async () => {
      const response = await problemOf('GET', '/api/v1/claimz');

      expectProblem(response, 404, 'route.not_found');
    });

    it('refuses a body over 1 MiB with 413, creating nothing', async () => {
      const before = await countClaims();

      const response = await problemOf('POST', '/api/v1/claims', {
        token,
        body: aClaim({ text: 'x'.repeat(1024 * 1024 + 1) }),
      });

      expectProblem(response, 413, 'request.too_large');
      expect(await countClaims()).toBe(before);
    });

    it('refuses a text/plain body with 415', async () => {
      const response = await problemOf('POST', '/api/v1/claims', {
        token,
        rawBody: 'The deficit doubled.',
        headers: { 'content-type': 'text/plain' },
      });

      expectProblem(response, 415, 'request.unsupported_media_type');
    });
  });
});
