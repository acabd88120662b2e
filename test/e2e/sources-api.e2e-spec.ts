import { createHash } from 'node:crypto';
import { aSource, uniqueWord } from '@claimdesk/testing';
import { TestApi } from '../support/api-harness';
import { expectProblem, type Problem } from '../support/problems';

interface SnapshotSummary {
  id: string;
  fetchedAt: string;
  httpStatus: number | null;
  finalUrl: string | null;
  sha256: string;
  title: string | null;
  textLength: number;
}

interface Snapshot extends SnapshotSummary {
  sourceId: string;
  text: string;
}

interface Source {
  id: string;
  url: string;
  extractClaims: boolean;
  title: string | null;
  publisher: string | null;
  publishedAt: string | null;
  fetchStatus: string;
  error: string | null;
  snapshots: SnapshotSummary[];
}

interface SourceInput {
  url: string;
  extractClaims?: boolean;
  title?: string;
  publisher?: string;
  publishedAt?: string;
  text?: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const unknownId = '0b7f3c52-8d1e-4e6a-9c2b-5f4d3e2a1b0c';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('sources API', () => {
  const api = TestApi.use();
  let token: string;

  beforeAll(async () => {
    token = await api.token('submitter');
  });

  const register = (body: unknown) => api.request<Source>('POST', '/api/v1/sources', { token, body });
  const getSource = (id: string) => api.request<Source>('GET', `/api/v1/sources/${id}`, { token });
  const getSnapshot = (id: string, snapshotId: string) =>
    api.request<Snapshot>('GET', `/api/v1/sources/${id}/snapshots/${snapshotId}`, { token });
  const countSources = async (): Promise<number> => {
    const [row] = await api.db.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM sources`);
    return row!.n;
  };
  const fetchJobsOf = async (sourceId: string): Promise<{ name: string }[]> =>
    api.db.manager.query<{ name: string }[]>(`SELECT name FROM outbox_job WHERE data->>'sourceId' = $1`, [sourceId]);

  async function registered(input: SourceInput): Promise<Source> {
    const response = await register(input);
    expect(response.status).toBe(201);
    return response.body;
  }

  describe('POST /api/v1/sources', () => {
    it('creates a new source with 201, pending and without snapshots', async () => {
      const input = aSource({
        title: 'Summit statement',
        publisher: 'Example News',
        publishedAt: '2018-06-12T09:30:00Z',
      });

      const response = await register(input);

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        url: input.url,
        title: 'Summit statement',
        publisher: 'Example News',
        fetchStatus: 'pending',
        error: null,
        snapshots: [],
      });
      expect(response.body.id).toMatch(uuidPattern);
      expect(Date.parse(response.body.publishedAt!)).toBe(Date.parse('2018-06-12T09:30:00Z'));
    });

    it('queues the fetch of a new source given without text', async () => {
      const source = await registered(aSource());

      expect(await fetchJobsOf(source.id)).toEqual([{ name: 'source.fetch' }]);
    });

    it('answers 200 with the existing source when the canonical URL is already known', async () => {
      const word = uniqueWord();
      const first = await registered({ url: `https://news.example.org/${word}/story?id=7` });
      const sourcesBefore = await countSources();

      const again = await register({ url: `HTTPS://NEWS.Example.org:443/${word}/story?id=7#top` });

      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.id);
      expect(await countSources()).toBe(sourcesBefore);
      expect(await fetchJobsOf(first.id)).toHaveLength(1);
    });

