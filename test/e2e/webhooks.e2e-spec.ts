import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { eventually, queueBackends } from '@claimdesk/testing';
import { TestApi } from '../support/api-harness';
import { expectProblem, type Problem } from '../support/problems';

interface Webhook {
  id: string;
  url: string;
  events: string[];
  createdBy: string | null;
  createdAt: string;
  secret?: string;
}

interface Delivery {
  id: string;
  subscriptionId: string;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Received {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether X-Claimdesk-Signature matched the HMAC of the body under the path's secret. */
  signatureValid: boolean;
}

/**
 * A subscriber on 127.0.0.1: verifies each delivery's signature with the
 * secret registered for its path, as a real receiver would (constant-time),
 * and answers the statuses queued for the path, then 200.
 */
interface Receiver {
  readonly host: string;
  url(path: string): string;
  /** The secret deliveries to `path` must be signed with. */
  trust(path: string, secret: string): void;
  /** Answers the next requests to `path` with these statuses, in order. */
  answer(path: string, ...statuses: number[]): void;
  received(path: string): Received[];
  connections(): number;
  close(): Promise<void>;
}

function verifySignature(header: string | string[] | undefined, body: Buffer, secret: string | undefined): boolean {
  if (secret === undefined || typeof header !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const secrets = new Map<string, string>();
  const answers = new Map<string, number[]>();
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const body = Buffer.concat(chunks);
      received.push({
        path,
        method: request.method ?? '',
        headers: request.headers,
        body: body.toString('utf8'),
        signatureValid: verifySignature(request.headers['x-claimdesk-signature'], body, secrets.get(path)),
      });
      const status = answers.get(path)?.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status === 200 ? 'ok' : 'try again');
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    trust: (path, secret) => secrets.set(path, secret),
    answer: (path, ...statuses) => answers.set(path, statuses),
    received: (path) => received.filter((request) => request.path === path),
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const uniquePath = (name: string): string => `/hooks/${name}-${randomBytes(4).toString('hex')}`;

describe.each(queueBackends())('webhooks through the queue on the $kind backend', (backend) => {
  let receiver: Receiver;
  /** Listens on a port FETCH_ALLOWED_HOSTS does not name: it must never see a connection. */
  let unlisted: Receiver;
  let api: TestApi;
  let admin: string;
  let submitter: string;

  beforeAll(async () => {
    [receiver, unlisted] = await Promise.all([startReceiver(), startReceiver()]);
    api = await TestApi.start(backend, { worker: true, env: { FETCH_ALLOWED_HOSTS: receiver.host } });
    admin = await api.token('admin');
    submitter = await api.token('submitter');
  });

  afterEach(async () => {
    const { body } = await api.request<Page<Webhook>>('GET', '/api/v1/webhooks?limit=100', { token: admin });
    for (const webhook of body.items) {
      await api.request('DELETE', `/api/v1/webhooks/${webhook.id}`, { token: admin });
    }
  });

  afterAll(async () => {
    await api?.close();
    await Promise.all([receiver?.close(), unlisted?.close()]);
  });

  /** Subscribes `url` to claim.submitted and has the receiver trust the secret it got. */
  async function subscribe(target: Receiver, path: string, events = ['claim.submitted']): Promise<Webhook> {
    const response = await api.request<Webhook>('POST', '/api/v1/webhooks', {
      token: admin,
      body: { url: target.url(path), events },
    });
    expect(response.status).toBe(201);
    target.trust(path, response.body.secret!);
    return response.body;
  }

  async function submitClaim(): Promise<{ id: string; text: string }> {
    const text = `A webhook-worthy claim ${randomUUID()}`;
    const response = await api.request<{ id: string; text: string }>('POST', '/api/v1/claims', {
      token: submitter,
      body: { text },
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  const deliveriesOf = async (webhookId: string): Promise<Delivery[]> => {
    const response = await api.request<Page<Delivery>>('GET', `/api/v1/webhooks/${webhookId}/deliveries`, {
      token: admin,
    });
    expect(response.status).toBe(200);
    return response.body.items;
  };

  /** Waits until the webhook's only delivery is no longer pending, and returns it. */
  const settledDelivery = (webhookId: string): Promise<Delivery> =>
    eventually(
      async () => {
        const items = await deliveriesOf(webhookId);
        return items.length === 1 && items[0]!.status !== 'pending' ? items[0] : undefined;
      },
      20_000,
      `the delivery of webhook ${webhookId}`,
    );

  it('delivers claim.submitted once to a subscriber, signed, with the event and delivery headers', async () => {
    const path = uniquePath('signed');
    const webhook = await subscribe(receiver, path);
    expect(webhook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);

    const claim = await submitClaim();

    const delivery = await settledDelivery(webhook.id);
    expect(delivery).toMatchObject({
      subscriptionId: webhook.id,
      event: 'claim.submitted',
      status: 'delivered',
      attempts: 1,
      responseStatus: 200,
      lastError: null,
    });
    const requests = receiver.received(path);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.signatureValid).toBe(true);
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-claimdesk-event': 'claim.submitted',
      'x-claimdesk-delivery': delivery.id,
      'x-claimdesk-signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/) as string,
    });
    const body = JSON.parse(request!.body) as { id: string; event: string; at: string; data: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['id', 'event', 'at', 'data']);
    expect(body).toMatchObject({
      id: delivery.id,
      event: 'claim.submitted',
      data: { claimId: claim.id, text: claim.text, to: 'submitted' },
    });
    expect(new Date(body.at).toISOString()).toBe(body.at);

    // The delivery is in the claim's audit trail, without the subscriber's address.
    const events = await eventually(async () => {
      const { body: page } = await api.request<{ items: { action: string; data: Record<string, unknown> }[] }>(
        'GET',
        `/api/v1/claims/${claim.id}/events`,
        { token: submitter },
      );
      return page.items.some((event) => event.action === 'webhook.delivered') ? page.items : undefined;
    });
    const delivered = events.find((event) => event.action === 'webhook.delivered')!;
    expect(delivered.data).toMatchObject({ deliveryId: delivery.id, event: 'claim.submitted', responseStatus: 200 });
    expect(JSON.stringify(delivered.data)).not.toContain('127.0.0.1');
  });

  it('retries a subscriber that answers 500 twice, until it answers 200', async () => {
    const path = uniquePath('flaky');
    receiver.answer(path, 500, 500);
    const webhook = await subscribe(receiver, path);

    await submitClaim();

    const delivery = await settledDelivery(webhook.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200, lastError: null });
    const requests = receiver.received(path);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    expect(requests.every((request) => request.signatureValid)).toBe(true);
    expect(requests.map((request) => request.headers['x-claimdesk-delivery'])).toEqual(Array(3).fill(delivery.id));
  });

  it('refuses a subscriber on a port FETCH_ALLOWED_HOSTS does not name, before connecting', async () => {
    const path = uniquePath('unlisted');
    const webhook = await subscribe(unlisted, path);

    await submitClaim();

    const delivery = await settledDelivery(webhook.id);
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: 1,
      responseStatus: null,
      lastError: 'blocked_address',
    });
    expect(unlisted.connections()).toBe(0);
    expect(unlisted.received(path)).toEqual([]);
  });

