import {
  eventually,
  fixtureArticle,
  fixturePdfText,
  type FixtureSite,
  queueBackends,
  startFixtureSite,
} from '@claimdesk/testing';
import { TestApi } from '../support/api-harness';

interface QuoteCheck {
  status: string;
  score: number | null;
  snapshotId: string | null;
  start: number | null;
  end: number | null;
  excerpt: string | null;
  diff: { op: string; text: string }[];
}

interface Claim {
  id: string;
  appearances: { id: string; sourceId: string; quote: string | null; quoteCheck: QuoteCheck | null }[];
}

interface Source {
  id: string;
  title: string | null;
  publisher: string | null;
  publishedAt: string | null;
  fetchStatus: string;
  error: string | null;
  snapshots: { id: string; httpStatus: number | null; finalUrl: string | null; sha256: string; textLength: number }[];
}

describe.each(queueBackends())('source checking through the queue on the $kind backend', (backend) => {
  let site: FixtureSite;
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    site = await startFixtureSite();
    // The address policy itself is under test here, so the allowlist is not the only gate: every URL
    // these tests submit is the fixture site's or an internal address the policy must refuse.
    api = await TestApi.start(backend, {
      worker: true,
      env: { FETCH_ALLOWED_HOSTS: site.host, FETCH_ALLOWED_HOSTS_ONLY: 'false' },
    });
    token = await api.token('submitter');
  });

  afterAll(async () => {
    await api?.close();
    await site?.close();
  });

  const submit = async (url: string, quote: string): Promise<Claim> => {
    const response = await api.request<Claim>('POST', '/api/v1/claims', {
      token,
      body: { text: `A claim citing ${url}`, appearance: { url, quote } },
    });
    expect(response.status).toBe(201);
    return response.body;
  };

  const settledCheck = (claimId: string): Promise<Claim> =>
    eventually(
      async () => {
        const { body } = await api.request<Claim>('GET', `/api/v1/claims/${claimId}`, { token });
        return body.appearances[0]?.quoteCheck?.status === 'pending' ? undefined : body;
      },
      20_000,
      `the quote check of claim ${claimId}`,
    );

  it('archives the cited article and finds the quote in it, with offsets into the snapshot text', async () => {
    const article = fixtureArticle(101);
    const claim = await submit(site.url(article.path), article.quote);

    const checked = await settledCheck(claim.id);
    const check = checked.appearances[0]!.quoteCheck!;
    expect(check).toMatchObject({ status: 'found', score: 1 });

    const { body: source } = await api.request<Source>('GET', `/api/v1/sources/${checked.appearances[0]!.sourceId}`, {
      token,
    });
    expect(source).toMatchObject({
      fetchStatus: 'fetched',
      error: null,
      title: article.title,
      publisher: article.publisher,
    });
    expect(new Date(source.publishedAt!).toISOString()).toBe(new Date(article.publishedAt).toISOString());
    expect(source.snapshots).toHaveLength(1);
    expect(source.snapshots[0]).toMatchObject({
      id: check.snapshotId,
      httpStatus: 200,
      finalUrl: site.url(article.path),
    });

    const { body: snapshot } = await api.request<{ text: string }>(
      'GET',
      `/api/v1/sources/${source.id}/snapshots/${check.snapshotId}`,
      { token },
    );
    expect(snapshot.text.slice(check.start!, check.end!)).toBe(check.excerpt);
    // The excerpt runs from the quote's first word to its last: the closing full stop is not part of it.
    expect(check.excerpt).toBe(article.quote.replace(/\.$/, ''));
  });

  it('reports a changed word as approximate, with the word-level difference', async () => {
    const article = fixtureArticle(102);
    const words = article.quote.split(' ');
    const middle = Math.floor(words.length / 2);
    words[middle] = 'flabbergasted';
    const claim = await submit(site.url(article.path), words.join(' '));

    const check = (await settledCheck(claim.id)).appearances[0]!.quoteCheck!;
    expect(check.status).toBe('approximate');
    expect(check.score).toBeGreaterThanOrEqual(0.8);
    expect(check.diff).toEqual(expect.arrayContaining([{ op: 'removed', text: 'flabbergasted' }]));
  });

  it('reads a PDF', async () => {
    const quote = fixturePdfText.split('. ')[0]!;
    const claim = await submit(site.url('/doc.pdf'), quote);
    const check = (await settledCheck(claim.id)).appearances[0]!.quoteCheck!;
    expect(check.status).toBe('found');
  });

  it('marks the quote source_unavailable and the source failed when the fetch fails for good', async () => {
    const claim = await submit(site.url('/missing'), 'Anything at all');
    const checked = await settledCheck(claim.id);
    expect(checked.appearances[0]!.quoteCheck).toMatchObject({ status: 'source_unavailable', snapshotId: null });
    const { body: source } = await api.request<Source>('GET', `/api/v1/sources/${checked.appearances[0]!.sourceId}`, {
      token,
    });
    expect(source).toMatchObject({ fetchStatus: 'failed', error: 'http_404', snapshots: [] });
  });

  it('checks a quote cited from a source fetched earlier against its snapshot', async () => {
    const article = fixtureArticle(103);
    const first = await settledCheck((await submit(site.url(article.path), article.quote)).id);
    const requests = site.requests(article.path);

    const second = await settledCheck((await submit(site.url(article.path), article.text[0]!)).id);
    expect(second.appearances[0]!.sourceId).toBe(first.appearances[0]!.sourceId);
    expect(second.appearances[0]!.quoteCheck).toMatchObject({ status: 'found' });
    expect(site.requests(article.path)).toBe(requests);
  });

  it.each([
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private address', () => 'http://10.0.0.1/'],
    ['the loopback site in IPv4-mapped IPv6 form', () => `http://[::ffff:127.0.0.1]:${site.port}/articles/1`],
    ['a redirect to an internal address', () => site.url('/redirect-to?url=http://192.168.0.1/admin')],
  ])('refuses %s before connecting: the source fails with blocked_address', async (_what, url) => {
    const connections = site.connections();
    const claim = await submit(url(), 'Anything at all');
    const checked = await settledCheck(claim.id);
    expect(checked.appearances[0]!.quoteCheck).toMatchObject({ status: 'source_unavailable' });
    const { body: source } = await api.request<Source>('GET', `/api/v1/sources/${checked.appearances[0]!.sourceId}`, {
      token,
    });
    expect(source).toMatchObject({ fetchStatus: 'failed', error: 'blocked_address', snapshots: [] });
    // Only the redirecting hop reaches the fixture site; an address the policy refuses is never connected to.
    expect(site.connections() - connections).toBeLessThanOrEqual(url().startsWith(site.origin) ? 1 : 0);
  });
});
