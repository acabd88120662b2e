import { randomBytes } from 'node:crypto';
import { eventually, type FixtureSite, queueBackends, runCli, startFixtureSite } from '@claimdesk/testing';
import { type ApiResponse, TestApi } from '../support/api-harness';
import { ferryArticle, ferryArticleHtml, ferryArticleText } from '../support/ferry-article';
import { expectProblem, type Problem } from '../support/problems';

interface Speaker {
  name: string | null;
  role: string | null;
  anonymous: boolean;
}

interface Candidate {
  id: string;
  text: string;
  kind: 'quote' | 'reported' | 'statement';
  quote: boolean;
  speaker: Speaker | null;
  start: number;
  end: number;
  sentence: { start: number; end: number; text: string };
  snapshotId: string;
  score: number;
  features: Record<string, number>;
  matches: {
    claim: { id: string; text: string; status: string; rating: string | null; ratingName: string | null };
    score: number;
    reason: string;
  }[];
  promotedClaimId: string | null;
}

interface CandidatePage {
  items: Candidate[];
  nextCursor: string | null;
  extraction: { status: string; snapshotId: string | null; at: string | null };
}

interface Claim {
  id: string;
  text: string;
  status: string;
  claimant: { id: string; name: string; role: string | null } | null;
  appearances: {
    sourceId: string;
    quote: string | null;
    quoteCheck: { status: string; snapshotId: string | null; start: number | null; end: number | null } | null;
  }[];
}

interface Source {
  id: string;
  extractClaims: boolean;
  fetchStatus: string;
  snapshots: { id: string }[];
}

const unknownId = '0b7f3c52-8d1e-4e6a-9c2b-5f4d3e2a1b0c';

const articleUrl = () => `https://news.example.org/${randomBytes(5).toString('hex')}/ferry-fares`;