  it('replays a delivery: the same body, signed again, under the same delivery id', async () => {
    const path = uniquePath('replay');
    const webhook = await subscribe(receiver, path);
    await submitClaim();
    const delivery = await settledDelivery(webhook.id);

    const replay = await api.request<Delivery>(
      'POST',
      `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/replay`,
      { token: admin },
    );

    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ id: delivery.id, status: 'pending', deliveredAt: null });
    const again = await eventually(
      async () => {
        const [current] = await deliveriesOf(webhook.id);
        return current?.status === 'delivered' && current.attempts === 2 ? current : undefined;
      },
      20_000,
      'the replayed delivery',
    );
    expect(again.id).toBe(delivery.id);
    const requests = receiver.received(path);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.body).toBe(requests[0]!.body);
    expect(requests[1]!.signatureValid).toBe(true);
    expect(requests[1]!.headers['x-claimdesk-delivery']).toBe(delivery.id);
  });

  it('lists subscriptions without their secrets, and deletes them', async () => {
    const path = uniquePath('listed');
    const webhook = await subscribe(receiver, path, ['claim.published', 'source.changed']);

    const listed = await api.request<Page<Webhook>>('GET', '/api/v1/webhooks', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        id: webhook.id,
        url: receiver.url(path),
        events: ['claim.published', 'source.changed'],
        createdBy: expect.any(String) as string,
        createdAt: webhook.createdAt,
      },
    ]);
    expect(listed.text).not.toContain(webhook.secret!);

    const deleted = await api.request('DELETE', `/api/v1/webhooks/${webhook.id}`, { token: admin });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await api.request<Page<Webhook>>('GET', '/api/v1/webhooks', { token: admin })).body.items).toEqual([]);
    expectProblem(
      await api.request<Problem>('DELETE', `/api/v1/webhooks/${webhook.id}`, { token: admin }),
      404,
      'webhook.not_found',
    );
    expectProblem(
      await api.request<Problem>('GET', `/api/v1/webhooks/${webhook.id}/deliveries`, { token: admin }),
      404,
      'webhook.not_found',
    );

    // A claim submitted after the deletion reaches nobody.
    await submitClaim();
    expect(receiver.received(path)).toEqual([]);
  });
});

