import { randomUUID } from 'node:crypto';
import { EventLog } from '@claimdesk/events';
import { aClaim, eventually, uniqueWord } from '@claimdesk/testing';
import { TestApi } from '../support/api-harness';
import { expectProblem, type Problem } from '../support/problems';

interface ClaimSummary {
  id: string;
  text: string;
  createdAt: string;
  score?: number;
}

interface ClaimEvent {
  id: string;
  action: string;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface ClaimInput {
  text: string;
  tags?: string[];
}

const pageSize = 7;

interface Walk<T> {
  pages: Page<T>[];
  items: T[];
  insertedDuringWalk: number;
}

/**
 * Walks a list page by page while `insert` keeps adding rows: at least one insert
 * lands between any two page requests, and inserts overlap the page requests.
 */
async function walkWhileInserting<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  insert: () => Promise<void>,
): Promise<Walk<T>> {
  let walking = true;
  let pagesFetched = 0;
  let inserted = 0;
  const inserter = (async () => {
    while (walking) {
      await insert();
      inserted++;
      if (inserted >= 2 * pagesFetched + 2) {
        const fetched = pagesFetched;
        await eventually(async () => (!walking || pagesFetched > fetched ? true : undefined), 30_000, 'next page');
      }
    }
  })();
  const pages: Page<T>[] = [];
  try {
    let cursor: string | null = null;
    do {
      const page = await fetchPage(cursor);
      pages.push(page);
      pagesFetched++;
      cursor = page.nextCursor;
      if (cursor !== null) {
        const target = pagesFetched;
        await eventually(async () => (inserted >= target ? true : undefined), 30_000, 'an insert between pages');
      }
    } while (cursor !== null);
  } finally {
    walking = false;
    await inserter;
  }
  return { pages, items: pages.flatMap((page) => page.items), insertedDuringWalk: inserted };
}

function repeatedIds(ids: string[]): string[] {
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}