describe.each(queueBackends())('claim extraction through the queue on the $kind backend', (backend) => {
  let site: FixtureSite;
  let api: TestApi;
  let submitter: string;
  let reviewer: string;

  beforeAll(async () => {
    site = await startFixtureSite();
    site.setPage('/news/ferry-fares', { type: 'text/html; charset=utf-8', body: ferryArticleHtml() });
    api = await TestApi.start(backend, { worker: true, env: { FETCH_ALLOWED_HOSTS: site.host } });
    submitter = await api.token('submitter');
    reviewer = await api.token('reviewer');
  });

  afterAll(async () => {
    await api?.close();
    await site?.close();
  });

  const register = (body: Record<string, unknown>, token = submitter) =>
    api.request<Source>('POST', '/api/v1/sources', { token, body });
  const candidatesOf = (sourceId: string, query = '', token = reviewer) =>
    api.request<CandidatePage>('GET', `/api/v1/sources/${sourceId}/candidates${query}`, { token });
  const promote = (sourceId: string, candidateId: string, token = reviewer) =>
    api.request<Claim>('POST', `/api/v1/sources/${sourceId}/candidates/${candidateId}/promote`, { token });

  /** The candidates once extraction of the latest snapshot is done. */
  const extracted = (sourceId: string): Promise<CandidatePage> =>
    eventually(
      async () => {
        const { status, body } = await candidatesOf(sourceId);
        expect(status).toBe(200);
        expect(body.extraction.status).not.toBe('failed');
        return body.extraction.status === 'done' ? body : undefined;
      },
      30_000,
      `the extraction of source ${sourceId}`,
    );

  async function articleWithCandidates(): Promise<{ source: Source; page: CandidatePage }> {
    const response = await register({ url: articleUrl(), text: ferryArticleText, extractClaims: true });
    expect(response.status).toBe(201);
    return { source: response.body, page: await extracted(response.body.id) };
  }

  const byHallsten = (page: CandidatePage): Candidate =>
    page.items.find((candidate) => candidate.kind === 'quote' && candidate.speaker?.name === 'Ingrid Hallsten')!;

  describe('extracting', () => {
    it('proposes candidates with speakers from text posted with extractClaims, best first', async () => {
      const response = await register({ url: articleUrl(), text: ferryArticleText, extractClaims: true });
      expect(response.status).toBe(201);
      expect(response.body.extractClaims).toBe(true);

      const page = await extracted(response.body.id);

      expect(page.extraction).toMatchObject({ status: 'done', snapshotId: response.body.snapshots[0]!.id });
      expect(Number.isNaN(Date.parse(page.extraction.at!))).toBe(false);
      expect(page.items.length).toBeGreaterThanOrEqual(3);
      const scores = page.items.map((candidate) => candidate.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const candidate of page.items) {
        expect(ferryArticleText.slice(candidate.start, candidate.end)).toBe(candidate.text);
        expect(ferryArticleText.slice(candidate.sentence.start, candidate.sentence.end)).toBe(candidate.sentence.text);
        expect(candidate.quote).toBe(candidate.kind === 'quote');
        expect(candidate.score).toBeGreaterThanOrEqual(0);
        expect(candidate.score).toBeLessThanOrEqual(1);
        expect(Object.keys(candidate.features).sort()).toEqual(['attribution', 'comparison', 'date', 'numbers']);
        expect(candidate.promotedClaimId).toBeNull();
      }
      const hallsten = byHallsten(page);
      expect(hallsten.text).toContain('3.4 million euros');
      expect(hallsten.speaker).toMatchObject({ name: 'Ingrid Hallsten', anonymous: false });
      expect(hallsten.speaker!.role).toMatch(/finance director/);
      expect(page.items.some((candidate) => candidate.speaker?.name === 'Tomas Berg')).toBe(true);
    });

    it('extracts an article fetched from the web once the fetch stores its snapshot', async () => {
      const response = await register({ url: site.url('/news/ferry-fares'), extractClaims: true });
      expect(response.status).toBe(201);
      expect(response.body.fetchStatus).toBe('pending');
      expect((await candidatesOf(response.body.id)).body.extraction).toEqual({
        status: 'pending',
        snapshotId: null,
        at: null,
      });

      const page = await extracted(response.body.id);

      const source = await api.request<Source>('GET', `/api/v1/sources/${response.body.id}`, { token: submitter });
      expect(source.body.fetchStatus).toBe('fetched');
      expect(page.extraction.snapshotId).toBe(source.body.snapshots[0]!.id);
      expect(byHallsten(page)).toBeDefined();
    });

    it('extracts a known source on request with 202, and says not_requested before', async () => {
      const response = await register({ url: articleUrl(), text: ferryArticleText });
      const sourceId = response.body.id;
      expect(response.body.extractClaims).toBe(false);
      expect((await candidatesOf(sourceId)).body).toEqual({
        items: [],
        nextCursor: null,
        extraction: { status: 'not_requested', snapshotId: null, at: null },
      });

      const requested = await api.request<CandidatePage['extraction']>(
        'POST',
        `/api/v1/sources/${sourceId}/extractions`,
        { token: reviewer },
      );

      expect(requested.status).toBe(202);
      expect(['pending', 'done']).toContain(requested.body.status);
      expect(requested.body.snapshotId).toBe(response.body.snapshots[0]!.id);
      expect((await extracted(sourceId)).items.length).toBeGreaterThan(0);
      const source = await api.request<Source>('GET', `/api/v1/sources/${sourceId}`, { token: submitter });
      expect(source.body.extractClaims).toBe(true);
      const again = await api.request<CandidatePage['extraction']>('POST', `/api/v1/sources/${sourceId}/extractions`, {
        token: reviewer,
      });
      expect(again.status).toBe(202);
      expect(again.body.status).toBe('done');
    });

    it('sets extractClaims on a re-post of a known source and extracts its snapshot', async () => {
      const url = articleUrl();
      const first = await register({ url, text: ferryArticleText });
      expect(first.body.extractClaims).toBe(false);

      const again = await register({ url, extractClaims: true });

      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: first.body.id, extractClaims: true });
      expect((await extracted(first.body.id)).items.length).toBeGreaterThan(0);
    });

    it('pages the candidates with limit and cursor, never skipping or repeating one', async () => {
      const { source, page: all } = await articleWithCandidates();

      const seen: string[] = [];
      let query = '?limit=2';
      for (;;) {
        const { status, body } = await candidatesOf(source.id, query);
        expect(status).toBe(200);
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((candidate) => candidate.id));
        if (body.nextCursor === null) break;
        query = `?limit=2&cursor=${encodeURIComponent(body.nextCursor)}`;
      }

      expect(seen).toEqual(all.items.map((candidate) => candidate.id));
    });

    it('lists the existing claims a candidate matches, with their status', async () => {
      const { source, page } = await articleWithCandidates();
      const hallsten = byHallsten(page);
      const earlier = await api.request<Claim>('POST', '/api/v1/claims', {
        token: submitter,
        body: { text: hallsten.text },
      });
      expect(earlier.status).toBe(201);

      const { body } = await candidatesOf(source.id, '?limit=100');

      expect(body.items.find((candidate) => candidate.id === hallsten.id)!.matches[0]).toEqual({
        claim: { id: earlier.body.id, text: hallsten.text, status: 'submitted', rating: null, ratingName: null },
        score: 1,
        reason: 'exact',
      });
    });
  });

  describe('promoting', () => {
    it('makes a claim of a quote, with its speaker as claimant and a quote check that finds it', async () => {
      const { source, page } = await articleWithCandidates();
      const hallsten = byHallsten(page);

      const response = await promote(source.id, hallsten.id);

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        // The quote without the comma it breaks off at ("…budget," said Ingrid Hallsten).
        text: hallsten.text.replace(/,$/, ''),
        status: 'submitted',
        claimant: { name: 'Ingrid Hallsten', role: hallsten.speaker!.role },
        appearances: [{ sourceId: source.id, quote: hallsten.text }],
      });
      const checked = await eventually(
        async () => {
          const { body } = await api.request<Claim>('GET', `/api/v1/claims/${response.body.id}`, { token: reviewer });
          return body.appearances[0]?.quoteCheck?.status === 'pending' ? undefined : body;
        },
        20_000,
        'the quote check of the promoted claim',
      );
      const check = checked.appearances[0]!.quoteCheck!;
      expect(check).toMatchObject({ status: 'found', snapshotId: hallsten.snapshotId, start: hallsten.start });
      // The match leaves out the comma the quote breaks off at.
      expect(ferryArticleText.slice(check.start!, check.end!)).toBe(hallsten.text.replace(/,$/, ''));
      const listed = await candidatesOf(source.id, '?limit=100');
      expect(listed.body.items.find((candidate) => candidate.id === hallsten.id)!.promotedClaimId).toBe(
        response.body.id,
      );
    });

    it('answers 200 with the same claim when the candidate is promoted again, and creates one claim under concurrency', async () => {
      const { source, page } = await articleWithCandidates();
      const [first, second] = page.items;

      const once = await promote(source.id, first!.id);
      const again = await promote(source.id, first!.id);
      expect(once.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(once.body.id);

      const concurrent = await Promise.all(Array.from({ length: 4 }, () => promote(source.id, second!.id)));
      expect(concurrent.map((response) => response.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(concurrent.map((response) => response.body.id)).size).toBe(1);
      const [row] = await api.db.manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM claims WHERE text = $1`,
        [concurrent[0]!.body.text],
      );
      expect(row!.n).toBe(1);
    });

    it('gives no claimant to a statement without a named speaker', async () => {
      const { source, page } = await articleWithCandidates();
      const unnamed = page.items.find((candidate) => candidate.speaker === null || candidate.speaker.anonymous)!;
      expect(unnamed).toBeDefined();

      const response = await promote(source.id, unnamed.id);

      expect(response.status).toBe(201);
      expect(response.body.claimant).toBeNull();
    });
  });

  describe('refusals', () => {
    it('refuses submitters the candidates, the extraction and promotion with 403', async () => {
      const { source, page } = await articleWithCandidates();
      const responses: ApiResponse<Problem>[] = [
        await api.request<Problem>('GET', `/api/v1/sources/${source.id}/candidates`, { token: submitter }),
        await api.request<Problem>('POST', `/api/v1/sources/${source.id}/extractions`, { token: submitter }),
        await api.request<Problem>('POST', `/api/v1/sources/${source.id}/candidates/${page.items[0]!.id}/promote`, {
          token: submitter,
        }),
      ];

      for (const response of responses) expectProblem(response, 403, 'auth.role_too_low');
      expect(
        (await candidatesOf(source.id, '?limit=100')).body.items.every(
          (candidate) => candidate.promotedClaimId === null,
        ),
      ).toBe(true);
      expect((await candidatesOf(source.id, '', await api.token('editor'))).status).toBe(200);
    });

    it('answers 404 for an unknown source or candidate, and for a candidate of another source', async () => {
      const { source, page } = await articleWithCandidates();
      const other = await articleWithCandidates();

      expectProblem(
        await api.request<Problem>('GET', `/api/v1/sources/${unknownId}/candidates`, { token: reviewer }),
        404,
        'source.not_found',
      );
      expectProblem(
        await api.request<Problem>('POST', `/api/v1/sources/${unknownId}/extractions`, { token: reviewer }),
        404,
        'source.not_found',
      );
      expectProblem(
        await api.request<Problem>('POST', `/api/v1/sources/${unknownId}/candidates/${page.items[0]!.id}/promote`, {
          token: reviewer,
        }),
        404,
        'source.not_found',
      );
      expectProblem(
        await api.request<Problem>('POST', `/api/v1/sources/${source.id}/candidates/${unknownId}/promote`, {
          token: reviewer,
        }),
        404,
        'candidate.not_found',
      );
      expectProblem(
        await api.request<Problem>(
          'POST',
          `/api/v1/sources/${source.id}/candidates/${other.page.items[0]!.id}/promote`,
          { token: reviewer },
        ),
        404,
        'candidate.not_found',
      );
    });

    it.each([
      ['a source id that is no UUID', '/api/v1/sources/not-a-uuid/candidates', 'request.invalid', ['id']],
      ['a limit of 0', '/api/v1/sources/{id}/candidates?limit=0', 'request.invalid', ['limit']],
      ['a limit over 100', '/api/v1/sources/{id}/candidates?limit=101', 'request.invalid', ['limit']],
      ['a limit that is no number', '/api/v1/sources/{id}/candidates?limit=ten', 'request.invalid', ['limit']],
      ['a cursor it did not give out', '/api/v1/sources/{id}/candidates?cursor=bm9wZQ', 'cursor.invalid', ['cursor']],
      ['an unknown query parameter', '/api/v1/sources/{id}/candidates?sort=worst', 'request.invalid', ['sort']],
    ])('refuses %s with 400 naming the field', async (_what, path, code, fields) => {
      const { source } = await articleWithCandidates();

      const response = await api.request<Problem>('GET', path.replace('{id}', source.id), { token: reviewer });

      expectProblem(response, 400, code);
      expect(response.body.errors?.map((error) => error.field)).toEqual(fields);
    });

    it('refuses a candidate id that is no UUID with 400', async () => {
      const { source } = await articleWithCandidates();

      const response = await api.request<Problem>('POST', `/api/v1/sources/${source.id}/candidates/42/promote`, {
        token: reviewer,
      });

      expectProblem(response, 400, 'request.invalid');
      expect(response.body.errors?.map((error) => error.field)).toEqual(['candidateId']);
    });
  });

  it('documents the candidate routes in the OpenAPI description', async () => {
    const { status, body } = await api.request<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>('GET', '/docs/openapi.json');

    expect(status).toBe(200);
    expect(Object.keys(body.paths['/api/v1/sources/{id}/candidates']!)).toEqual(['get']);
    expect(Object.keys(body.paths['/api/v1/sources/{id}/candidates']!.get!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404']),
    );
    expect(Object.keys(body.paths['/api/v1/sources/{id}/extractions']!.post!.responses)).toContain('202');
    expect(Object.keys(body.paths['/api/v1/sources/{id}/candidates/{candidateId}/promote']!.post!.responses)).toEqual(
      expect.arrayContaining(['200', '201', '404']),
    );
    expect(Object.keys(body.components.schemas.CandidateResponse!.properties)).toEqual(
      expect.arrayContaining([
        'id',
        'text',
        'kind',
        'quote',
        'speaker',
        'sentence',
        'score',
        'matches',
        'promotedClaimId',
      ]),
    );
    expect(Object.keys(body.components.schemas.CandidatePageResponse!.properties)).toEqual([
      'items',
      'nextCursor',
      'extraction',
    ]);
  });

  it('imports an article file from the CLI, waits for its extraction and prints the best candidates', async () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/claimdesk-ferry-${randomBytes(4).toString('hex')}.txt`;
    const { writeFile, rm } = await import('node:fs/promises');
    await writeFile(file, ferryArticleText);
    try {
      const result = await runCli({ DATABASE_URL: api.database.url, LOG_LEVEL: 'warn' }, [
        'import:article',
        '--file',
        file,
        '--title',
        ferryArticle.title,
        '--extract',
        '--timeout',
        '60',
      ]);

      expect(result).toMatchObject({ code: 0 });
      const [id, ...rest] = result.stdout.trimEnd().split('\n');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(rest.join('\n')).toContain('Ingrid Hallsten');
      const source = await api.request<Source & { url: string; title: string }>('GET', `/api/v1/sources/${id}`, {
        token: submitter,
      });
      expect(source.body).toMatchObject({ title: ferryArticle.title, extractClaims: true });
      expect(source.body.url).toMatch(/^https:\/\/import\.invalid\/[0-9a-f]{64}$/);
    } finally {
      await rm(file, { force: true });
    }
  });
});

describe('import:article on bad input', () => {
  it('needs --url or --file, and refuses a file it cannot read, exit 2', async () => {
    const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };

    expect(await runCli(env, ['import:article'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'error: import:article needs --url or --file\n',
    });
    const missing = await runCli(env, ['import:article', '--file', '/nonexistent/article.txt']);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe('error: cannot read /nonexistent/article.txt: ENOENT\n');
    const badTimeout = await runCli(env, ['import:article', '--url', 'https://example.org/a', '--timeout', 'soon']);
    expect(badTimeout).toMatchObject({ code: 2, stderr: 'error: --timeout must be a positive number of seconds\n' });
  });
});