describe('webhooks API: who may call it, and what it refuses', () => {
  const api = TestApi.use();
  let admin: string;

  beforeAll(async () => {
    admin = await api.token('admin');
  });

  const validBody = { url: 'https://hooks.example.org/claimdesk', events: ['claim.submitted'] };

  it.each(['submitter', 'reviewer', 'editor'] as const)('refuses %s on every webhooks route with 403', async (role) => {
    const token = await api.token(role);
    const id = randomUUID();
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/v1/webhooks', validBody],
      ['GET', '/api/v1/webhooks'],
      ['DELETE', `/api/v1/webhooks/${id}`],
      ['GET', `/api/v1/webhooks/${id}/deliveries`],
      ['POST', `/api/v1/webhooks/${id}/deliveries/${randomUUID()}/replay`],
    ];
    for (const [method, path, body] of routes) {
      expectProblem(await api.request<Problem>(method, path, { token, body }), 403, 'auth.role_too_low');
    }
    const { body } = await api.request<Page<Webhook>>('GET', '/api/v1/webhooks', { token: admin });
    expect(body.items).toEqual([]);
  });

  it('refuses callers without a token with 401', async () => {
    expectProblem(
      await api.request<Problem>('POST', '/api/v1/webhooks', { body: validBody }),
      401,
      'auth.missing_token',
    );
  });

  it.each<[string, unknown, string]>([
    ['an unknown field', { ...validBody, secret: 'mine' }, 'secret'],
    ['no url', { events: ['claim.submitted'] }, 'url'],
    ['a url that is not text', { ...validBody, url: 42 }, 'url'],
    ['no events', { url: validBody.url }, 'events'],
    ['events that are not an array', { ...validBody, events: 'claim.submitted' }, 'events'],
    ['an empty events list', { ...validBody, events: [] }, 'events'],
    ['an unknown event', { ...validBody, events: ['claim.submitted', 'claim.deleted'] }, 'events'],
    ['an event named twice', { ...validBody, events: ['claim.submitted', 'claim.submitted'] }, 'events'],
    ['an event that is not text', { ...validBody, events: [7] }, 'events'],
  ])('refuses a subscription with %s (400, naming the field)', async (_, body, field) => {
    const response = await api.request<Problem>('POST', '/api/v1/webhooks', { token: admin, body });
    expectProblem(response, 400, 'request.invalid');
    expect(response.body.errors?.map((error) => error.field)).toContain(field);
  });

  it.each(['ftp://hooks.example.org/in', 'https://user:secret@hooks.example.org/in', 'not a url'])(
    'refuses the URL %s (400 webhook.invalid_url)',
    async (url) => {
      const response = await api.request<Problem>('POST', '/api/v1/webhooks', {
        token: admin,
        body: { ...validBody, url },
      });
      expectProblem(response, 400, 'webhook.invalid_url');
      expect(response.body.errors).toEqual([{ field: 'url', message: expect.any(String) as string }]);
    },
  );

  it('refuses a body that is not a JSON object, and malformed JSON', async () => {
    expectProblem(
      await api.request<Problem>('POST', '/api/v1/webhooks', { token: admin, body: [validBody] }),
      400,
      'request.invalid',
    );
    const malformed = await api.request<Problem>('POST', '/api/v1/webhooks', {
      token: admin,
      rawBody: '{"url": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['GET', '/api/v1/webhooks/not-a-uuid/deliveries', 'id'],
    ['DELETE', '/api/v1/webhooks/not-a-uuid', 'id'],
    ['POST', `/api/v1/webhooks/${randomUUID()}/deliveries/not-a-uuid/replay`, 'deliveryId'],
    ['GET', '/api/v1/webhooks?limit=0', 'limit'],
    ['GET', '/api/v1/webhooks?limit=101', 'limit'],
    ['GET', '/api/v1/webhooks?cursor=nonsense', 'cursor'],
    ['GET', '/api/v1/webhooks?color=blue', 'color'],
  ])('refuses %s %s (400, naming %s)', async (method, path, field) => {
    const response = await api.request<Problem>(method, path, { token: admin });
    expect(response.status).toBe(400);
    expectProblem(response, 400, response.body.code);
    expect(response.body.errors?.map((error) => error.field)).toContain(field);
  });

  it('answers 404 for unknown subscriptions and deliveries', async () => {
    const created = await api.request<Webhook>('POST', '/api/v1/webhooks', { token: admin, body: validBody });
    expect(created.status).toBe(201);
    expectProblem(
      await api.request<Problem>('POST', `/api/v1/webhooks/${randomUUID()}/deliveries/${randomUUID()}/replay`, {
        token: admin,
      }),
      404,
      'webhook.not_found',
    );
    expectProblem(
      await api.request<Problem>('POST', `/api/v1/webhooks/${created.body.id}/deliveries/${randomUUID()}/replay`, {
        token: admin,
      }),
      404,
      'webhook_delivery.not_found',
    );
    const empty = await api.request<Page<Delivery>>('GET', `/api/v1/webhooks/${created.body.id}/deliveries`, {
      token: admin,
    });
    expect(empty.body).toEqual({ items: [], nextCursor: null });
  });
});