describe('cursor pagination', () => {
  const api = TestApi.use();
  let token: string;

  beforeAll(async () => {
    token = await api.token('submitter');
  });

  async function submit(input: ClaimInput): Promise<ClaimSummary> {
    const response = await api.request<ClaimSummary>('POST', '/api/v1/claims', { token, body: input });
    expect(response.status).toBe(201);
    return response.body;
  }

  /** Submits in small concurrent batches: faster, and some claims share a transaction start time. */
  async function submitAll(inputs: ClaimInput[]): Promise<ClaimSummary[]> {
    const created: ClaimSummary[] = [];
    for (let start = 0; start < inputs.length; start += 5) {
      created.push(...(await Promise.all(inputs.slice(start, start + 5).map(submit))));
    }
    return created;
  }

  async function page<T>(path: string): Promise<Page<T>> {
    const response = await api.request<Page<T>>('GET', path, { token });
    expect(response.status).toBe(200);
    return response.body;
  }

  function withCursor(path: string, cursor: string | null): string {
    return cursor === null ? path : `${path}&cursor=${encodeURIComponent(cursor)}`;
  }

  function expectFullPagesUntilTheLast<T>(pages: Page<T>[]): void {
    for (const earlier of pages.slice(0, -1)) {
      expect(earlier.items).toHaveLength(pageSize);
      expect(earlier.nextCursor).not.toBeNull();
    }
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(pages.at(-1)!.items.length).toBeLessThanOrEqual(pageSize);
  }

  describe('GET /api/v1/claims, newest first', () => {
    it('walks every claim once while new claims arrive', async () => {
      await submitAll(Array.from({ length: 40 }, () => aClaim()));
      const before = await api.db.manager.query<{ id: string }[]>(`SELECT id FROM claims`);

      const walk = await walkWhileInserting(
        (cursor) => page<ClaimSummary>(withCursor(`/api/v1/claims?limit=${pageSize}`, cursor)),
        async () => void (await submit(aClaim())),
      );

      const ids = walk.items.map((claim) => claim.id);
      expect(walk.insertedDuringWalk).toBeGreaterThan(0);
      expect(repeatedIds(ids)).toEqual([]);
      expect(before.map((row) => row.id).filter((id) => !ids.includes(id))).toEqual([]);
      const times = walk.items.map((claim) => Date.parse(claim.createdAt));
      expect(times.every((time, index) => index === 0 || time <= times[index - 1]!)).toBe(true);
      expectFullPagesUntilTheLast(walk.pages);
    });

    it('walks a filtered list once while matching claims arrive', async () => {
      const tag = uniqueWord();
      const seeded = await submitAll(Array.from({ length: 24 }, () => aClaim({ tags: [tag] })));

      const walk = await walkWhileInserting(
        (cursor) => page<ClaimSummary>(withCursor(`/api/v1/claims?tag=${tag}&limit=${pageSize}`, cursor)),
        async () => void (await submit(aClaim({ tags: [tag] }))),
      );

      const ids = walk.items.map((claim) => claim.id);
      expect(repeatedIds(ids)).toEqual([]);
      expect(seeded.map((claim) => claim.id).filter((id) => !ids.includes(id))).toEqual([]);
      expectFullPagesUntilTheLast(walk.pages);
    });

    it('gives a null nextCursor on a last page that is exactly full', async () => {
      const tag = uniqueWord();
      const seeded = await submitAll(Array.from({ length: 2 * pageSize }, () => aClaim({ tags: [tag] })));

      const first = await page<ClaimSummary>(`/api/v1/claims?tag=${tag}&limit=${pageSize}`);
      const second = await page<ClaimSummary>(
        withCursor(`/api/v1/claims?tag=${tag}&limit=${pageSize}`, first.nextCursor),
      );

      expect(first.items).toHaveLength(pageSize);
      expect(first.nextCursor).not.toBeNull();
      expect(second.items).toHaveLength(pageSize);
      expect(second.nextCursor).toBeNull();
      expect(new Set([...first.items, ...second.items].map((claim) => claim.id))).toEqual(
        new Set(seeded.map((claim) => claim.id)),
      );
    });

    it('returns 50 claims per page when no limit is given', async () => {
      const tag = uniqueWord();
      await submitAll(Array.from({ length: 51 }, () => aClaim({ tags: [tag] })));

      const first = await page<ClaimSummary>(`/api/v1/claims?tag=${tag}`);
      const second = await page<ClaimSummary>(withCursor(`/api/v1/claims?tag=${tag}`, first.nextCursor));

      expect(first.items).toHaveLength(50);
      expect(second.items).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
    });
  });

  describe('GET /api/v1/claims?q=, best match first', () => {
    it('walks every match once while new matches arrive', async () => {
      const word = uniqueWord();
      // Six different scores, each shared by several claims, so ties are paged by id.
      const seeded = await submitAll(
        Array.from({ length: 30 }, (_, index) =>
          aClaim({ text: `Report on ${word} ${'very '.repeat(index % 6)}important` }),
        ),
      );
      await submitAll(Array.from({ length: 5 }, () => aClaim({ text: `Report on something else entirely` })));

      const walk = await walkWhileInserting(
        (cursor) => page<ClaimSummary>(withCursor(`/api/v1/claims?q=${word}&limit=${pageSize}`, cursor)),
        async () => void (await submit(aClaim({ text: `A new ${word} ${randomUUID()}` }))),
      );

      const ids = walk.items.map((claim) => claim.id);
      expect(walk.insertedDuringWalk).toBeGreaterThan(0);
      expect(repeatedIds(ids)).toEqual([]);
      expect(seeded.map((claim) => claim.id).filter((id) => !ids.includes(id))).toEqual([]);
      expect(walk.items.every((claim) => claim.text.includes(word))).toBe(true);
      const scores = walk.items.map((claim) => claim.score!);
      expect(scores.every((score, index) => index === 0 || score <= scores[index - 1]!)).toBe(true);
      expectFullPagesUntilTheLast(walk.pages);
    });

    it('gives a null nextCursor on the last page of a search', async () => {
      const word = uniqueWord();
      await submitAll(Array.from({ length: pageSize + 2 }, () => aClaim({ text: `Audit of ${word} spending` })));

      const first = await page<ClaimSummary>(`/api/v1/claims?q=${word}&limit=${pageSize}`);
      const second = await page<ClaimSummary>(
        withCursor(`/api/v1/claims?q=${word}&limit=${pageSize}`, first.nextCursor),
      );

      expect(first.nextCursor).not.toBeNull();
      expect(second.items).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
    });
  });

  describe('GET /api/v1/claims/{id}/events, oldest first', () => {
    it('walks every event once while new events are recorded', async () => {
      const claim = await submit(aClaim());
      const events = api.app.get(EventLog);
      let noted = 0;
      const note = () =>
        events.record({ claimId: claim.id, actorId: null, action: 'claim.edited', data: { n: ++noted } });
      for (let i = 0; i < 30; i++) await note();
      const before = await api.db.manager.query<{ id: string }[]>(
        `SELECT id::text AS id FROM events WHERE claim_id = $1`,
        [claim.id],
      );

      const walk = await walkWhileInserting(
        (cursor) => page<ClaimEvent>(withCursor(`/api/v1/claims/${claim.id}/events?limit=${pageSize}`, cursor)),
        note,
      );

      const ids = walk.items.map((event) => event.id);
      expect(walk.insertedDuringWalk).toBeGreaterThan(0);
      expect(repeatedIds(ids)).toEqual([]);
      expect(before.map((row) => row.id).filter((id) => !ids.includes(id))).toEqual([]);
      expect(walk.items[0]!.action).toBe('claim.submitted');
      const numeric = ids.map((id) => BigInt(id));
      expect(numeric.every((id, index) => index === 0 || id > numeric[index - 1]!)).toBe(true);
      expectFullPagesUntilTheLast(walk.pages);
    });

    it('gives a null nextCursor when the events fit exactly in one page', async () => {
      const claim = await submit(aClaim());
      const events = api.app.get(EventLog);
      for (let i = 1; i < pageSize; i++) {
        await events.record({ claimId: claim.id, actorId: null, action: 'claim.edited', data: { n: i } });
      }

      const only = await page<ClaimEvent>(`/api/v1/claims/${claim.id}/events?limit=${pageSize}`);

      expect(only.items).toHaveLength(pageSize);
      expect(only.nextCursor).toBeNull();
    });
  });

  describe('GET /api/v1/reviews, most recently published first', () => {
    const feedCursor = (position: Record<string, string>): string =>
      Buffer.from(JSON.stringify(position)).toString('base64url');

    it('takes back a cursor of its own shape', async () => {
      const cursor = feedCursor({ modifiedAt: '2000-01-01 00:00:00+00', claimId: randomUUID() });

      const response = await api.request<Page<unknown>>('GET', `/api/v1/reviews?cursor=${cursor}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [], nextCursor: null });
    });

    it.each([
      ['garbage', 'not-a-cursor'],
      ['a position of another list', feedCursor({ t: '2000-01-01 00:00:00+00', i: randomUUID() })],
      ['a time that is not one', feedCursor({ modifiedAt: 'yesterday', claimId: randomUUID() })],
    ])('refuses %s as a bad query value on cursor (400 request.invalid)', async (_, cursor) => {
      const response = await api.request<Problem>('GET', `/api/v1/reviews?cursor=${cursor}`);

      expectProblem(response, 400, 'request.invalid');
      expect((response.body.errors ?? []).map((error) => error.field)).toEqual(['cursor']);
    });
  });
});
