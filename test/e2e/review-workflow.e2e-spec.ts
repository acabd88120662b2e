import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, queueBackends } from '@claimdesk/testing';
import { TestApi } from '../support/api-harness';

interface Verdict {
  id: string;
  reviewer: { id: string; name: string };
  rating: string;
}

interface Claim {
  id: string;
  status: string;
  version: number;
  verdicts: Verdict[];
  review: { version: number; rating: string; summary: string; corrections: { version: number; note: string }[] } | null;
  allowedTransitions: string[];
  assignees: { id: string }[];
  disagreement: boolean;
  tiebreakRequested: boolean;
}

interface ClaimReviewBody {
  url: string;
  version: number;
  datePublished: string;
  dateModified: string;
  correction?: unknown[];
}

interface EventItem {
  action: string;
  from: string | null;
  to: string | null;
  data: Record<string, unknown>;
}

describe.each(queueBackends())('the review workflow on the $kind backend', (backend) => {
  let api: TestApi;
  let editor: string;
  let submitter: string;
  let receiver: Server;
  const received: { event: string; signature: string; body: string }[] = [];

  beforeAll(async () => {
    // A subscriber on loopback that keeps every delivery it is sent.
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          event: String(request.headers['x-claimdesk-event']),
          signature: String(request.headers['x-claimdesk-signature']),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    api = await TestApi.start(backend, { worker: true, env: { FETCH_ALLOWED_HOSTS: `127.0.0.1:${port}` } });
    editor = await api.token('editor');
    submitter = await api.token('submitter');
  });

  afterAll(async () => {
    await api?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const submitClaim = async (text: string, headline?: string): Promise<Claim> => {
    const { status, body } = await api.request<Claim>('POST', '/api/v1/claims', {
      token: submitter,
      body: {
        text,
        ...(headline === undefined ? {} : { headline }),
        claimant: { name: 'Jane Mayor', role: 'Mayor of Northfield' },
        claimDate: '2026-10-01',
      },
    });
    expect(status).toBe(201);
    return body;
  };

  const get = async (token: string, id: string): Promise<{ status: number; etag: string; body: Claim }> => {
    const response = await api.request<Claim>('GET', `/api/v1/claims/${id}`, { token });
    return { status: response.status, etag: String(response.headers.get('etag')), body: response.body };
  };

  const move = (id: string, body: Record<string, unknown>, etag?: string) =>
    api.request<Claim & { allowed?: string[] }>('POST', `/api/v1/claims/${id}/transitions`, {
      token: editor,
      body,
      headers: etag === undefined ? {} : { 'if-match': etag },
    });

  const settledStatus = (id: string, status: string) =>
    eventually(
      async () => {
        const { body } = await get(editor, id);
        return body.status === status ? body : undefined;
      },
      20_000,
      `claim ${id} to reach ${status}`,
    );

  it('takes a claim from submission to a published, corrected ClaimReview with blind verdicts', async () => {
    const first = await api.newUser('reviewer');
    const second = await api.newUser('reviewer');
    const { port } = receiver.address() as AddressInfo;
    const subscription = await api.request<{ id: string; secret: string }>('POST', '/api/v1/webhooks', {
      token: await api.token('admin'),
      body: {
        url: `http://127.0.0.1:${port}/hooks`,
        events: ['claim.submitted', 'claim.status_changed', 'claim.published', 'claim.corrected'],
      },
    });
    expect(subscription.status).toBe(201);
    const claim = await submitClaim(
      'Northfield will finish its flood wall before the end of 2029.',
      'Will Northfield have a flood wall by 2029?',
    );

    const triaged = await move(claim.id, { to: 'in_review', reason: 'Check-worthy' }, `"${claim.version}"`);
    expect(triaged.status).toBe(200);
    expect(triaged.headers.get('etag')).toBe(`"${claim.version + 1}"`);

    for (const reviewer of [first, second]) {
      const assigned = await api.request('POST', `/api/v1/claims/${claim.id}/assignments`, {
        token: editor,
        body: { reviewerEmail: reviewer.email },
      });
      expect(assigned.status).toBe(201);
    }
    const again = await api.request('POST', `/api/v1/claims/${claim.id}/assignments`, {
      token: editor,
      body: { reviewerEmail: first.email },
    });
    expect(again.status).toBe(200);
    const mine = await api.request<{ items: { id: string }[] }>('GET', '/api/v1/claims?assignee=me', {
      token: first.token,
    });
    expect(mine.body.items.map((item) => item.id)).toEqual([claim.id]);
    // The query takes `me` in any case, as its validation does.
    const shouted = await api.request<{ items: { id: string }[] }>('GET', '/api/v1/claims?assignee=ME', {
      token: first.token,
    });
    expect(shouted.status).toBe(200);
    expect(shouted.body.items.map((item) => item.id)).toEqual([claim.id]);

    const evidence = await api.request<{ id: string }>('POST', `/api/v1/claims/${claim.id}/evidence`, {
      token: first.token,
      body: { url: 'https://council.example.org/budget-2027', stance: 'refutes', excerpt: 'No funds are allocated' },
    });
    expect(evidence.status).toBe(201);

    const verdict = await api.request('POST', `/api/v1/claims/${claim.id}/verdicts`, {
      token: first.token,
      body: {
        rating: 'false',
        rationale: 'The budget allocates nothing to the wall.',
        evidenceIds: [evidence.body.id],
      },
    });
    expect(verdict.status).toBe(201);

    // Blind: the second reviewer sees no verdict before giving theirs, and no rating in the events.
    const before = await get(second.token, claim.id);
    expect(before.body.verdicts).toEqual([]);
    const hiddenEvents = await api.request<{ items: EventItem[] }>('GET', `/api/v1/claims/${claim.id}/events`, {
      token: second.token,
    });
    const hidden = hiddenEvents.body.items.find((event) => event.action === 'verdict.given')!;
    expect(hidden.data.rating).toBeUndefined();
    expect(hidden.data.ratingHidden).toBe(true);
    const ownOnly = await get(first.token, claim.id);
    expect(ownOnly.body.verdicts.map((item) => item.reviewer.id)).toEqual([first.id]);

    await api.request('POST', `/api/v1/claims/${claim.id}/verdicts`, {
      token: second.token,
      body: { rating: 'false', rationale: 'The contract ends in 2031.' },
    });
    const after = await get(second.token, claim.id);
    expect(after.body.verdicts.map((item) => item.reviewer.id).sort()).toEqual([first.id, second.id].sort());

    // Two agreeing verdicts: the status-change job moves it on its own.
    const awaiting = await settledStatus(claim.id, 'awaiting_approval');
    expect(awaiting.allowedTransitions.sort()).toEqual(['in_review', 'published', 'rejected']);

    const missingSummary = await move(claim.id, { to: 'published' });
    expect(missingSummary.status).toBe(400);

    const published = await move(claim.id, { to: 'published', summary: 'No money, no wall by 2029.' });
    expect(published.status).toBe(200);
    expect(published.body.review).toMatchObject({ version: 1, rating: 'false', corrections: [] });

    const jsonLd = await api.request<ClaimReviewBody>('GET', `/api/v1/claims/${claim.id}/claim-review`);
    expect(jsonLd.status).toBe(200);
    expect(String(jsonLd.headers.get('content-type'))).toContain('application/ld+json');
    expect(jsonLd.body).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      headline: 'Will Northfield have a flood wall by 2029?',
      claimReviewed: 'Northfield will finish its flood wall before the end of 2029.',
      reviewBody: 'No money, no wall by 2029.',
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 6, worstRating: 1, alternateName: 'False' },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Jane Mayor' },
        datePublished: '2026-10-01',
      },
      author: { '@type': 'Organization', name: 'Claimdesk' },
      version: 1,
    });
    expect(jsonLd.body.datePublished).toBe(jsonLd.body.dateModified);
    expect(jsonLd.body.url).toMatch(new RegExp(`/fact-checks/${claim.id}$`));

    // The public page its url names: no account needed, the same JSON-LD embedded.
    const page = await api.request('GET', `/fact-checks/${claim.id}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('Will Northfield have a flood wall by 2029?');
    expect(page.text).toContain('Our rating: <span class="fact-check__rating">False</span>');
    expect(page.text).toContain('No money, no wall by 2029.');
    const embedded = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page.text)?.[1];
    expect(JSON.parse(embedded ?? 'null')).toEqual(jsonLd.body);

    // Correction: reopen, review again, publish version 2 with a public note.
    const { etag } = await get(editor, claim.id);
    expect((await move(claim.id, { to: 'in_review', reason: 'Reader report' }, etag)).status).toBe(200);
    const whileReopened = await api.request<ClaimReviewBody>('GET', `/api/v1/claims/${claim.id}/claim-review`);
    expect(whileReopened.body.version).toBe(1);
    for (const reviewer of [first, second]) {
      await api.request('POST', `/api/v1/claims/${claim.id}/verdicts`, {
        token: reviewer.token,
        body: { rating: 'mostly_false', rationale: 'Some funds exist after all.' },
      });
    }
    await settledStatus(claim.id, 'awaiting_approval');
    const noNote = await move(claim.id, { to: 'published', summary: 'Little money, no wall by 2029.' });
    expect(noNote.status).toBe(400);
    const corrected = await move(claim.id, {
      to: 'published',
      summary: 'Little money, no wall by 2029.',
      reason: 'A 2027 allocation of 2 million was missed.',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.review).toMatchObject({
      version: 2,
      rating: 'mostly_false',
      corrections: [{ version: 2, note: 'A 2027 allocation of 2 million was missed.' }],
    });
    const v2 = await api.request<ClaimReviewBody>('GET', `/api/v1/claims/${claim.id}/claim-review`);
    expect(v2.body).toMatchObject({ version: 2, reviewRating: { ratingValue: 2, alternateName: 'Mostly false' } });
    expect(v2.body.correction).toEqual([
      expect.objectContaining({ '@type': 'CorrectionComment', text: 'A 2027 allocation of 2 million was missed.' }),
    ]);
    expect(Date.parse(v2.body.dateModified)).toBeGreaterThan(Date.parse(v2.body.datePublished));
    const correctedPage = await api.request('GET', `/fact-checks/${claim.id}`, { headers: { accept: 'text/html' } });
    expect(correctedPage.text).toContain('Our rating: <span class="fact-check__rating">Mostly false</span>');
    expect(correctedPage.text).toContain('A 2027 allocation of 2 million was missed.');

    const feed = await api.request<{ items: ClaimReviewBody[] }>('GET', '/api/v1/reviews');
    expect(feed.body.items.find((item) => item.url.endsWith(claim.id))).toMatchObject({ version: 2 });

    const events = await api.request<{ items: EventItem[] }>('GET', `/api/v1/claims/${claim.id}/events?limit=100`, {
      token: submitter,
    });
    expect(events.body.items.map((event) => event.action)).toEqual(
      expect.arrayContaining([
        'claim.submitted',
        'claim.status_changed',
        'claim.assigned',
        'evidence.added',
        'verdict.given',
        'claim.published',
        'claim.corrected',
      ]),
    );
    const consensus = events.body.items.filter((event) => event.data.transition === 'consensus');
    expect(consensus).toHaveLength(2);

    // Every step reached the subscriber, signed with its secret.
    const about = (delivery: { body: string }): string =>
      String((JSON.parse(delivery.body) as { data: { claimId?: string } }).data.claimId);
    const deliveries = await eventually(
      async () => {
        const mine = received.filter((delivery) => about(delivery) === claim.id);
        // submitted, 6 status changes (triage, consensus, publish, reopen, consensus, publish), published, corrected
        return mine.length >= 9 ? mine : undefined;
      },
      20_000,
      'the deliveries of every step',
    );
    for (const delivery of deliveries) {
      const expected = `sha256=${createHmac('sha256', subscription.body.secret).update(delivery.body).digest('hex')}`;
      expect(delivery.signature).toBe(expected);
    }
    expect(deliveries.map((delivery) => delivery.event).sort()).toEqual(
      [
        'claim.corrected',
        'claim.published',
        'claim.status_changed',
        'claim.status_changed',
        'claim.status_changed',
        'claim.status_changed',
        'claim.status_changed',
        'claim.status_changed',
        'claim.submitted',
      ].sort(),
    );
  });

  it('refuses an illegal transition with 409 naming the allowed ones, and a stale If-Match with 412', async () => {
    const claim = await submitClaim('The river has never flooded in November.');
    const illegal = await move(claim.id, { to: 'published', summary: 'x' });
    expect(illegal.status).toBe(409);
    expect(JSON.stringify(illegal.body)).toContain('in_review');
    const jobOnly = await move(claim.id, { to: 'awaiting_approval' });
    expect(jobOnly.status).toBe(409);

    expect((await move(claim.id, { to: 'in_review' }, `"${claim.version}"`)).status).toBe(200);
    const stale = await move(claim.id, { to: 'rejected' }, `"${claim.version}"`);
    expect(stale.status).toBe(412);
  });

  it('lets exactly one of 50 simultaneous transitions with the same If-Match through', async () => {
    const claim = await submitClaim('Fifty editors cannot all triage the same claim.');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => move(claim.id, { to: 'in_review' }, `"${claim.version}"`)),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(49);
    const events = await api.request<{ items: EventItem[] }>('GET', `/api/v1/claims/${claim.id}/events`, {
      token: editor,
    });
    expect(events.body.items.filter((event) => event.action === 'claim.status_changed')).toHaveLength(1);
  });

  /** A claim in review whose two verdicts disagree, once the status-change job has flagged it. */
  const splitClaim = async (text: string) => {
    const [first, second] = [await api.newUser('reviewer'), await api.newUser('reviewer')];
    const claim = await submitClaim(text);
    await move(claim.id, { to: 'in_review' });
    const give = (token: string, rating: string) =>
      api.request('POST', `/api/v1/claims/${claim.id}/verdicts`, { token, body: { rating, rationale: 'Read it.' } });
    expect((await give(first.token, 'true')).status).toBe(201);
    expect((await give(second.token, 'false')).status).toBe(201);
    const flagged = await eventually(
      async () => {
        const { body } = await get(editor, claim.id);
        return body.disagreement ? body : undefined;
      },
      20_000,
      'the disagreement flag',
    );
    return { claim: flagged, first, second, give };
  };

  const eventsOf = async (id: string) =>
    (await api.request<{ items: EventItem[] }>('GET', `/api/v1/claims/${id}/events`, { token: editor })).body.items;

  it('flags disagreeing verdicts for the editor instead of moving the claim', async () => {
    const { claim } = await splitClaim('Bus fares fell by a third last year.');
    expect(claim.status).toBe('in_review');
    expect(claim.allowedTransitions).toEqual(['rejected', 'published']);
  });

  it('does not let an editor publish from review while the verdicts agree or are missing', async () => {
    const claim = await submitClaim('Tram fares rose by a tenth.');
    await move(claim.id, { to: 'in_review' });
    const { body } = await get(editor, claim.id);
    expect(body.allowedTransitions).toEqual(['rejected']);
    const refused = await move(claim.id, { to: 'published', rating: 'true', summary: 'S.', reason: 'R.' });
    expect(refused.status).toBe(409);
    expect(refused.body.allowed).toEqual(['rejected']);
  });

  it('publishes split verdicts with the rating the editor chose, recording the rationale', async () => {
    const { claim } = await splitClaim('Ferry fares doubled in five years.');
    const missing = await move(claim.id, { to: 'published', summary: 'The fares rose by 60%.' });
    expect(missing.status).toBe(400);
    const missingFields = (missing.body as unknown as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(missingFields.sort()).toEqual(['rating', 'reason']);

    const published = await move(
      claim.id,
      {
        to: 'published',
        rating: 'mostly_false',
        summary: 'The fares rose by 60%, not 100%.',
        reason: 'The tariff archive settles it: both reviewers read one year each.',
      },
      `"${claim.version}"`,
    );
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.review?.rating).toBe('mostly_false');
    const decided = (await eventsOf(claim.id)).find((event) => event.action === 'claim.split_decided');
    expect(decided?.data).toEqual({
      claimVersion: claim.version,
      rating: 'mostly_false',
      rationale: 'The tariff archive settles it: both reviewers read one year each.',
      ratings: { true: 1, false: 1 },
    });
    const review = await api.request<{ reviewRating: { alternateName: string } }>(
      'GET',
      `/api/v1/claims/${claim.id}/claim-review`,
    );
    expect(review.body.reviewRating.alternateName).toBe('Mostly false');
  });

  it('asks another reviewer to settle split verdicts, and the leading rating moves the claim on', async () => {
    const notSplit = await submitClaim('Rail fares froze this year.');
    const third = await api.newUser('reviewer');
    const early = await api.request('POST', `/api/v1/claims/${notSplit.id}/verdict-requests`, {
      token: editor,
      body: { reviewerEmail: third.email },
    });
    expect(early.status).toBe(409);

    const { claim, first, give } = await splitClaim('Taxi fares fell in the spring.');
    const already = await api.request('POST', `/api/v1/claims/${claim.id}/verdict-requests`, {
      token: editor,
      body: { reviewerEmail: first.email },
    });
    expect(already.status).toBe(409);
    const asReviewer = await api.request('POST', `/api/v1/claims/${claim.id}/verdict-requests`, {
      token: first.token,
      body: { reviewerEmail: third.email },
    });
    expect(asReviewer.status).toBe(403);

    const requested = await api.request<Claim>('POST', `/api/v1/claims/${claim.id}/verdict-requests`, {
      token: editor,
      body: { reviewerEmail: third.email },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.tiebreakRequested).toBe(true);
    expect(requested.body.assignees.map((assignee) => assignee.id)).toContain(third.id);
    expect((await eventsOf(claim.id)).map((event) => event.action)).toContain('claim.verdict_requested');

    expect((await give(third.token, 'false')).status).toBe(201);
    const settled = await settledStatus(claim.id, 'awaiting_approval');
    const consensus = (await eventsOf(claim.id)).find(
      (event) => event.action === 'claim.status_changed' && event.data.transition === 'consensus',
    );
    expect(consensus?.data).toMatchObject({ rating: 'false', split: true, ratings: { true: 1, false: 2 } });
    // Publishing takes the leading rating by default.
    const published = await move(settled.id, { to: 'published', summary: 'They did not.' });
    expect(published.status).toBe(200);
    expect(published.body.review?.rating).toBe('false');
  });

  it('keeps the roles: a reviewer may not transition, a submitter may not give verdicts', async () => {
    const claim = await submitClaim('Reviewers cannot publish.');
    const reviewer = await api.token('reviewer');
    const asReviewer = await api.request('POST', `/api/v1/claims/${claim.id}/transitions`, {
      token: reviewer,
      body: { to: 'in_review' },
    });
    expect(asReviewer.status).toBe(403);
    const asSubmitter = await api.request('POST', `/api/v1/claims/${claim.id}/verdicts`, {
      token: submitter,
      body: { rating: 'true', rationale: 'x' },
    });
    expect(asSubmitter.status).toBe(403);
    const unpublished = await api.request('GET', `/api/v1/claims/${claim.id}/claim-review`);
    expect(unpublished.status).toBe(404);
    const unpublishedPage = await api.request('GET', `/fact-checks/${claim.id}`, { headers: { accept: 'text/html' } });
    expect(unpublishedPage.status).toBe(404);
    expect(unpublishedPage.text).not.toContain('Reviewers cannot publish.');
  });
});
