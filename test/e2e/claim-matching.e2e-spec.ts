import { eventually, queueBackends } from '@claimdesk/testing';
import { TestApi } from '../support/api-harness';
import { expectProblem, type Problem } from '../support/problems';

interface Match {
  claim: { id: string; text: string; status: string; rating: string | null; ratingName: string | null };
  score: number;
  reason: string;
  conflicts: { kind: string; query: string | null; claim: string | null }[];
}

interface Similar {
  id: string;
  match: string;
  reason: string;
  score: number;
  rating: string | null;
  conflicts: unknown[];
}

interface Claim {
  id: string;
  text: string;
  status: string;
  version: number;
  similar: Similar[];
  appearances: { id: string; url: string; quote: string | null }[];
}

// Matching reads PostgreSQL and an in-memory index; the queue only carries the
// publishing workflow here, so one backend is enough.
const backend = queueBackends()[0]!;

describe('claim matching over HTTP', () => {
  let api: TestApi;
  let submitter: string;
  let editor: string;

  beforeAll(async () => {
    api = await TestApi.start(backend, { worker: true });
    submitter = await api.token('submitter');
    editor = await api.token('editor');
  });

  afterAll(async () => {
    await api?.close();
  });

  const submit = async (text: string): Promise<Claim> => {
    const { status, body } = await api.request<Claim>('POST', '/api/v1/claims', { token: submitter, body: { text } });
    expect(status).toBe(201);
    return body;
  };

  const matches = async (text: string, limit?: number): Promise<Match[]> => {
    const { status, body } = await api.request<{ items: Match[] }>('POST', '/api/v1/claims/matches', {
      token: submitter,
      body: limit === undefined ? { text } : { text, limit },
    });
    expect(status).toBe(200);
    return body.items;
  };

  const publish = async (id: string, rating: string): Promise<void> => {
    const move = (body: Record<string, unknown>) =>
      api.request('POST', `/api/v1/claims/${id}/transitions`, { token: editor, body });
    expect((await move({ to: 'in_review' })).status).toBe(200);
    for (const reviewer of [await api.newToken('reviewer'), await api.newToken('reviewer')]) {
      const verdict = await api.request('POST', `/api/v1/claims/${id}/verdicts`, {
        token: reviewer,
        body: { rating, rationale: 'The budget documents say otherwise.' },
      });
      expect(verdict.status).toBe(201);
    }
    await eventually(
      async () => {
        const { body } = await api.request<Claim>('GET', `/api/v1/claims/${id}`, { token: editor });
        return body.status === 'awaiting_approval' ? body : undefined;
      },
      20_000,
      'consensus',
    );
    expect((await move({ to: 'published', summary: 'Only some families pay less.' })).status).toBe(200);
  };

  it('finds a published claim restated in other words at the top, with its rating', async () => {
    const checked = await submit('The new budget cuts taxes for all working families.');
    await submit('The stadium was paid for by closing three schools.');
    await submit('Train fares will rise by 5% in January.');
    await publish(checked.id, 'false');

    const [first] = await matches('The budget will cut taxes for every working family.');
    expect(first).toMatchObject({
      claim: { id: checked.id, status: 'published', rating: 'false', ratingName: 'False' },
      conflicts: [],
    });
    expect(first!.score).toBeGreaterThan(0.5);

    // A tweet-like restatement, with a handle, a hashtag and a link.
    const [fromTweet] = await matches(
      'So @CityHall says working families get a tax cut in the new #budget?? https://t.co/x1 pic.twitter.com/y2',
    );
    expect(fromTweet?.claim.id).toBe(checked.id);

    // The restatement, once submitted, lists it as related with its verdict.
    const restated = await submit('The budget will cut taxes for every working family.');
    expect(restated.similar[0]).toMatchObject({ id: checked.id, rating: 'false' });
    expect(['near_duplicate', 'related']).toContain(restated.similar[0]!.reason);
    const reread = await api.request<Claim>('GET', `/api/v1/claims/${restated.id}`, { token: submitter });
    expect(reread.body.similar.map((similar) => similar.id)).toContain(checked.id);
  });

  it('finds a claim by the words of its headline as well as its text', async () => {
    const { status, body: headed } = await api.request<Claim>('POST', '/api/v1/claims', {
      token: submitter,
      body: { text: 'Pupils at Ellery Road stay in class until 5 pm.', headline: 'Is the school day getting longer?' },
    });
    expect(status).toBe(201);
    await submit('The school canteen will close on Fridays.');

    const [first] = await matches('They are making the school day longer now');
    expect(first?.claim.id).toBe(headed.id);
    const [byText] = await matches('Ellery Road pupils kept in class till 5pm');
    expect(byText?.claim.id).toBe(headed.id);
  });

  it('puts exact copies first with score 1, then near duplicates, then related claims', async () => {
    const original = await submit('Harwick hired 600 new nurses in 2024.');
    const copy = await submit('HARWICK hired 600 new nurses in 2024!');
    const items = await matches('Harwick hired 600 new nurses in 2024.');
    expect(items.slice(0, 2).map((item) => [item.claim.id, item.reason, item.score])).toEqual(
      expect.arrayContaining([
        [original.id, 'exact', 1],
        [copy.id, 'exact', 1],
      ]),
    );
    expect(copy.similar[0]).toMatchObject({ id: original.id, match: 'exact', score: 1 });
  });

  it('lowers the score of a match whose numbers or negation differ, and says why', async () => {
    const nurses = await submit('Portmere hired 600 new nurses in 2023.');
    const [six] = await matches('Portmere hired 6 new nurses in 2023.');
    expect(six).toMatchObject({
      claim: { id: nurses.id },
      reason: 'related',
      conflicts: [{ kind: 'number', query: '6', claim: '600' }],
    });
    const [same] = await matches('Portmere hired 600 new nurses in 2023.');
    expect(six!.score).toBeLessThan(same!.score);

    const mayor = await submit('The mayor of Eastbury raised parking fees.');
    const [negated] = await matches('The mayor of Eastbury did not raise parking fees.');
    expect(negated).toMatchObject({
      claim: { id: mayor.id },
      reason: 'related',
      conflicts: [{ kind: 'negation', query: 'did not', claim: null }],
    });
  });

  it('matches a claim submitted by any process at the very next lookup', async () => {
    // Written straight to the table, as another API process would: the index catches up before answering.
    const [row] = await api.db.manager.query<{ id: string }[]>(
      `INSERT INTO claims (text, normalized_text, text_hash, fingerprint)
       VALUES ('Lighthouse keepers in Saltmarsh earn double the regional wage.', 'x', md5(random()::text), '{}')
       RETURNING id`,
    );
    const [first] = await matches('saltmarsh lighthouse keepers wage');
    expect(first?.claim.id).toBe(row!.id);
  });

  it('honours limit and answers an empty list for text matching nothing', async () => {
    expect(await matches('Zebras quantum kaleidoscope marmalade.')).toEqual([]);
    for (let i = 0; i < 4; i++) await submit(`Ferry tickets from Kelby rose ${10 + i}% this spring.`);
    expect(await matches('Kelby ferry tickets rose this spring', 2)).toHaveLength(2);
  });

  it('folds a duplicate into an existing claim as another appearance', async () => {
    const claim = await submit('The harbour bridge will close for two years.');
    const added = await api.request<{ id: string; url: string; quote: string | null }>(
      'POST',
      `/api/v1/claims/${claim.id}/appearances`,
      { token: submitter, body: { url: 'https://news.example.org/bridge', quote: 'close for two years' } },
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ url: 'https://news.example.org/bridge', quote: 'close for two years' });
    const { body } = await api.request<Claim>('GET', `/api/v1/claims/${claim.id}`, { token: submitter });
    expect(body.appearances.map((appearance) => appearance.id)).toContain(added.body.id);
    const events = await api.request<{ items: { action: string }[] }>('GET', `/api/v1/claims/${claim.id}/events`, {
      token: submitter,
    });
    expect(events.body.items.map((event) => event.action)).toContain('claim.appearance_added');

    const neither = await api.request<Problem>('POST', `/api/v1/claims/${claim.id}/appearances`, {
      token: submitter,
      body: { quote: 'close' },
    });
    expectProblem(neither, 400, 'appearance.invalid');
    const unknown = await api.request<Problem>(
      'POST',
      '/api/v1/claims/00000000-0000-4000-8000-000000000000/appearances',
      { token: submitter, body: { url: 'https://news.example.org/x' } },
    );
    expectProblem(unknown, 404, 'claim.not_found');
  });

  it('refuses bad input with problem details, and callers without a token', async () => {
    for (const body of [
      {},
      { text: '' },
      { text: 'x'.repeat(5001) },
      { text: 'ok', limit: 0 },
      { text: 'ok', limit: 51 },
    ]) {
      const response = await api.request<Problem>('POST', '/api/v1/claims/matches', { token: submitter, body });
      expectProblem(response, 400, 'request.invalid');
      expect(response.body.errors?.length).toBeGreaterThan(0);
    }
    const extra = await api.request<Problem>('POST', '/api/v1/claims/matches', {
      token: submitter,
      body: { text: 'ok', extra: true },
    });
    expectProblem(extra, 400, 'request.invalid');
    expectProblem(
      await api.request<Problem>('POST', '/api/v1/claims/matches', { body: { text: 'ok' } }),
      401,
      'auth.missing_token',
    );
  });
});
