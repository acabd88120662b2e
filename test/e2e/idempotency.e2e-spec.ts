import { randomUUID } from 'node:crypto';
import { aClaim } from '@claimdesk/testing';
import { type ApiResponse, TestApi } from '../support/api-harness';
import { expectProblem, type Problem } from '../support/problems';

interface Claim {
  id: string;
  text: string;
  status: string;
  tags: string[];
  createdAt: string;
}

interface Source {
  id: string;
  url: string;
}

function aKey(): string {
  return `key-${randomUUID()}`;
}

function isReplay(response: ApiResponse<unknown>): boolean {
  return response.headers.get('idempotent-replayed') === 'true';
}

describe('Idempotency-Key', () => {
  const api = TestApi.use();
  let token: string;

  beforeAll(async () => {
    token = await api.token('submitter');
  });

  const submitClaim = (body: unknown, key: string, as = token) =>
    api.request<Claim>('POST', '/api/v1/claims', { token: as, body, headers: { 'idempotency-key': key } });
  const registerSource = (body: unknown, key: string) =>
    api.request<Source>('POST', '/api/v1/sources', { token, body, headers: { 'idempotency-key': key } });

  async function claimsWithText(text: string): Promise<number> {
    const [row] = await api.db.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM claims WHERE text = $1`, [
      text,
    ]);
    return row!.n;
  }

  async function eventsOfClaimsWithText(text: string): Promise<number> {
    const [row] = await api.db.manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM events WHERE claim_id IN (SELECT id FROM claims WHERE text = $1)`,
      [text],
    );
    return row!.n;
  }

  async function sourcesWithUrl(url: string): Promise<number> {
    const [row] = await api.db.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM sources WHERE url = $1`, [
      url,
    ]);
    return row!.n;
  }

  describe('on POST /api/v1/claims', () => {
    it('replays the first response to a repeat with the same body and creates nothing more', async () => {
      const key = aKey();
      const body = aClaim({ tags: ['replay'] });
      const first = await submitClaim(body, key);
      expect(first.status).toBe(201);
      expect(isReplay(first)).toBe(false);

      const repeat = await submitClaim(body, key);

      expect(repeat.status).toBe(201);
      expect(repeat.headers.get('idempotent-replayed')).toBe('true');
      expect(repeat.body).toEqual(first.body);
      expect(repeat.text).toBe(first.text);
      expect(await claimsWithText(body.text)).toBe(1);
      expect(await eventsOfClaimsWithText(body.text)).toBe(1);
    });

    it('replays a repeat whose JSON has the same fields in another order', async () => {
      const key = aKey();
      const text = aClaim().text;
      const first = await submitClaim({ text, tags: ['a', 'b'], claimant: { name: 'Ann Order', role: 'Mayor' } }, key);
      expect(first.status).toBe(201);

      const repeat = await submitClaim({ claimant: { role: 'Mayor', name: 'Ann Order' }, tags: ['a', 'b'], text }, key);

      expect(repeat.status).toBe(201);
      expect(isReplay(repeat)).toBe(true);
      expect(repeat.body.id).toBe(first.body.id);
      expect(await claimsWithText(text)).toBe(1);
    });

    it('creates a claim per request when no key is sent', async () => {
      const body = aClaim();

      const first = await api.request<Claim>('POST', '/api/v1/claims', { token, body });
      const again = await api.request<Claim>('POST', '/api/v1/claims', { token, body });

      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(isReplay(again)).toBe(false);
      expect(again.body.id).not.toBe(first.body.id);
      expect(await claimsWithText(body.text)).toBe(2);
    });

    it('refuses the same key with another body with 422 and creates nothing', async () => {
      const key = aKey();
      const original = aClaim();
      expect((await submitClaim(original, key)).status).toBe(201);
      const other = aClaim();

      const response = await api.request<Problem>('POST', '/api/v1/claims', {
        token,
        body: other,
        headers: { 'idempotency-key': key },
      });

      expectProblem(response, 422, 'idempotency.key_reused');
      expect(await claimsWithText(other.text)).toBe(0);
      expect(await claimsWithText(original.text)).toBe(1);
    });

    it('answers a concurrent double submit with one 201 and either a 409 or a replay, creating one claim per key', async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const key = aKey();
        const body = aClaim();

        const responses = await Promise.all([
          api.request<Claim & Problem>('POST', '/api/v1/claims', {
            token,
            body,
            headers: { 'idempotency-key': key },
          }),
          api.request<Claim & Problem>('POST', '/api/v1/claims', {
            token,
            body,
            headers: { 'idempotency-key': key },
          }),
        ]);

        const originals = responses.filter((response) => response.status === 201 && !isReplay(response));
        expect(originals).toHaveLength(1);
        const [original] = originals;
        const other = responses.find((response) => response !== original)!;
        if (other.status === 409) {
          expectProblem(other, 409, 'idempotency.in_progress');
        } else {
          expect(other.status).toBe(201);
          expect(isReplay(other)).toBe(true);
          expect(other.text).toBe(original!.text);
        }
        expect(await claimsWithText(body.text)).toBe(1);
        expect(await eventsOfClaimsWithText(body.text)).toBe(1);
      }
    });

    it('scopes keys to the caller: two users with the same key both create a claim', async () => {
      const key = aKey();
      const body = aClaim();
      const otherUser = await api.newToken('submitter');

      const mine = await submitClaim(body, key);
      const theirs = await submitClaim(body, key, otherUser);

      expect(mine.status).toBe(201);
      expect(theirs.status).toBe(201);
      expect(isReplay(theirs)).toBe(false);
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(await claimsWithText(body.text)).toBe(2);
    });

    it.each([
      ['that is longer than 255 characters', 'k'.repeat(256)],
      ['with non-ASCII characters', 'clé-unique'],
      ['with a space', 'two words'],
      ['that is empty', ''],
    ])('refuses a key %s with 400, creating nothing', async (_what, key) => {
      const body = aClaim();

      const response = await api.request<Problem>('POST', '/api/v1/claims', {
        token,
        body,
        headers: { 'idempotency-key': key },
      });

      expectProblem(response, 400, 'idempotency.invalid_key');
      expect(response.body.errors?.map((error) => error.field)).toEqual(['Idempotency-Key']);
      expect(await claimsWithText(body.text)).toBe(0);
    });

    it('accepts a key of exactly 255 visible ASCII characters', async () => {
      const key = `${aKey()}~!`.padEnd(255, 'z');
      const body = aClaim();

      const first = await submitClaim(body, key);
      const repeat = await submitClaim(body, key);

      expect(first.status).toBe(201);
      expect(isReplay(repeat)).toBe(true);
      expect(await claimsWithText(body.text)).toBe(1);
    });
  });

  describe('on POST /api/v1/sources', () => {
    it('replays the 201 of a new source to a repeat and creates nothing more', async () => {
      const key = aKey();
      const body = { url: `https://news.example.org/${randomUUID()}`, title: 'Replayed' };
      const first = await registerSource(body, key);
      expect(first.status).toBe(201);

      const repeat = await registerSource(body, key);

      expect(repeat.status).toBe(201);
      expect(isReplay(repeat)).toBe(true);
      expect(repeat.body).toEqual(first.body);
      expect(await sourcesWithUrl(body.url)).toBe(1);
    });

    it('replays the 200 of a known source', async () => {
      const body = { url: `https://news.example.org/${randomUUID()}` };
      expect((await api.request('POST', '/api/v1/sources', { token, body })).status).toBe(201);
      const key = aKey();
      const first = await registerSource(body, key);
      expect(first.status).toBe(200);

      const repeat = await registerSource(body, key);

      expect(repeat.status).toBe(200);
      expect(isReplay(repeat)).toBe(true);
      expect(repeat.body).toEqual(first.body);
    });

    it('refuses the same key with another URL with 422 and creates nothing', async () => {
      const key = aKey();
      expect((await registerSource({ url: `https://news.example.org/${randomUUID()}` }, key)).status).toBe(201);
      const otherUrl = `https://news.example.org/${randomUUID()}`;

      const response = await api.request<Problem>('POST', '/api/v1/sources', {
        token,
        body: { url: otherUrl },
        headers: { 'idempotency-key': key },
      });

      expectProblem(response, 422, 'idempotency.key_reused');
      expect(await sourcesWithUrl(otherUrl)).toBe(0);
    });

    it('refuses a key longer than 255 characters with 400', async () => {
      const url = `https://news.example.org/${randomUUID()}`;

      const response = await api.request<Problem>('POST', '/api/v1/sources', {
        token,
        body: { url },
        headers: { 'idempotency-key': 'k'.repeat(256) },
      });

      expectProblem(response, 400, 'idempotency.invalid_key');
      expect(await sourcesWithUrl(url)).toBe(0);
    });
  });
});