    it('creates one source and one fetch when the same new URL is posted concurrently', async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const url = `https://news.example.org/${uniqueWord()}/breaking`;

        const responses = await Promise.all([register({ url }), register({ url }), register({ url })]);

        expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 201]);
        expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
        const [row] = await api.db.manager.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM sources WHERE url = $1`,
          [url],
        );
        expect(row!.n).toBe(1);
        expect(await fetchJobsOf(responses[0].body.id)).toHaveLength(1);
      }
    });

    it('stores given text as a snapshot, marks the source fetched and queues no fetch', async () => {
      const text = 'Café prices rose by 3½ percent, the “highest” rise in a decade.';

      const response = await register(aSource({ text, title: 'Prices' }));

      expect(response.status).toBe(201);
      expect(response.body.fetchStatus).toBe('fetched');
      expect(response.body.snapshots).toHaveLength(1);
      expect(response.body.snapshots[0]).toMatchObject({ sha256: sha256(text), textLength: text.length });
      expect(response.body.snapshots[0]).not.toHaveProperty('text');
      expect(await fetchJobsOf(response.body.id)).toEqual([]);
    });

    it('adds a snapshot to a known source when new text is given, answering 200', async () => {
      const input = aSource({ text: 'The first version of the article.' });
      const first = await registered(input);

      const again = await register({ ...input, text: 'The corrected version of the article.' });

      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.id);
      expect(again.body.snapshots.map((snapshot) => snapshot.sha256).sort()).toEqual(
        [sha256('The first version of the article.'), sha256('The corrected version of the article.')].sort(),
      );
    });

    it.each([
      ['an ftp URL', 'ftp://files.example.org/report.txt'],
      ['a javascript: URL', 'javascript:alert(1)'],
      ['a file URL', 'file:///etc/passwd'],
      ['a mailto URL', 'mailto:desk@example.org'],
      ['a URL with user and password', 'https://editor:secret@news.example.org/a'],
      ['a URL with a user name', 'https://editor@news.example.org/a'],
      ['text that is no URL', 'news.example.org/a'],
    ])('refuses %s with 400 on the url field, creating nothing', async (_what, url) => {
      const before = await countSources();

      const response = await api.request<Problem>('POST', '/api/v1/sources', { token, body: { url } });

      expectProblem(response, 400, 'source.invalid_url');
      expect(response.body.errors?.map((error) => error.field)).toEqual(['url']);
      expect(response.body.errors![0]!.message.length).toBeGreaterThan(0);
      expect(await countSources()).toBe(before);
    });

    it('refuses an unknown field with 400 naming it', async () => {
      const response = await api.request<Problem>('POST', '/api/v1/sources', {
        token,
        body: { ...aSource(), author: 'Someone' },
      });

      expectProblem(response, 400, 'request.invalid');
      expect(response.body.errors?.map((error) => error.field)).toEqual(['author']);
    });

    it('refuses a publishedAt that is not a date with 400 naming it', async () => {
      const response = await api.request<Problem>('POST', '/api/v1/sources', {
        token,
        body: aSource({ publishedAt: 'last Tuesday' }),
      });

      expectProblem(response, 400, 'request.invalid');
      expect(response.body.errors?.map((error) => error.field)).toEqual(['publishedAt']);
    });

    it('stores extractClaims: true and queues the extraction of the given text', async () => {
      const response = await register({
        ...aSource({ text: 'The mayor said rents rose by 14 percent.' }),
        extractClaims: true,
      });

      expect(response.status).toBe(201);
      expect(response.body.extractClaims).toBe(true);
      expect((await fetchJobsOf(response.body.id)).map((job) => job.name)).toEqual(['source.extract']);
    });

    it('accepts extractClaims: false, leaving extraction off', async () => {
      const response = await register({ ...aSource(), extractClaims: false });

      expect(response.status).toBe(201);
      expect(response.body.extractClaims).toBe(false);
      expect((await fetchJobsOf(response.body.id)).map((job) => job.name)).toEqual(['source.fetch']);
    });

    it('answers 401 with WWW-Authenticate without a token', async () => {
      const response = await api.request<Problem>('POST', '/api/v1/sources', { body: aSource() });

      expectProblem(response, 401, 'auth.missing_token');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    });
  });

  describe('GET /api/v1/sources/{id}', () => {
    it('returns the source with its snapshots, without their text', async () => {
      const text = 'Officials said the programme would be dismantled completely.';
      const created = await registered(aSource({ text, publisher: 'Wire' }));

      const response = await getSource(created.id);

      expect(response.status).toBe(200);
      expect(response.body).toEqual(created);
      expect(response.body.snapshots).toHaveLength(1);
      const [snapshot] = response.body.snapshots;
      expect(snapshot).toMatchObject({ sha256: sha256(text), textLength: text.length });
      expect(snapshot!.id).toMatch(uuidPattern);
      expect(Object.keys(snapshot!)).toEqual(
        expect.arrayContaining(['id', 'fetchedAt', 'httpStatus', 'finalUrl', 'sha256', 'title', 'textLength']),
      );
      expect(snapshot).not.toHaveProperty('text');
      expect(response.text).not.toContain('dismantled');
    });

    it('answers 404 for an unknown source', async () => {
      const response = await api.request<Problem>('GET', `/api/v1/sources/${unknownId}`, { token });

      expectProblem(response, 404, 'source.not_found');
    });

    it('answers 400 for a source id that is not a UUID', async () => {
      const response = await api.request<Problem>('GET', '/api/v1/sources/latest', { token });

      expectProblem(response, 400, 'request.invalid');
      expect(response.body.errors?.map((error) => error.field)).toEqual(['id']);
    });
  });

  describe('GET /api/v1/sources/{id}/snapshots/{sid}', () => {
    it('returns the snapshot with its text and the sha256 of that text', async () => {
      const text = 'Ünïcode “quotes” — and an emoji 🗳️ in the text.';
      const source = await registered(aSource({ text }));
      const snapshotId = source.snapshots[0]!.id;

      const response = await getSnapshot(source.id, snapshotId);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: snapshotId, sourceId: source.id, text, textLength: text.length });
      expect(response.body.sha256).toBe(sha256(response.body.text));
    });

    it('answers 404 for an unknown snapshot id', async () => {
      const source = await registered(aSource({ text: 'Some text.' }));

      const response = await api.request<Problem>('GET', `/api/v1/sources/${source.id}/snapshots/${unknownId}`, {
        token,
      });

      expectProblem(response, 404, 'snapshot.not_found');
    });

    it("answers 404 for another source's snapshot", async () => {
      const owner = await registered(aSource({ text: 'The owner text.' }));
      const other = await registered(aSource({ text: 'The other text.' }));

      const response = await api.request<Problem>(
        'GET',
        `/api/v1/sources/${other.id}/snapshots/${owner.snapshots[0]!.id}`,
        { token },
      );

      expectProblem(response, 404, 'snapshot.not_found');
    });

    it('answers 404 for a snapshot of an unknown source', async () => {
      const owner = await registered(aSource({ text: 'Owned text.' }));

      const response = await api.request<Problem>(
        'GET',
        `/api/v1/sources/${unknownId}/snapshots/${owner.snapshots[0]!.id}`,
        { token },
      );

      expectProblem(response, 404, 'snapshot.not_found');
    });
  });
});
