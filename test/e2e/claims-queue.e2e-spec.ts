import { eventually, queueBackends, uniqueWord } from '@claimdesk/testing';
import { type ApiResponse, TestApi } from '../support/api-harness';
import { expectProblem, type Problem } from '../support/problems';

interface ClaimSummary {
  id: string;
  text: string;
  status: string;
  statusChangedAt: string;
  verdictCount: number;
  split: boolean;
  score?: number;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
  prevCursor: string | null;
}

type Person = Awaited<ReturnType<TestApi['newUser']>>;

function fieldsOf(response: ApiResponse<Problem>): string[] {
  return (response.body.errors ?? []).map((error) => error.field);
}

/**
 * The editors' queue through `GET /api/v1/claims`: sort orders, paging both
 * ways, the speaker, needs-my-verdict and split filters, and the verdict
 * count and split flag of each item, against real PostgreSQL with the worker
 * running the consensus job.
 */
describe('the claims list for the editors’ queue', () => {
  let api: TestApi;
  let editor: Person;
  let submitter: Person;

  beforeAll(async () => {
    api = await TestApi.start(queueBackends()[0]!, { worker: true });
    [editor, submitter] = await Promise.all([api.newUser('editor'), api.newUser('submitter')]);
  });

  afterAll(async () => {
    await api?.close();
  });

  const list = (query: string, who: Person = editor) =>
    api.request<Page<ClaimSummary>>('GET', `/api/v1/claims?${query}`, { token: who.token });
  const idsOf = (response: ApiResponse<Page<ClaimSummary>>) => {
    expect(response.status).toBe(200);
    return response.body.items.map((item) => item.id);
  };

  async function submit(text: string, extra: Record<string, unknown> = {}): Promise<string> {
    const response = await api.request<{ id: string }>('POST', '/api/v1/claims', {
      token: submitter.token,
      body: { text, ...extra },
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function toReview(id: string): Promise<void> {
    const response = await api.request('POST', `/api/v1/claims/${id}/transitions`, {
      token: editor.token,
      body: { to: 'in_review' },
    });
    expect(response.status).toBe(200);
  }

  async function verdict(id: string, who: Person, rating: string): Promise<void> {
    const response = await api.request('POST', `/api/v1/claims/${id}/verdicts`, {
      token: who.token,
      body: { rating, rationale: 'The council minutes say so.' },
    });
    expect(response.status).toBe(201);
  }

  async function assign(id: string, who: Person): Promise<void> {
    const response = await api.request('POST', `/api/v1/claims/${id}/assignments`, {
      token: editor.token,
      body: { reviewerEmail: who.email },
    });
    expect(response.status).toBe(201);
  }

  it('documents the new parameters and fields in the OpenAPI description', async () => {
    const { status, body } = await api.request<{
      paths: Record<string, Record<string, { parameters: { name: string; schema: { enum?: string[] } }[] }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>('GET', '/docs/openapi.json');

    expect(status).toBe(200);
    const parameters = body.paths['/api/v1/claims']!.get!.parameters;
    expect(parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['sort', 'speaker', 'needsVerdict', 'split', 'claimant', 'cursor', 'limit']),
    );
    expect(parameters.find((parameter) => parameter.name === 'sort')!.schema.enum).toEqual([
      'newest',
      'oldest',
      'status_age',
    ]);
    expect(Object.keys(body.components.schemas.ClaimPageResponse!.properties)).toEqual(
      expect.arrayContaining(['items', 'nextCursor', 'prevCursor']),
    );
    expect(Object.keys(body.components.schemas.ClaimSummaryResponse!.properties)).toEqual(
      expect.arrayContaining(['statusChangedAt', 'verdictCount', 'split']),
    );
  });

  describe('sorting', () => {
    it('sorts newest first by default, oldest first, and longest in their current status first', async () => {
      const tag = uniqueWord();
      const first = await submit('The ferry timetable was cut by a third.', { tags: [tag] });
      const second = await submit('The harbour wall cost twice its budget.', { tags: [tag] });
      const third = await submit('The new pier opened a year late.', { tags: [tag] });
      // The oldest claim is the newest in its status once it moves to review.
      await toReview(first);

      expect(idsOf(await list(`tag=${tag}`))).toEqual([third, second, first]);
      expect(idsOf(await list(`tag=${tag}&sort=newest`))).toEqual([third, second, first]);
      expect(idsOf(await list(`tag=${tag}&sort=oldest`))).toEqual([first, second, third]);
      const byAge = await list(`tag=${tag}&sort=status_age`);
      expect(idsOf(byAge)).toEqual([second, third, first]);
      const moved = byAge.body.items.find((item) => item.id === first)!;
      const waiting = byAge.body.items.find((item) => item.id === second)!;
      expect(Date.parse(moved.statusChangedAt)).toBeGreaterThan(Date.parse(waiting.statusChangedAt));
    });

    it('orders a search by the sort given instead of by relevance', async () => {
      const word = uniqueWord();
      const older = await submit(`Tram ${word} ridership doubled.`);
      const newer = await submit(`Tram ${word} ridership doubled since the strike, doubled again.`);

      const oldest = await list(`q=${word}&sort=oldest`);
      expect(idsOf(oldest)).toEqual([older, newer]);
      expect(oldest.body.items.every((item) => item.score === undefined)).toBe(true);
      expect(idsOf(await list(`q=${word}&sort=newest`))).toEqual([newer, older]);
    });

    it('refuses an unknown sort with 400 problem+json on the sort field', async () => {
      const response = await api.request<Problem>('GET', '/api/v1/claims?sort=loudest', { token: editor.token });

      expectProblem(response, 400, 'request.invalid');
      expect(fieldsOf(response)).toEqual(['sort']);
      expect(response.body.errors![0]!.message).toContain('newest, oldest, status_age');
    });

    it('refuses bad needsVerdict and split values with 400 on their fields', async () => {
      const response = await api.request<Problem>('GET', '/api/v1/claims?needsVerdict=you&split=maybe', {
        token: editor.token,
      });

      expectProblem(response, 400, 'request.invalid');
      expect(fieldsOf(response).sort()).toEqual(['needsVerdict', 'split']);
    });
  });

  describe('paging both ways', () => {
    async function walkForwardAndBack(query: string, expected: string[]): Promise<void> {
      // Forwards to the end, keeping each page.
      const pages: Page<ClaimSummary>[] = [];
      let cursor: string | null = null;
      do {
        const response = await list(`${query}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
        expect(response.status).toBe(200);
        pages.push(response.body);
        cursor = response.body.nextCursor;
      } while (cursor !== null);
      expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(expected);
      expect(pages[0]!.prevCursor).toBeNull();

      // Then back from the last page with prevCursor: the same pages, in reverse.
      let page = pages.at(-1)!;
      for (let index = pages.length - 2; index >= 0; index--) {
        expect(page.prevCursor).not.toBeNull();
        const response = await list(`${query}&limit=2&cursor=${page.prevCursor}`);
        expect(idsOf(response)).toEqual(pages[index]!.items.map((item) => item.id));
        page = response.body;
      }
      expect(page.prevCursor).toBeNull();
      // And forwards again from a page reached backwards.
      expect(page.nextCursor).not.toBeNull();
      expect(idsOf(await list(`${query}&limit=2&cursor=${page.nextCursor}`))).toEqual(
        pages[1]!.items.map((item) => item.id),
      );
    }

    it('goes back with prevCursor in every order, and in a search', async () => {
      const word = uniqueWord();
      const ids: string[] = [];
      for (let index = 1; index <= 5; index++) {
        ids.push(await submit(`Claim ${index} on the ${word} quay: ${'dredging '.repeat(index)}costs rose.`));
      }
      // Into review in another order than created, for the status-age order.
      for (const index of [3, 0, 4]) await toReview(ids[index]!);
      const [c1, c2, c3, c4, c5] = ids as [string, string, string, string, string];

      await walkForwardAndBack(`q=${word}&sort=newest`, [c5, c4, c3, c2, c1]);
      await walkForwardAndBack(`q=${word}&sort=oldest`, [c1, c2, c3, c4, c5]);
      await walkForwardAndBack(`q=${word}&sort=status_age`, [c2, c3, c4, c1, c5]);
      const ranked = await list(`q=${word}&limit=5`);
      await walkForwardAndBack(
        `q=${word}`,
        ranked.body.items.map((item) => item.id),
      );
    });

    it('refuses a cursor given out for another sort order with 400 on the cursor field', async () => {
      const tag = uniqueWord();
      for (let index = 0; index < 3; index++)
        await submit(`Cursor claim ${index} about the ${tag} bridge.`, { tags: [tag] });
      const first = await list(`tag=${tag}&sort=oldest&limit=1`);

      const response = await api.request<Problem>(
        'GET',
        `/api/v1/claims?tag=${tag}&sort=status_age&cursor=${first.body.nextCursor}`,
        { token: editor.token },
      );

      expectProblem(response, 400, 'cursor.invalid');
      expect(fieldsOf(response)).toEqual(['cursor']);
    });

    it('still takes a cursor in the old shape, for the newest-first list', async () => {
      const tag = uniqueWord();
      const ids: string[] = [];
      for (let index = 0; index < 3; index++) ids.push(await submit(`Old cursor claim ${index}.`, { tags: [tag] }));
      const [row] = await api.db.manager.query<{ key: string }[]>(
        `SELECT created_at::text AS key FROM claims WHERE id = $1`,
        [ids[2]],
      );
      const cursor = Buffer.from(JSON.stringify({ t: row!.key, i: ids[2] })).toString('base64url');

      expect(idsOf(await list(`tag=${tag}&cursor=${cursor}`))).toEqual([ids[1], ids[0]]);
    });
  });

  describe('the speaker filter', () => {
    it('matches part of a claimant’s name, in any case, with or without diacritics', async () => {
      const tag = uniqueWord();
      const angstrom = await submit('Lighthouse repairs were finished early.', {
        tags: [tag],
        claimant: { name: 'Zoë Ångström-Pålsson', role: 'Harbour master' },
      });
      const other = await submit('The marina made a profit.', { tags: [tag], claimant: { name: 'Bo Lind' } });

      expect(idsOf(await list(`tag=${tag}&speaker=ngstr`))).toEqual([angstrom]);
      expect(idsOf(await list(`tag=${tag}&speaker=ANGSTROM`))).toEqual([angstrom]);
      expect(idsOf(await list(`tag=${tag}&speaker=${encodeURIComponent('zoë')}`))).toEqual([angstrom]);
      expect(idsOf(await list(`tag=${tag}&speaker=lind`))).toEqual([other]);
      expect(idsOf(await list(`tag=${tag}&speaker=nobody`))).toEqual([]);
    });

    it('takes % and _ literally, not as wildcards', async () => {
      const tag = uniqueWord();
      const percent = await submit('Turnout rose.', { tags: [tag], claimant: { name: '100% Harbour Campaign' } });
      await submit('Turnout fell.', { tags: [tag], claimant: { name: 'Harbour Friends' } });

      expect(idsOf(await list(`tag=${tag}&speaker=${encodeURIComponent('%')}`))).toEqual([percent]);
      expect(idsOf(await list(`tag=${tag}&speaker=${encodeURIComponent('0% h')}`))).toEqual([percent]);
      expect(idsOf(await list(`tag=${tag}&speaker=_`))).toEqual([]);
      // The exact claimant filter still works beside it.
      expect(idsOf(await list(`tag=${tag}&claimant=${encodeURIComponent('harbour friends')}`))).toHaveLength(1);
    });
  });

  describe('review filters and columns', () => {
    it('lists what needs my verdict: in review, assigned to me or to nobody, without my verdict this round', async () => {
      const tag = uniqueWord();
      const [me, colleague] = [await api.newUser('reviewer'), await api.newUser('reviewer')];
      const open = await submit('Open for review: the quay was rebuilt.', { tags: [tag] });
      const mine = await submit('Assigned to me: the ferry is late.', { tags: [tag] });
      const theirs = await submit('Assigned to a colleague: the dock is full.', { tags: [tag] });
      const done = await submit('Already given my verdict on.', { tags: [tag] });
      // Not in review: no verdict can be given on it, so it needs nobody's.
      await submit('Still only submitted.', { tags: [tag] });
      for (const id of [open, mine, theirs, done]) await toReview(id);
      await assign(mine, me);
      await assign(theirs, colleague);
      await verdict(done, me, 'mostly_true');

      expect(idsOf(await list(`tag=${tag}&needsVerdict=me&sort=oldest`, me))).toEqual([open, mine]);
      expect(idsOf(await list(`tag=${tag}&needsVerdict=me&sort=oldest`, colleague))).toEqual([open, theirs, done]);
      // Nothing needs a submitter's verdict: they give none.
      expect(idsOf(await list(`tag=${tag}&needsVerdict=me`, submitter))).toEqual([]);
    });

    it('counts the verdicts of the round without their ratings, flags split ones and filters on the flag', async () => {
      const tag = uniqueWord();
      const [first, second] = [await api.newUser('reviewer'), await api.newUser('reviewer')];
      const split = await submit('Fares fell by a third.', { tags: [tag] });
      const agreed = await submit('Fares rose by a tenth.', { tags: [tag] });
      const untouched = await submit('Fares stayed the same.', { tags: [tag] });
      await toReview(split);
      await toReview(agreed);
      await verdict(split, first, 'true');
      await verdict(split, second, 'false');
      await verdict(agreed, first, 'mostly_true');
      await verdict(agreed, second, 'mostly_true');
      // Consensus moves the agreed claim on; its round on show stays the one that had the verdicts.
      await eventually(
        async () => ((await list(`tag=${tag}&status=awaiting_approval`)).body.items.length === 1 ? true : undefined),
        20_000,
        'consensus on the agreed claim',
      );

      const asSubmitter = await list(`tag=${tag}&sort=oldest`, submitter);
      expect(
        asSubmitter.body.items.map((item) => ({
          id: item.id,
          status: item.status,
          verdictCount: item.verdictCount,
          split: item.split,
        })),
      ).toEqual([
        { id: split, status: 'in_review', verdictCount: 2, split: true },
        { id: agreed, status: 'awaiting_approval', verdictCount: 2, split: false },
        { id: untouched, status: 'submitted', verdictCount: 0, split: false },
      ]);
      // Blind review: no rating reaches the list.
      expect(asSubmitter.text).not.toMatch(/mostly_true|"true"|"false"|rating/);

      expect(idsOf(await list(`tag=${tag}&split=true`))).toEqual([split]);
      expect(idsOf(await list(`tag=${tag}&split=false&sort=oldest`))).toEqual([agreed, untouched]);
    });
  });
});
