import { randomBytes, randomUUID } from 'node:crypto';
import { type DomainError } from '@claimdesk/errors';
import type { Database } from '@claimdesk/persistence';
import { rejectionOf, useTestContext } from '@claimdesk/testing';
import { IdempotencyModule } from './idempotency.module';
import { IdempotencyService } from './idempotency.service';

interface KeyRow {
  request_hash: string;
  state: string;
  response_status: number | null;
  response_text: string | null;
  expires_in_hours: number;
}

interface Request {
  userId: string;
  key: string;
  requestHash: string;
}

/** A request with its own user and key; override what the test is about. */
function aRequest(overrides: Partial<Request> = {}): Request {
  return {
    userId: randomUUID(),
    key: `key-${randomBytes(6).toString('hex')}`,
    requestHash: IdempotencyService.fingerprint('POST', '/claims', { text: 'The river flooded twice in 2021.' }),
    ...overrides,
  };
}

/** A promise the test settles itself, to hold work in progress. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('IdempotencyService against PostgreSQL', () => {
  const context = useTestContext([IdempotencyModule]);
  let idempotency: IdempotencyService;
  let db: Database;

  beforeAll(() => {
    idempotency = context.get(IdempotencyService);
    db = context.db;
  });

  const run = (request: Request, work: () => Promise<{ status: number; body: unknown }>) =>
    idempotency.run(request.userId, request.key, request.requestHash, work);

  const storedKey = async (request: Request): Promise<KeyRow | undefined> => {
    const [row] = await db.manager.query<KeyRow[]>(
      `SELECT request_hash, state, response_status, response_body::text AS response_text,
              extract(epoch FROM expires_at - created_at)::float8 / 3600 AS expires_in_hours
         FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [request.userId, request.key],
    );
    return row;
  };

  /** A write the work makes, to see whether it committed with the stored response. */
  const writeMarker = async (name: string): Promise<void> => {
    await db.manager.query(`INSERT INTO claimants (name, normalized_name) VALUES ($1, $1)`, [name]);
  };
  const markerExists = async (name: string): Promise<boolean> => {
    const rows = await db.manager.query<unknown[]>(`SELECT 1 FROM claimants WHERE normalized_name = $1`, [name]);
    return rows.length === 1;
  };

  it('runs the first request and stores its response with its changes, kept 24 hours', async () => {
    const request = aRequest();
    const marker = `marker-${request.key}`;
    const work = jest.fn(async () => {
      await writeMarker(marker);
      return { status: 201, body: { id: 'c-1', zebra: 1, apple: [2, 3] } };
    });

    const response = await run(request, work);

    expect(response).toEqual({ status: 201, body: { id: 'c-1', zebra: 1, apple: [2, 3] }, replayed: false });
    expect(work).toHaveBeenCalledTimes(1);
    expect(await markerExists(marker)).toBe(true);
    const stored = await storedKey(request);
    expect(stored).toMatchObject({
      request_hash: request.requestHash,
      state: 'completed',
      response_status: 201,
      response_text: '{"id":"c-1","zebra":1,"apple":[2,3]}',
    });
    expect(stored!.expires_in_hours).toBeCloseTo(24, 3);
  });

  it('replays a repeat of the same request without running its work again, key order kept', async () => {
    const request = aRequest();
    await run(request, async () => ({ status: 201, body: { zebra: 'z', apple: 'a', nested: { y: 1, x: 2 } } }));
    const work = jest.fn(async () => ({ status: 500, body: 'must not run' }));

    const replay = await run(request, work);

    expect(work).not.toHaveBeenCalled();
    expect(replay).toEqual({ status: 201, body: { zebra: 'z', apple: 'a', nested: { y: 1, x: 2 } }, replayed: true });
    expect(JSON.stringify(replay.body)).toBe('{"zebra":"z","apple":"a","nested":{"y":1,"x":2}}');
  });

  it('recognises the same request whatever the order of its body keys', async () => {
    const request = aRequest({
      requestHash: IdempotencyService.fingerprint('POST', '/claims', { a: 1, b: { c: 2, d: 3 } }),
    });
    await run(request, async () => ({ status: 200, body: { ok: true } }));
    const work = jest.fn(async () => ({ status: 200, body: { ok: false } }));

    const replay = await run(
      { ...request, requestHash: IdempotencyService.fingerprint('POST', '/claims', { b: { d: 3, c: 2 }, a: 1 }) },
      work,
    );

    expect(replay).toMatchObject({ replayed: true, body: { ok: true } });
    expect(work).not.toHaveBeenCalled();
  });

  it('refuses the same key on a different request as unprocessable, keeping the stored response', async () => {
    const request = aRequest();
    await run(request, async () => ({ status: 201, body: { id: 'first' } }));
    const work = jest.fn(async () => ({ status: 201, body: { id: 'second' } }));

    const error = await rejectionOf(
      run(
        { ...request, requestHash: IdempotencyService.fingerprint('POST', '/claims', { text: 'Another claim.' }) },
        work,
      ),
    );

    expect(error.kind).toBe('unprocessable');
    expect(error.code).toBe('idempotency.key_reused');
    expect(work).not.toHaveBeenCalled();
    expect(await storedKey(request)).toMatchObject({
      request_hash: request.requestHash,
      response_text: '{"id":"first"}',
    });
  });

  it('refuses a repeat while the first request is still running as a conflict, then replays once it is done', async () => {
    const request = aRequest();
    const started = deferred<void>();
    const gate = deferred<{ status: number; body: unknown }>();
    const first = run(request, async () => {
      started.resolve();
      return gate.promise;
    });
    await started.promise;
    const second = jest.fn(async () => ({ status: 201, body: 'second' }));

    const conflict = await rejectionOf(run(request, second));
    const reused = await rejectionOf(
      run({ ...request, requestHash: IdempotencyService.fingerprint('PUT', '/claims', {}) }, second),
    );

    expect(conflict.kind).toBe('conflict');
    expect(conflict.code).toBe('idempotency.in_progress');
    expect(reused.code).toBe('idempotency.key_reused');
    expect(second).not.toHaveBeenCalled();
    expect((await storedKey(request))?.state).toBe('in_progress');

    gate.resolve({ status: 201, body: 'first' });
    expect(await first).toEqual({ status: 201, body: 'first', replayed: false });
    expect(await run(request, second)).toEqual({ status: 201, body: 'first', replayed: true });
    expect(second).not.toHaveBeenCalled();
  });

  it('runs the work once when the same request arrives five times at once', async () => {
    const request = aRequest();
    const gate = deferred<{ status: number; body: unknown }>();
    const work = jest.fn(async () => gate.promise);
    // The work is held until four calls have settled: those four lost the race and never ran it.
    const fourSettled = deferred<void>();
    let settledCount = 0;
    const attempts = Array.from({ length: 5 }, async () =>
      run(request, work).finally(() => {
        settledCount += 1;
        if (settledCount === 4) fourSettled.resolve();
      }),
    );
    const outcomes = Promise.allSettled(attempts);

    await fourSettled.promise;
    gate.resolve({ status: 201, body: { id: 'only' } });
    const settled = await outcomes;

    expect(work).toHaveBeenCalledTimes(1);
    expect(settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []))).toEqual([
      { status: 201, body: { id: 'only' }, replayed: false },
    ]);
    const refusals = settled.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as DomainError] : [],
    );
    expect(refusals.map((error) => [error.kind, error.code])).toEqual(
      Array.from({ length: 4 }, () => ['conflict', 'idempotency.in_progress']),
    );
  });

  it('leaves no key behind when the work fails, so a retry runs, and rolls back the work’s changes', async () => {
    const request = aRequest();
    const marker = `marker-${request.key}`;

    await expect(
      run(request, async () => {
        await writeMarker(marker);
        throw new Error('the database went away');
      }),
    ).rejects.toThrow('the database went away');

    expect(await storedKey(request)).toBeUndefined();
    expect(await markerExists(marker)).toBe(false);
    const retry = jest.fn(async () => ({ status: 201, body: { attempt: 2 } }));
    expect(await run(request, retry)).toEqual({ status: 201, body: { attempt: 2 }, replayed: false });
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('lets an expired key be used again, even for another request', async () => {
    const request = aRequest();
    await run(request, async () => ({ status: 201, body: { id: 'old' } }));
    await db.manager.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND key = $2`,
      [request.userId, request.key],
    );
    const again = { ...request, requestHash: IdempotencyService.fingerprint('POST', '/claims', { text: 'New.' }) };
    const work = jest.fn(async () => ({ status: 201, body: { id: 'new' } }));

    expect(await run(again, work)).toEqual({ status: 201, body: { id: 'new' }, replayed: false });
    expect(work).toHaveBeenCalledTimes(1);
    expect(await storedKey(request)).toMatchObject({ request_hash: again.requestHash, response_text: '{"id":"new"}' });
  });

  it('takes over a key whose request died while in progress', async () => {
    const request = aRequest();
    await db.manager.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state, created_at, expires_at)
       VALUES ($1, $2, $3, 'in_progress', now() - interval '10 minutes', now() + interval '1 day')`,
      [request.userId, request.key, request.requestHash],
    );
    const work = jest.fn(async () => ({ status: 201, body: { recovered: true } }));

    expect(await run(request, work)).toEqual({ status: 201, body: { recovered: true }, replayed: false });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('keeps keys per user: the same key from another user is a new request', async () => {
    const mine = aRequest();
    const theirs = aRequest({
      key: mine.key,
      requestHash: IdempotencyService.fingerprint('POST', '/sources', { url: 'https://example.org/' }),
    });
    await run(mine, async () => ({ status: 201, body: 'mine' }));
    const work = jest.fn(async () => ({ status: 202, body: 'theirs' }));

    expect(await run(theirs, work)).toEqual({ status: 202, body: 'theirs', replayed: false });
    expect(work).toHaveBeenCalledTimes(1);
    expect(await run(mine, work)).toEqual({ status: 201, body: 'mine', replayed: true });
    const [{ count }] = await db.manager.query<[{ count: string }]>(
      `SELECT count(*) FROM idempotency_keys WHERE key = $1`,
      [mine.key],
    );
    expect(Number(count)).toBe(2);
  });
});
