import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountsModule } from '@claimdesk/accounts';
import { DomainError } from '@claimdesk/errors';
import { EventLog, type NewEvent } from '@claimdesk/events';
import { FetchFailure } from '@claimdesk/fetcher';
import type { Database } from '@claimdesk/persistence';
import { aJobRun, aPrincipal, rejectionOf, useTestContext } from '@claimdesk/testing';
import type { WebhookEvent } from './webhook-subscription.entity';
import type { CreatedSubscriptionView } from './webhook.views';
import { WebhooksModule } from './webhooks.module';
import { WebhooksService } from './webhooks.service';

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event: string;
  body: string;
  status: string;
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

interface OutboxRow {
  job_id: string;
  queue: string;
  name: string;
  data: Record<string, unknown>;
}

interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A subscriber's endpoint on 127.0.0.1: records every request with its raw
 * body, and answers the status set for its path (200 by default).
 */
interface Receiver {
  readonly host: string;
  url(path: string): string;
  received(path?: string): ReceivedRequest[];
  answer(path: string, status: number): void;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const statuses = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({
        method: request.method ?? '',
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(statuses.get(path) ?? 200, { 'content-type': 'text/plain' });
      response.end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received: (path) => received.filter((request) => path === undefined || request.path === path),
    answer: (path, status) => statuses.set(path, status),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A first attempt of a delivery job, for calling deliver() directly. */
const aRun = (overrides: Parameters<typeof aJobRun>[1] = {}) => aJobRun('webhook.deliver', overrides);

/** What a receiver computes to check a delivery: constant-time comparison of the signature header. */
function hasValidSignature(request: ReceivedRequest, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`);
  const given = Buffer.from(String(request.headers['x-claimdesk-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What `promise` rejects with; fails the test if it resolves. */
async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const hex = (bytes = 4): string => randomBytes(bytes).toString('hex');

describe('WebhooksService against PostgreSQL', () => {
  let receiver: Receiver;
  let webhooks: WebhooksService;
  let events: EventLog;
  let db: Database;
  let adminId: string;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });
  // On PostgreSQL and with no worker: the jobs the fan-out enqueues stay in the outbox table, where the tests read them.
  const context = useTestContext([WebhooksModule, AccountsModule], {
    env: () => ({ FETCH_ALLOWED_HOSTS: receiver.host }),
  });

  beforeAll(async () => {
    webhooks = context.get(WebhooksService);
    events = context.get(EventLog);
    db = context.db;
    adminId = (await aPrincipal(context.app, { name: 'Ada Admin', role: 'admin' })).userId;
  });

  afterEach(async () => {
    // Every test starts without subscriptions: one left over would get the next test's events.
    await db.manager.query(`UPDATE webhook_subscriptions SET deleted_at = now() WHERE deleted_at IS NULL`);
  });

  // ----- helpers -------------------------------------------------------------

  function aSubscription(
    events: WebhookEvent[] = ['claim.submitted'],
    url = receiver.url(`/hooks/${hex()}`),
  ): Promise<CreatedSubscriptionView> {
    return webhooks.subscribe(adminId, { url, events });
  }

  /** A bare claim row for events to point at (the claims lib is not under test here). */
  async function aClaim(): Promise<string> {
    const text = `Claim ${hex(6)}`;
    const [row] = await db.manager.query<{ id: string }[]>(
      `INSERT INTO claims (text, normalized_text, text_hash, fingerprint)
       VALUES ($1, lower($1), md5(lower($1)), '{}') RETURNING id`,
      [text],
    );
    return row!.id;
  }

  async function aSource(): Promise<string> {
    const url = `https://news.example.com/${hex()}`;
    const [row] = await db.manager.query<{ id: string }[]>(
      `INSERT INTO sources (url, normalized_url) VALUES ($1, $1) RETURNING id`,
      [url],
    );
    return row!.id;
  }

  function submitted(claimId: string, overrides: Partial<NewEvent> = {}): NewEvent {
    return {
      claimId,
      actorId: adminId,
      action: 'claim.submitted',
      toStatus: 'submitted',
      data: { text: 'The claim as submitted' },
      ...overrides,
    };
  }

  const deliveriesOf = (subscriptionId: string): Promise<DeliveryRow[]> =>
    db.manager.query<DeliveryRow[]>(
      `SELECT * FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at, body`,
      [subscriptionId],
    );

  const deliveryRow = async (id: string): Promise<DeliveryRow> =>
    (await db.manager.query<DeliveryRow[]>(`SELECT * FROM webhook_deliveries WHERE id = $1`, [id]))[0]!;

  const outboxJobsFor = (deliveryIds: readonly string[]): Promise<OutboxRow[]> =>
    db.manager.query<OutboxRow[]>(
      `SELECT job_id, queue, name, data FROM outbox_job WHERE data->>'deliveryId' = ANY($1) ORDER BY id`,
      [deliveryIds],
    );

  /** Records `event` and returns the one delivery it made for `subscriptionId`. */
  async function deliveryFor(subscriptionId: string, event: NewEvent): Promise<DeliveryRow> {
    await db.transaction(() => events.record(event));
    const rows = await deliveriesOf(subscriptionId);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  // ----- subscriptions -------------------------------------------------------

  describe('subscribe, list and remove', () => {
    it('creates a subscription and shows its secret once', async () => {
      const url = receiver.url('/hooks/created');
      const created = await webhooks.subscribe(adminId, { url, events: ['claim.published', 'source.changed'] });

      expect(created).toEqual({
        id: expect.any(String) as string,
        url,
        events: ['claim.published', 'source.changed'],
        createdBy: adminId,
        createdAt: expect.any(Date) as Date,
        secret: expect.stringMatching(/^whsec_[0-9a-f]{64}$/) as string,
      });
      const listed = await webhooks.list(undefined, 50);
      expect(listed).toEqual({ items: [{ ...created, secret: undefined }], nextCursor: null });
      expect(listed.items[0]).not.toHaveProperty('secret');
      const [stored] = await db.manager.query<{ secret: string }[]>(
        `SELECT secret FROM webhook_subscriptions WHERE id = $1`,
        [created.id],
      );
      expect(stored!.secret).toBe(created.secret);
    });

    it('gives every subscription a secret of its own', async () => {
      const [first, second] = [await aSubscription(), await aSubscription()];
      expect(first.secret).not.toBe(second.secret);
    });

    it('stores the URL in its canonical form', async () => {
      const created = await webhooks.subscribe(adminId, {
        url: '  HTTPS://Hooks.Example.ORG:443/in#fragment ',
        events: ['claim.submitted'],
      });
      expect(created.url).toBe('https://hooks.example.org/in');
    });

    it.each([
      ['ftp://hooks.example.org/in', 'another scheme'],
      ['https://user:secret@hooks.example.org/in', 'credentials'],
      ['not a url', 'garbage'],
      [`https://hooks.example.org/${'a'.repeat(2100)}`, 'too long'],
    ])('refuses %s (%s) with webhook.invalid_url', async (url) => {
      const error = await rejectionOf(webhooks.subscribe(adminId, { url, events: ['claim.submitted'] }));
      expect(error).toMatchObject({ kind: 'invalid', code: 'webhook.invalid_url' });
    });

    it.each([
      [[], 'must name at least one event'],
      [['claim.submitted', 'claim.deleted'], 'must each be one of'],
      [['claim.submitted', 'claim.submitted'], 'must not name an event twice'],
    ])('refuses the events %j with webhook.invalid_events', async (events, message) => {
      const error = await rejectionOf(webhooks.subscribe(adminId, { url: receiver.url('/hooks/x'), events }));
      expect(error).toMatchObject({ kind: 'invalid', code: 'webhook.invalid_events' });
      expect(error.details.errors).toEqual([{ field: 'events', message: expect.stringContaining(message) as string }]);
      expect((await webhooks.list(undefined, 50)).items).toEqual([]);
    });

    it('lists newest first, page by page', async () => {
      const created: string[] = [];
      for (let n = 0; n < 5; n++) created.push((await aSubscription()).id);

      const first = await webhooks.list(undefined, 2);
      const second = await webhooks.list(first.nextCursor!, 2);
      const third = await webhooks.list(second.nextCursor!, 2);

      expect([first, second, third].flatMap((page) => page.items.map((item) => item.id))).toEqual(
        [...created].reverse(),
      );
      expect(third.nextCursor).toBeNull();
    });

    it('refuses a cursor it did not give out', async () => {
      for (const cursor of ['nonsense', Buffer.from('{"t":"99999999999999999","i":"x"}').toString('base64url')]) {
        await expect(webhooks.list(cursor, 2)).rejects.toMatchObject({ code: 'cursor.invalid' });
      }
    });

    it('shows one subscription without its secret; a deleted or unknown one is not found', async () => {
      const created = await aSubscription(['claim.corrected']);

      expect(await webhooks.subscription(created.id)).toEqual({ ...created, secret: undefined });
      expect(await webhooks.subscription(created.id)).not.toHaveProperty('secret');
      await webhooks.remove(created.id);
      await expect(webhooks.subscription(created.id)).rejects.toMatchObject({ code: 'webhook.not_found' });
      await expect(webhooks.subscription('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
        kind: 'not_found',
      });
    });

    it('removes a subscription from the list; removing it again, or an unknown one, is not found', async () => {
      const kept = await aSubscription();
      const removed = await aSubscription();

      await webhooks.remove(removed.id);

      expect((await webhooks.list(undefined, 50)).items.map((item) => item.id)).toEqual([kept.id]);
      await expect(webhooks.remove(removed.id)).rejects.toMatchObject({ kind: 'not_found', code: 'webhook.not_found' });
      await expect(webhooks.remove('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
        code: 'webhook.not_found',
      });
      await expect(webhooks.listDeliveries(removed.id, undefined, 10)).rejects.toMatchObject({
        code: 'webhook.not_found',
      });
    });
  });

  // ----- fan-out -------------------------------------------------------------

  describe('fan-out of recorded events', () => {
    it('writes one delivery and one outbox job per matching subscription, inside the event’s transaction', async () => {
      const first = await aSubscription(['claim.submitted']);
      const second = await aSubscription(['claim.published', 'claim.submitted']);
      const other = await aSubscription(['claim.published']);
      const claimId = await aClaim();

      const seenInside = await db.transaction(async () => {
        await events.record(submitted(claimId));
        const [row] = await db.manager.query<{ deliveries: number; jobs: number }[]>(
          `SELECT (SELECT count(*)::int FROM webhook_deliveries WHERE body LIKE '%' || $1 || '%') AS deliveries,
                  (SELECT count(*)::int FROM outbox_job WHERE name = 'webhook.deliver'
                      AND data->>'deliveryId' IN (SELECT id::text FROM webhook_deliveries WHERE body LIKE '%' || $1 || '%')) AS jobs`,
          [claimId],
        );
        return row;
      });
      expect(seenInside).toEqual({ deliveries: 2, jobs: 2 });

      const [delivery] = await deliveriesOf(first.id);
      const [secondDelivery] = await deliveriesOf(second.id);
      expect(await deliveriesOf(other.id)).toEqual([]);
      expect(delivery).toMatchObject({ event: 'claim.submitted', status: 'pending', attempts: 0 });
      const [eventRow] = await db.manager.query<{ at: Date }[]>(
        `SELECT at FROM events WHERE claim_id = $1 AND action = 'claim.submitted'`,
        [claimId],
      );
      expect(delivery!.body).toBe(
        JSON.stringify({
          id: delivery!.id,
          event: 'claim.submitted',
          at: eventRow!.at.toISOString(),
          data: { text: 'The claim as submitted', claimId, to: 'submitted' },
        }),
      );
      expect(JSON.parse(secondDelivery!.body)).toMatchObject({ id: secondDelivery!.id, data: { claimId } });
      expect(await outboxJobsFor([delivery!.id, secondDelivery!.id])).toEqual([
        {
          job_id: `webhook.deliver.${delivery!.id}`,
          queue: 'webhooks',
          name: 'webhook.deliver',
          data: { deliveryId: delivery!.id },
        },
        {
          job_id: `webhook.deliver.${secondDelivery!.id}`,
          queue: 'webhooks',
          name: 'webhook.deliver',
          data: { deliveryId: secondDelivery!.id },
        },
      ]);
    });

    it('writes nothing when the event’s transaction rolls back', async () => {
      const subscription = await aSubscription();
      const claimId = await aClaim();
      let inside: DeliveryRow[] = [];

      await expect(
        db.transaction(async () => {
          await events.record(submitted(claimId));
          inside = await deliveriesOf(subscription.id);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');

      expect(inside).toHaveLength(1);
      expect(await deliveriesOf(subscription.id)).toEqual([]);
      expect(await outboxJobsFor([inside[0]!.id])).toEqual([]);
    });

    it('gives a deleted subscription nothing', async () => {
      const deleted = await aSubscription();
      const kept = await aSubscription();
      await webhooks.remove(deleted.id);

      await db.transaction(async () => events.record(submitted(await aClaim())));

      expect(await deliveriesOf(deleted.id)).toEqual([]);
      expect(await deliveriesOf(kept.id)).toHaveLength(1);
    });

    it('delivers to a subscription created just before the event', async () => {
      const claimId = await aClaim();
      await db.transaction(() => events.record(submitted(claimId)));
      const late = await aSubscription();

      await db.transaction(() => events.record(submitted(claimId, { action: 'claim.submitted' })));

      expect(await deliveriesOf(late.id)).toHaveLength(1);
    });

    it('delivers only the events a subscription asked for', async () => {
      const statusOnly = await aSubscription(['claim.status_changed']);
      const claimId = await aClaim();

      await db.transaction(async () => {
        await events.record(submitted(claimId));
        await events.record({ claimId, actorId: adminId, action: 'claim.edited', data: { tags: ['x'] } });
        await events.record({
          claimId,
          actorId: adminId,
          action: 'claim.status_changed',
          fromStatus: 'submitted',
          toStatus: 'in_review',
          data: { reason: 'picked up' },
        });
      });

      const rows = await deliveriesOf(statusOnly.id);
      expect(rows.map((row) => row.event)).toEqual(['claim.status_changed']);
      expect(JSON.parse(rows[0]!.body)).toMatchObject({
        event: 'claim.status_changed',
        data: { reason: 'picked up', claimId, from: 'submitted', to: 'in_review' },
      });
    });

    it.each<[WebhookEvent]>([['claim.published'], ['claim.corrected']])('delivers %s', async (action) => {
      const subscription = await aSubscription([action]);
      const delivery = await deliveryFor(subscription.id, submitted(await aClaim(), { action, data: { n: 1 } }));
      expect(delivery.event).toBe(action);
    });

    it('delivers source.changed once, for the source, not for each claim citing it', async () => {
      const subscription = await aSubscription(['source.changed']);
      const sourceId = await aSource();
      const [firstClaim, secondClaim] = [await aClaim(), await aClaim()];
      const data = { snapshotId: null, textLength: 120 };

      await db.transaction(async () => {
        await events.record({
          sourceId,
          actorId: null,
          action: 'source.changed',
          fromStatus: 'fetched',
          toStatus: 'changed',
          data,
        });
        await events.recordMany(
          [firstClaim, secondClaim].map((claimId) => ({
            claimId,
            actorId: null,
            action: 'source.changed',
            data: { sourceId, ...data },
          })),
        );
      });

      const rows = await deliveriesOf(subscription.id);
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]!.body)).toMatchObject({
        event: 'source.changed',
        data: { ...data, sourceId, from: 'fetched', to: 'changed' },
      });
      expect((JSON.parse(rows[0]!.body) as { data: object }).data).not.toHaveProperty('claimId');
    });

    it('fans a batch of events out to every subscription each matches', async () => {
      const submittedOnly = await aSubscription(['claim.submitted']);
      const both = await aSubscription(['claim.submitted', 'claim.published']);
      const claims = [await aClaim(), await aClaim(), await aClaim()];

      await db.transaction(() =>
        events.recordMany([
          ...claims.map((claimId) => submitted(claimId)),
          { claimId: claims[0]!, actorId: adminId, action: 'claim.published', toStatus: 'published' },
        ]),
      );

      expect((await deliveriesOf(submittedOnly.id)).map((row) => row.event)).toEqual(Array(3).fill('claim.submitted'));
      const bothRows = await deliveriesOf(both.id);
      expect(bothRows.map((row) => row.event).sort()).toEqual([
        'claim.published',
        'claim.submitted',
        'claim.submitted',
        'claim.submitted',
      ]);
      expect(await outboxJobsFor(bothRows.map((row) => row.id))).toHaveLength(4);
      expect(new Set(bothRows.map((row) => row.id)).size).toBe(4);
    });

    it('writes nothing when no subscription listens', async () => {
      const claimId = await aClaim();
      await db.transaction(() => events.record(submitted(claimId)));
      const [row] = await db.manager.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM webhook_deliveries WHERE body LIKE '%' || $1 || '%'`,
        [claimId],
      );
      expect(row!.count).toBe(0);
    });
  });

  // ----- delivery ------------------------------------------------------------

  describe('deliver', () => {
    it('POSTs the stored body, signed with the subscription’s secret, with the event and delivery headers', async () => {
      const path = `/hooks/signed-${hex()}`;
      const subscription = await aSubscription(['claim.submitted'], receiver.url(path));
      const delivery = await deliveryFor(subscription.id, submitted(await aClaim()));

      expect(await webhooks.deliver(delivery.id, aRun())).toEqual({ outcome: 'delivered', status: 200 });

      const [request] = receiver.received(path);
      expect(receiver.received(path)).toHaveLength(1);
      expect(request!.method).toBe('POST');
      expect(request!.body).toBe(delivery.body);
      expect(request!.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': expect.stringMatching(/^Claimdesk/) as string,
        'x-claimdesk-event': 'claim.submitted',
        'x-claimdesk-delivery': delivery.id,
        'x-claimdesk-signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/) as string,
      });
      expect(hasValidSignature(request!, subscription.secret)).toBe(true);
      expect(hasValidSignature(request!, (await aSubscription()).secret)).toBe(false);
      expect(await deliveryRow(delivery.id)).toMatchObject({
        status: 'delivered',
        attempts: 1,
        response_status: 200,
        last_error: null,
        delivered_at: expect.any(Date) as Date,
      });
    });

    it('is idempotent: a delivered delivery is not sent again', async () => {
      const path = `/hooks/once-${hex()}`;
      const subscription = await aSubscription(['claim.submitted'], receiver.url(path));
      const delivery = await deliveryFor(subscription.id, submitted(await aClaim()));
      await webhooks.deliver(delivery.id, aRun());

      expect(await webhooks.deliver(delivery.id, aRun({ attempt: 2 }))).toEqual({
        outcome: 'already_done',
        status: 'delivered',
      });

      expect(receiver.received(path)).toHaveLength(1);
      expect(await deliveryRow(delivery.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    });

    it('records a transient failure and rethrows it for a retry, the delivery still pending', async () => {
      const path = `/hooks/busy-${hex()}`;
      receiver.answer(path, 503);
      const subscription = await aSubscription(['claim.submitted'], receiver.url(path));
      const delivery = await deliveryFor(subscription.id, submitted(await aClaim()));

      const error = await errorOf(webhooks.deliver(delivery.id, aRun()));

      expect(error).toBeInstanceOf(FetchFailure);
      expect(error).not.toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'http_503', permanent: false });
      expect(await deliveryRow(delivery.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        response_status: 503,
        last_error: 'http_503',
        delivered_at: null,
      });

      // The retry succeeds once the receiver is back.
      receiver.answer(path, 202);
      expect(await webhooks.deliver(delivery.id, aRun({ attempt: 2 }))).toEqual({ outcome: 'delivered', status: 202 });
      expect(await deliveryRow(delivery.id)).toMatchObject({
        status: 'delivered',
        attempts: 2,
        response_status: 202,
        last_error: null,
      });
      expect(receiver.received(path)).toHaveLength(2);
    });

    it('gives up after a transient failure on the last attempt', async () => {
      const path = `/hooks/down-${hex()}`;
      receiver.answer(path, 500);
      const subscription = await aSubscription(['claim.submitted'], receiver.url(path));
      const delivery = await deliveryFor(subscription.id, submitted(await aClaim()));

      const error = await errorOf(webhooks.deliver(delivery.id, aRun({ attempt: 5, finalAttempt: true })));

      expect(error).toMatchObject({ code: 'http_500' });
      expect(await deliveryRow(delivery.id)).toMatchObject({
        status: 'failed',
        attempts: 1,
        response_status: 500,
        last_error: 'http_500',
      });
    });

    it('fails for good on a permanent failure, as unprocessable', async () => {
      const path = `/hooks/gone-${hex()}`;
      receiver.answer(path, 410);
      const subscription = await aSubscription(['claim.submitted'], receiver.url(path));
      const delivery = await deliveryFor(subscription.id, submitted(await aClaim()));

      const error = await errorOf(webhooks.deliver(delivery.id, aRun()));

      expect(error).toMatchObject({ kind: 'unprocessable', code: 'webhook_delivery.failed' });
      expect((error as Error).message).toMatch(/^http_410/);
      expect(await deliveryRow(delivery.id)).toMatchObject({
        status: 'failed',
        attempts: 1,
        response_status: 410,
        last_error: 'http_410',
      });
      // A stale run of the job leaves the failed delivery alone.
      expect(await webhooks.deliver(delivery.id, aRun())).toEqual({ outcome: 'already_done', status: 'failed' });
      expect(receiver.received(path)).toHaveLength(1);
    });

    it('refuses an address that is not allowed, without connecting', async () => {
      const elsewhere = await startReceiver();
      try {
        const subscription = await aSubscription(['claim.submitted'], elsewhere.url('/hooks/blocked'));
        const delivery = await deliveryFor(subscription.id, submitted(await aClaim()));

        const error = await errorOf(webhooks.deliver(delivery.id, aRun()));

        expect(error).toMatchObject({ kind: 'unprocessable', code: 'webhook_delivery.failed' });
        expect(await deliveryRow(delivery.id)).toMatchObject({
          status: 'failed',
          attempts: 1,
          response_status: null,
          last_error: 'blocked_address',
        });
        expect(elsewhere.received()).toEqual([]);
      } finally {
        await elsewhere.close();
      }
    });

    it('sends nothing for a subscription deleted after the event', async () => {
      const path = `/hooks/deleted-${hex()}`;
      const subscription = await aSubscription(['claim.submitted'], receiver.url(path));
      const delivery = await deliveryFor(subscription.id, submitted(await aClaim()));
      await webhooks.remove(subscription.id);

      expect(await webhooks.deliver(delivery.id, aRun())).toEqual({ outcome: 'subscription_deleted' });

      expect(receiver.received(path)).toEqual([]);
      expect(await deliveryRow(delivery.id)).toMatchObject({
        status: 'failed',
        attempts: 0,
        last_error: 'subscription_deleted',
      });
    });

    it('gives up on a delivery that does not exist', async () => {
      await expect(webhooks.deliver('00000000-0000-4000-8000-000000000000', aRun())).rejects.toMatchObject({
        kind: 'not_found',
        code: 'webhook_delivery.not_found',
      });
    });
  });

  // ----- deliveries and replay -----------------------------------------------

  describe('listDeliveries and replay', () => {
    it('lists a subscription’s deliveries newest first, page by page', async () => {
      const subscription = await aSubscription();
      const claimId = await aClaim();
      for (let n = 0; n < 5; n++) await db.transaction(() => events.record(submitted(claimId, { data: { n } })));

      const first = await webhooks.listDeliveries(subscription.id, undefined, 2);
      const second = await webhooks.listDeliveries(subscription.id, first.nextCursor!, 2);
      const third = await webhooks.listDeliveries(subscription.id, second.nextCursor!, 2);

      const listed = [first, second, third].flatMap((page) => page.items);
      expect(third.nextCursor).toBeNull();
      expect(listed).toHaveLength(5);
      const ns = await Promise.all(
        listed.map(async (item) => (JSON.parse((await deliveryRow(item.id)).body) as { data: { n: number } }).data.n),
      );
      expect(ns).toEqual([4, 3, 2, 1, 0]);
      expect(listed[0]).toEqual({
        id: expect.any(String) as string,
        subscriptionId: subscription.id,
        event: 'claim.submitted',
        status: 'pending',
        attempts: 0,
        responseStatus: null,
        lastError: null,
        createdAt: expect.any(Date) as Date,
        deliveredAt: null,
      });
    });

    it('replays a delivered delivery: pending again, a new job, sent again with the same body', async () => {
      const path = `/hooks/replay-${hex()}`;
      const subscription = await aSubscription(['claim.submitted'], receiver.url(path));
      const delivery = await deliveryFor(subscription.id, submitted(await aClaim()));
      await webhooks.deliver(delivery.id, aRun());

      const replayed = await webhooks.replay(subscription.id, delivery.id);

      expect(replayed).toMatchObject({ id: delivery.id, status: 'pending', attempts: 1, deliveredAt: null });
      const jobs = await outboxJobsFor([delivery.id]);
      expect(jobs.map((job) => job.job_id)).toEqual([
        `webhook.deliver.${delivery.id}`,
        expect.stringMatching(new RegExp(`^webhook\\.deliver\\.${delivery.id}\\.replay-`)) as string,
      ]);

      await webhooks.deliver(delivery.id, aRun());
      const requests = receiver.received(path);
      expect(requests).toHaveLength(2);
      expect(requests[1]!.body).toBe(requests[0]!.body);
      expect(hasValidSignature(requests[1]!, subscription.secret)).toBe(true);
      expect(await deliveryRow(delivery.id)).toMatchObject({ status: 'delivered', attempts: 2 });
    });

    it('replays a failed delivery', async () => {
      const path = `/hooks/replay-failed-${hex()}`;
      receiver.answer(path, 404);
      const subscription = await aSubscription(['claim.submitted'], receiver.url(path));
      const delivery = await deliveryFor(subscription.id, submitted(await aClaim()));
      await expect(webhooks.deliver(delivery.id, aRun())).rejects.toMatchObject({ kind: 'unprocessable' });
      receiver.answer(path, 200);

      await webhooks.replay(subscription.id, delivery.id);
      expect(await webhooks.deliver(delivery.id, aRun())).toEqual({ outcome: 'delivered', status: 200 });
      expect(await deliveryRow(delivery.id)).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    });

    it('refuses to replay a delivery still pending, one of another subscription, or of a deleted one', async () => {
      const subscription = await aSubscription();
      const other = await aSubscription(['claim.published']);
      const delivery = await deliveryFor(subscription.id, submitted(await aClaim()));

      await expect(webhooks.replay(subscription.id, delivery.id)).rejects.toMatchObject({
        kind: 'conflict',
        code: 'webhook_delivery.pending',
      });
      await expect(webhooks.replay(other.id, delivery.id)).rejects.toMatchObject({
        kind: 'not_found',
        code: 'webhook_delivery.not_found',
      });
      await db.manager.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1`, [delivery.id]);
      await webhooks.remove(subscription.id);
      await expect(webhooks.replay(subscription.id, delivery.id)).rejects.toMatchObject({
        code: 'webhook.not_found',
      });
      expect(await outboxJobsFor([delivery.id])).toHaveLength(1);
    });
  });
});
