import { randomBytes, randomUUID } from 'node:crypto';
import { AccountsModule, type Principal } from '@claimdesk/accounts';
import { type ClaimSubmission, ClaimsModule, ClaimsService, type ClaimView, type EventView } from '@claimdesk/claims';
import { DomainError } from '@claimdesk/errors';
import type { Database } from '@claimdesk/persistence';
import type { AwaitedJob } from '@claimdesk/queue';
import { SourcesService } from '@claimdesk/sources';
import {
  aClaim as aSubmission,
  aPrincipal,
  rejectionOf,
  startTestContext,
  testRuntime,
  useTestContext,
} from '@claimdesk/testing';
import { ClaimDetailService, type ClaimDetailView } from './claim-detail.service';
import type { ClaimReviewJsonLd } from './claim-review';
import type { Rating } from './rating';
import { ReviewsModule } from './reviews.module';
import { type ConsensusOutcome, ReviewsService } from './reviews.service';

interface EventTableRow {
  actor_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  data: Record<string, unknown>;
}

interface OutboxRow {
  job_id: string;
  name: string;
  data: Record<string, unknown>;
}

interface VerdictTableRow {
  reviewer_id: string;
  rating: string;
  claim_version: number;
}

const publicUrl = 'https://factcheck.example.org';
const organizationName = 'Spec Fact Desk';

const hex = (bytes = 5): string => randomBytes(bytes).toString('hex');

/** The claim id a ClaimReview's url ends with. */
const claimIdOf = (review: ClaimReviewJsonLd): string => review.url.slice(review.url.lastIndexOf('/') + 1);

const outcomesOf = (results: readonly ConsensusOutcome[]): string[] => results.map((result) => result.outcome);

describe('ReviewsService against PostgreSQL', () => {
  // On PostgreSQL only: nothing here goes through a queue but the outbox table.
  const context = useTestContext([ReviewsModule, AccountsModule, ClaimsModule], {
    env: { PUBLIC_URL: publicUrl, ORGANIZATION_NAME: organizationName },
  });
  let reviews: ReviewsService;
  let details: ClaimDetailService;
  let claims: ClaimsService;
  let sources: SourcesService;
  let db: Database;
  let submitter: Principal;
  let editor: Principal;
  let reviewerA: Principal;
  let reviewerB: Principal;
  let reviewerC: Principal;

  beforeAll(async () => {
    reviews = context.get(ReviewsService);
    details = context.get(ClaimDetailService);
    claims = context.get(ClaimsService);
    sources = context.get(SourcesService);
    db = context.db;
    submitter = await aPrincipal(context.app, { role: 'submitter', name: 'Sam Submitter' });
    editor = await aPrincipal(context.app, { role: 'editor', name: 'Edie Editor' });
    reviewerA = await aPrincipal(context.app, { role: 'reviewer', name: 'Ada Reviewer' });
    reviewerB = await aPrincipal(context.app, { role: 'reviewer', name: 'Ben Reviewer' });
    reviewerC = await aPrincipal(context.app, { role: 'reviewer', name: 'Cy Reviewer' });
  });

  // ----- helpers -------------------------------------------------------------

  function aClaim(overrides: Partial<ClaimSubmission> = {}): Promise<ClaimView> {
    return claims.submit(submitter, aSubmission(overrides));
  }

  /** A claim an editor has triaged into review (version 2). */
  async function aClaimInReview(overrides: Partial<ClaimSubmission> = {}): Promise<ClaimView> {
    const claim = await aClaim(overrides);
    return reviews.transition(editor, claim.id, { to: 'in_review' }, claim.version);
  }

  function verdict(reviewer: Principal, claimId: string, rating: Rating, evidenceIds?: string[]) {
    return reviews.giveVerdict(reviewer, claimId, {
      rating,
      rationale: `${reviewer.name} rates it ${rating}.`,
      ...(evidenceIds === undefined ? {} : { evidenceIds }),
    });
  }

  /** A claim in review that two agreeing verdicts moved to awaiting_approval. */
  async function aClaimAwaitingApproval(
    rating: Rating = 'false',
    overrides: Partial<ClaimSubmission> = {},
  ): Promise<ClaimView> {
    const claim = await aClaimInReview(overrides);
    await verdict(reviewerA, claim.id, rating);
    await verdict(reviewerB, claim.id, rating);
    expect(await reviews.evaluateConsensus(claim.id)).toMatchObject({ outcome: 'consensus', rating });
    return claims.get(claim.id);
  }

  async function aPublishedClaim(
    rating: Rating = 'false',
    overrides: Partial<ClaimSubmission> = {},
  ): Promise<ClaimView> {
    const claim = await aClaimAwaitingApproval(rating, overrides);
    return reviews.transition(editor, claim.id, { to: 'published', summary: `Rated ${rating}.` }, claim.version);
  }

  const eventsOf = (claimId: string): Promise<EventTableRow[]> =>
    db.manager.query<EventTableRow[]>(
      `SELECT actor_id, action, from_status, to_status, data FROM events WHERE claim_id = $1 ORDER BY id`,
      [claimId],
    );

  const eventsNamed = async (claimId: string, action: string): Promise<EventTableRow[]> =>
    (await eventsOf(claimId)).filter((event) => event.action === action);

  const verdictRows = (claimId: string): Promise<VerdictTableRow[]> =>
    db.manager.query<VerdictTableRow[]>(
      `SELECT reviewer_id, rating, claim_version FROM verdicts WHERE claim_id = $1 ORDER BY created_at, id`,
      [claimId],
    );

  const outboxNamed = (name: string): Promise<OutboxRow[]> =>
    db.manager.query<OutboxRow[]>(`SELECT job_id, name, data FROM outbox_job WHERE name = $1 ORDER BY id`, [name]);

  /** The database's clock, so `since` compares with what it stamped. */
  async function dbNow(): Promise<Date> {
    const [row] = await db.manager.query<{ now: Date }[]>(`SELECT clock_timestamp() AS now`);
    return row!.now;
  }

  async function allEvents(viewer: Principal, claimId: string): Promise<EventView[]> {
    return (await reviews.listEvents(viewer, claimId, undefined, 100)).items;
  }

  const verdictEvents = (events: readonly EventView[]): EventView[] =>
    events.filter((event) => event.action === 'verdict.given');

  const claimDetail = async (viewer: Principal, claimId: string): Promise<ClaimDetailView> =>
    (await details.describe(viewer, claimId)).claim;

  const reviewerIds = (claim: ClaimDetailView): string[] => claim.verdicts.map((given) => given.reviewer.id).sort();

  // ----- the status-change job -----------------------------------------------

  describe('the status-change job run twice and concurrently for the same verdict: one transition, one event', () => {
    it('run twice in a row: the first moves the claim on consensus, the second finds it out of review', async () => {
      const claim = await aClaimInReview();
      await verdict(reviewerA, claim.id, 'mostly_true');
      await verdict(reviewerB, claim.id, 'mostly_true');

      const first = await reviews.evaluateConsensus(claim.id);
      const second = await reviews.evaluateConsensus(claim.id);

      expect(first).toEqual({ outcome: 'consensus', rating: 'mostly_true', verdicts: 2 });
      expect(second).toEqual({ outcome: 'not_in_review', status: 'awaiting_approval' });
      const after = await claims.get(claim.id);
      expect(after).toMatchObject({ status: 'awaiting_approval', version: claim.version + 1 });
      const changes = await eventsNamed(claim.id, 'claim.status_changed');
      expect(changes.filter((event) => event.data.transition === 'consensus')).toEqual([
        {
          actor_id: null,
          action: 'claim.status_changed',
          from_status: 'in_review',
          to_status: 'awaiting_approval',
          data: { transition: 'consensus', version: claim.version + 1, rating: 'mostly_true', verdicts: 2 },
        },
      ]);
    });

    it('run 10 times side by side: exactly one consensus, one version bump, one event', async () => {
      const claim = await aClaimInReview();
      await verdict(reviewerA, claim.id, 'false');
      await verdict(reviewerB, claim.id, 'false');

      const results = await Promise.all(Array.from({ length: 10 }, () => reviews.evaluateConsensus(claim.id)));

      expect(outcomesOf(results).filter((outcome) => outcome === 'consensus')).toHaveLength(1);
      expect(outcomesOf(results).filter((outcome) => outcome === 'not_in_review')).toHaveLength(9);
      const after = await claims.get(claim.id);
      expect(after.status).toBe('awaiting_approval');
      expect(after.version).toBe(claim.version + 1);
      const consensusEvents = (await eventsNamed(claim.id, 'claim.status_changed')).filter(
        (event) => event.data.transition === 'consensus',
      );
      expect(consensusEvents).toHaveLength(1);
      expect(consensusEvents[0]!.data).toMatchObject({ transition: 'consensus', rating: 'false', verdicts: 2 });
    });

    it('a disagreement evaluated 10 times side by side (then once more) is flagged by exactly one event', async () => {
      const claim = await aClaimInReview();
      await verdict(reviewerA, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'false');

      const results = await Promise.all(Array.from({ length: 10 }, () => reviews.evaluateConsensus(claim.id)));
      const again = await reviews.evaluateConsensus(claim.id);

      for (const result of [...results, again]) {
        expect(result).toEqual({ outcome: 'disagreement', ratings: { true: 1, false: 1 } });
      }
      const flagged = await eventsNamed(claim.id, 'claim.disagreement_flagged');
      expect(flagged).toHaveLength(1);
      expect(flagged[0]).toMatchObject({
        actor_id: null,
        data: { claimVersion: claim.version, ratings: { true: 1, false: 1 } },
      });
      const after = await claimDetail(editor, claim.id);
      expect(after).toMatchObject({ status: 'in_review', version: claim.version, disagreement: true });
      expect(await eventsNamed(claim.id, 'claim.status_changed')).toHaveLength(1); // the triage only
    });

    it('on a claim that does not exist the job reports it missing', async () => {
      expect(await reviews.evaluateConsensus(randomUUID())).toEqual({ outcome: 'missing' });
    });
  });

  // ----- consensus rules -------------------------------------------------------

  describe('consensus rules', () => {
    it('the sweep for lost status-change jobs finds every due round, however the claims in review are paged', async () => {
      const due = [await aClaimInReview(), await aClaimInReview(), await aClaimInReview()];
      for (const claim of due) {
        await verdict(reviewerA, claim.id, 'false');
        await verdict(reviewerB, claim.id, 'false');
      }
      const waiting = await aClaimInReview();
      await verdict(reviewerA, waiting.id, 'false');
      await aClaimInReview();
      const later = new Date(Date.now() + 60_000);
      const claimIdsOf = (jobs: AwaitedJob[]) =>
        jobs.map((awaited) => (awaited.job.data as { claimId: string }).claimId).sort();

      const whole = claimIdsOf(await reviews.awaitedJobs(later));
      expect(whole).toEqual(expect.arrayContaining(due.map((claim) => claim.id)));
      expect(whole).not.toContain(waiting.id);
      expect(claimIdsOf(await reviews.awaitedJobs(later, 2))).toEqual(whole);
      expect(claimIdsOf(await reviews.awaitedJobs(later, 1))).toEqual(whole);
    });

    it('one verdict (of the two needed) waits', async () => {
      const claim = await aClaimInReview();
      await verdict(reviewerA, claim.id, 'half_true');

      expect(await reviews.evaluateConsensus(claim.id)).toEqual({ outcome: 'waiting', verdicts: 1 });
      expect(await claims.get(claim.id)).toMatchObject({ status: 'in_review', version: claim.version });
    });

    it('no verdict at all waits', async () => {
      const claim = await aClaimInReview();
      expect(await reviews.evaluateConsensus(claim.id)).toEqual({ outcome: 'waiting', verdicts: 0 });
    });

    it('two agreeing verdicts reach consensus and move the claim to awaiting_approval', async () => {
      const claim = await aClaimInReview();
      await verdict(reviewerA, claim.id, 'unverifiable');
      await verdict(reviewerB, claim.id, 'unverifiable');

      expect(await reviews.evaluateConsensus(claim.id)).toEqual({
        outcome: 'consensus',
        rating: 'unverifiable',
        verdicts: 2,
      });
      expect(await claims.get(claim.id)).toMatchObject({ status: 'awaiting_approval', version: claim.version + 1 });
    });

    it('two agreeing verdicts and one conflicting: a disagreement, and the claim does not move', async () => {
      const claim = await aClaimInReview();
      await verdict(reviewerA, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'true');
      await verdict(reviewerC, claim.id, 'misleading');

      expect(await reviews.evaluateConsensus(claim.id)).toEqual({
        outcome: 'disagreement',
        ratings: { true: 2, misleading: 1 },
      });
      expect(await claims.get(claim.id)).toMatchObject({ status: 'in_review', version: claim.version });
      expect(await eventsNamed(claim.id, 'claim.disagreement_flagged')).toHaveLength(1);
    });

    it('a reviewer giving a second verdict replaces the first: one row, a replaced event, the new rating counts', async () => {
      const claim = await aClaimInReview();
      const first = await verdict(reviewerA, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'false');
      expect(await reviews.evaluateConsensus(claim.id)).toMatchObject({ outcome: 'disagreement' });

      const second = await verdict(reviewerA, claim.id, 'false');

      expect(second.id).toBe(first.id);
      expect(second.rating).toBe('false');
      const rows = await verdictRows(claim.id);
      expect(rows.filter((row) => row.reviewer_id === reviewerA.userId)).toEqual([
        { reviewer_id: reviewerA.userId, rating: 'false', claim_version: claim.version },
      ]);
      expect(rows).toHaveLength(2);
      const given = await eventsNamed(claim.id, 'verdict.given');
      expect(given.map((event) => event.data)).toEqual([
        { verdictId: first.id, claimVersion: claim.version, rating: 'true' },
        expect.objectContaining({ rating: 'false' }),
        {
          verdictId: first.id,
          claimVersion: claim.version,
          rating: 'false',
          replaced: true,
          previousRating: 'true',
        },
      ]);
      expect(given[1]!.data).not.toHaveProperty('replaced');
      expect(await reviews.evaluateConsensus(claim.id)).toEqual({ outcome: 'consensus', rating: 'false', verdicts: 2 });
    });

    it('verdicts given on an older version do not count after a send-back', async () => {
      const claim = await aClaimAwaitingApproval('true');
      const sentBack = await reviews.transition(
        editor,
        claim.id,
        { to: 'in_review', reason: 'Needs sources' },
        claim.version,
      );
      expect(sentBack).toMatchObject({ status: 'in_review', version: claim.version + 1 });

      expect(await reviews.evaluateConsensus(claim.id)).toEqual({ outcome: 'waiting', verdicts: 0 });
      await verdict(reviewerA, claim.id, 'false');
      expect(await reviews.evaluateConsensus(claim.id)).toEqual({ outcome: 'waiting', verdicts: 1 });
      await verdict(reviewerB, claim.id, 'false');
      expect(await reviews.evaluateConsensus(claim.id)).toEqual({ outcome: 'consensus', rating: 'false', verdicts: 2 });

      // Each reviewer has one verdict per version: the old round's are kept, not replaced.
      const rows = await verdictRows(claim.id);
      expect(rows.map((row) => [row.rating, row.claim_version])).toEqual([
        ['true', claim.version - 1],
        ['true', claim.version - 1],
        ['false', sentBack.version],
        ['false', sentBack.version],
      ]);
    });

    it('a verdict on a claim that is not in review is refused', async () => {
      const claim = await aClaim();
      const error = await rejectionOf(verdict(reviewerA, claim.id, 'true'));
      expect(error).toMatchObject({ kind: 'conflict', code: 'claim.not_in_review' });
      expect(await verdictRows(claim.id)).toEqual([]);
    });

    it('CONSENSUS_MIN_VERDICTS=3 raises the threshold to three agreeing verdicts', async () => {
      const strict = await startTestContext(
        testRuntime(context.database.url, context.backend, 'test', { CONSENSUS_MIN_VERDICTS: '3' }),
        [ReviewsModule, AccountsModule, ClaimsModule],
      );
      try {
        const strictReviews = strict.get(ReviewsService);
        const claim = await aClaimInReview();
        await verdict(reviewerA, claim.id, 'mostly_false');
        await verdict(reviewerB, claim.id, 'mostly_false');

        expect(await strictReviews.evaluateConsensus(claim.id)).toEqual({ outcome: 'waiting', verdicts: 2 });
        expect((await claims.get(claim.id)).status).toBe('in_review');

        await verdict(reviewerC, claim.id, 'mostly_false');
        expect(await strictReviews.evaluateConsensus(claim.id)).toEqual({
          outcome: 'consensus',
          rating: 'mostly_false',
          verdicts: 3,
        });
        expect((await claims.get(claim.id)).status).toBe('awaiting_approval');
      } finally {
        await strict.close();
      }
    });
  });

  // ----- blind review ------------------------------------------------------------

  describe('blind review', () => {
    it('describe shows a reviewer the verdicts only after they gave theirs; editors always; submitters once published', async () => {
      const claim = await aClaimInReview();
      await verdict(reviewerB, claim.id, 'true');

      expect((await claimDetail(reviewerA, claim.id)).verdicts).toEqual([]);
      expect((await claimDetail(submitter, claim.id)).verdicts).toEqual([]);
      expect(reviewerIds(await claimDetail(editor, claim.id))).toEqual([reviewerB.userId]);
      expect(reviewerIds(await claimDetail(reviewerB, claim.id))).toEqual([reviewerB.userId]);

      await verdict(reviewerA, claim.id, 'true');
      const both = [reviewerA.userId, reviewerB.userId].sort();
      const seenByA = await claimDetail(reviewerA, claim.id);
      expect(reviewerIds(seenByA)).toEqual(both);
      expect(seenByA.verdicts.find((given) => given.reviewer.id === reviewerB.userId)).toMatchObject({
        reviewer: { id: reviewerB.userId, name: reviewerB.name },
        rating: 'true',
        rationale: `${reviewerB.name} rates it true.`,
        claimVersion: claim.version,
      });
      expect(reviewerIds(await claimDetail(editor, claim.id))).toEqual(both);
      expect((await claimDetail(submitter, claim.id)).verdicts).toEqual([]);
      expect((await claimDetail(reviewerC, claim.id)).verdicts).toEqual([]);

      expect(await reviews.evaluateConsensus(claim.id)).toMatchObject({ outcome: 'consensus' });
      const awaiting = await claimDetail(editor, claim.id);
      expect(reviewerIds(awaiting)).toEqual(both);
      expect((await claimDetail(submitter, claim.id)).verdicts).toEqual([]);
      expect((await claimDetail(reviewerC, claim.id)).verdicts).toEqual([]);
      expect(reviewerIds(await claimDetail(reviewerA, claim.id))).toEqual(both);

      await reviews.transition(editor, claim.id, { to: 'published', summary: 'It is true.' }, awaiting.version);
      expect(reviewerIds(await claimDetail(submitter, claim.id))).toEqual(both);
      expect(reviewerIds(await claimDetail(reviewerC, claim.id))).toEqual(both);
    });

    it('listEvents hides verdict ratings from those who may not see them and shows them to the others', async () => {
      const claim = await aClaimInReview();
      await verdict(reviewerB, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'mostly_true'); // replaced: previousRating must hide too

      for (const viewer of [submitter, reviewerA]) {
        const hidden = verdictEvents(await allEvents(viewer, claim.id));
        expect(hidden).toHaveLength(2);
        for (const event of hidden) {
          expect(event.data).toMatchObject({ ratingHidden: true, claimVersion: claim.version });
          expect(event.data).not.toHaveProperty('rating');
          expect(event.data).not.toHaveProperty('previousRating');
        }
      }
      for (const viewer of [editor, reviewerB]) {
        const shown = verdictEvents(await allEvents(viewer, claim.id));
        expect(shown.map((event) => event.data.rating)).toEqual(['true', 'mostly_true']);
        expect(shown[1]!.data).toMatchObject({ replaced: true, previousRating: 'true' });
        for (const event of shown) expect(event.data).not.toHaveProperty('ratingHidden');
      }

      await verdict(reviewerA, claim.id, 'mostly_true');
      expect(verdictEvents(await allEvents(reviewerA, claim.id)).map((event) => event.data.rating)).toEqual([
        'true',
        'mostly_true',
        'mostly_true',
      ]);
      expect(verdictEvents(await allEvents(submitter, claim.id)).every((event) => event.data.ratingHidden)).toBe(true);

      const awaiting = await claims.get(claim.id);
      expect(await reviews.evaluateConsensus(claim.id)).toMatchObject({ outcome: 'consensus' });
      await reviews.transition(editor, claim.id, { to: 'published', summary: 'Mostly.' }, awaiting.version + 1);
      const published = verdictEvents(await allEvents(submitter, claim.id));
      expect(published.map((event) => event.data.rating)).toEqual(['true', 'mostly_true', 'mostly_true']);
      for (const event of published) expect(event.data).not.toHaveProperty('ratingHidden');
    });

    // The disagreement event names the ratings: blind review hides them too.
    it('a reviewer who has not given a verdict learns no rating from the disagreement event', async () => {
      const claim = await aClaimInReview();
      await verdict(reviewerA, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'false');
      expect(await reviews.evaluateConsensus(claim.id)).toMatchObject({ outcome: 'disagreement' });
      expect((await claimDetail(reviewerC, claim.id)).verdicts).toEqual([]);

      const flagged = (await allEvents(reviewerC, claim.id)).filter(
        (event) => event.action === 'claim.disagreement_flagged',
      );
      expect(flagged).toHaveLength(1);
      expect(flagged[0]!.data).not.toHaveProperty('ratings');
    });

    // The consensus event names the agreed rating: hidden until publication.
    it('a submitter learns no rating from any event before publication', async () => {
      const claim = await aClaimAwaitingApproval('misleading');
      expect((await claimDetail(submitter, claim.id)).verdicts).toEqual([]);

      const events = await allEvents(submitter, claim.id);
      const leaking = events.filter((event) => 'rating' in event.data || 'ratings' in event.data);
      expect(leaking.map((event) => event.action)).toEqual([]);
    });

    // Blind review holds per round: a verdict on an earlier round does not unblind the new one.
    it('after a send-back, a reviewer who has not rated the new round sees none of its ratings in events', async () => {
      const claim = await aClaimAwaitingApproval('true');
      const sentBack = await reviews.transition(editor, claim.id, { to: 'in_review' }, claim.version);
      await verdict(reviewerB, claim.id, 'false');
      expect((await claimDetail(reviewerA, claim.id)).verdicts).toEqual([]);

      const newRound = verdictEvents(await allEvents(reviewerA, claim.id)).filter(
        (event) => event.data.claimVersion === sentBack.version,
      );
      expect(newRound).toHaveLength(1);
      expect(newRound[0]!.data).not.toHaveProperty('rating');
    });
  });

  // ----- transitions ---------------------------------------------------------------

  describe('transitions', () => {
    it('a stale If-Match is refused with precondition_failed and changes nothing', async () => {
      const claim = await aClaim();
      const error = await rejectionOf(reviews.transition(editor, claim.id, { to: 'in_review' }, claim.version + 1));

      expect(error).toMatchObject({ kind: 'precondition_failed', code: 'claim.version_mismatch' });
      expect(await claims.get(claim.id)).toMatchObject({ status: 'submitted', version: claim.version });
      expect(await eventsNamed(claim.id, 'claim.status_changed')).toEqual([]);
    });

    it('a current If-Match (or none) moves the claim, bumps the version and records the event', async () => {
      const claim = await aClaim();
      const moved = await reviews.transition(editor, claim.id, { to: 'in_review' }, claim.version);
      expect(moved).toMatchObject({ status: 'in_review', version: claim.version + 1 });
      expect(moved.allowedTransitions).toEqual(['rejected']);
      const rejected = await reviews.transition(
        editor,
        claim.id,
        { to: 'rejected', reason: 'Out of scope' },
        undefined,
      );
      expect(rejected).toMatchObject({ status: 'rejected', version: claim.version + 2 });
      expect(await eventsNamed(claim.id, 'claim.status_changed')).toEqual([
        {
          actor_id: editor.userId,
          action: 'claim.status_changed',
          from_status: 'submitted',
          to_status: 'in_review',
          data: { transition: 'triage', version: claim.version + 1 },
        },
        {
          actor_id: editor.userId,
          action: 'claim.status_changed',
          from_status: 'in_review',
          to_status: 'rejected',
          data: { transition: 'reject', version: claim.version + 2, reason: 'Out of scope' },
        },
      ]);
    });

    it('an illegal transition is a conflict naming the allowed ones', async () => {
      const claim = await aClaim();
      const error = await rejectionOf(
        reviews.transition(editor, claim.id, { to: 'published', summary: 'x' }, undefined),
      );

      expect(error).toMatchObject({
        kind: 'conflict',
        code: 'claim.illegal_transition',
        details: { from: 'submitted', to: 'published', allowed: ['in_review', 'rejected'] },
      });
      expect(error.message).toContain('in_review, rejected');
      expect((await claims.get(claim.id)).status).toBe('submitted');
    });

    it("the job's own move (in_review → awaiting_approval) is refused to an editor", async () => {
      const claim = await aClaimInReview();
      const error = await rejectionOf(reviews.transition(editor, claim.id, { to: 'awaiting_approval' }, undefined));
      expect(error).toMatchObject({ kind: 'conflict', details: { allowed: ['rejected'] } });
    });

    it('a reviewer may make no move: conflict with nothing allowed', async () => {
      const claim = await aClaim();
      const error = await rejectionOf(reviews.transition(reviewerA, claim.id, { to: 'in_review' }, claim.version));

      expect(error).toMatchObject({ kind: 'conflict', details: { from: 'submitted', to: 'in_review', allowed: [] } });
      expect(error.message).toContain('no move is open to you');
      expect((await claimDetail(reviewerA, claim.id)).allowedTransitions).toEqual([]);
      expect((await claims.get(claim.id)).status).toBe('submitted');
    });

    it('an unknown claim is not found', async () => {
      const error = await rejectionOf(reviews.transition(editor, randomUUID(), { to: 'in_review' }, undefined));
      expect(error).toMatchObject({ kind: 'not_found', code: 'claim.not_found' });
    });

    it('a rejection naming a duplicate records it; reopening clears it', async () => {
      const original = await aClaim();
      const copy = await aClaim();

      const rejected = await reviews.transition(
        editor,
        copy.id,
        { to: 'rejected', duplicateOf: original.id, reason: 'Duplicate' },
        copy.version,
      );

      expect(rejected).toMatchObject({ status: 'rejected', duplicateOf: original.id });
      expect((await claimDetail(submitter, copy.id)).duplicateOf).toBe(original.id);
      expect((await eventsNamed(copy.id, 'claim.status_changed'))[0]!.data).toMatchObject({
        transition: 'reject',
        duplicateOf: original.id,
      });

      const reopened = await reviews.transition(editor, copy.id, { to: 'submitted' }, rejected.version);
      expect(reopened).toMatchObject({ status: 'submitted', duplicateOf: null });
    });

    it('duplicateOf must name another existing claim, and only on a rejection', async () => {
      const claim = await aClaim();
      const other = await aClaim();
      for (const [request, message] of [
        [{ to: 'rejected', duplicateOf: randomUUID() }, 'The duplicate claim must be the id of another claim.'],
        [{ to: 'rejected', duplicateOf: claim.id }, 'The duplicate claim must be the id of another claim.'],
        [{ to: 'in_review', duplicateOf: other.id }, 'The duplicate claim can be named only when rejecting the claim.'],
      ] as const) {
        const error = await rejectionOf(reviews.transition(editor, claim.id, request, claim.version));
        expect(error).toMatchObject({
          kind: 'invalid',
          details: { errors: [{ field: 'duplicateOf', message }] },
        });
      }
      expect(await claims.get(claim.id)).toMatchObject({
        status: 'submitted',
        version: claim.version,
        duplicateOf: null,
      });
    });

    it('publishing without a summary is invalid', async () => {
      const claim = await aClaimAwaitingApproval('true');
      const error = await rejectionOf(reviews.transition(editor, claim.id, { to: 'published' }, claim.version));

      expect(error).toMatchObject({ kind: 'invalid', details: { errors: [{ field: 'summary' }] } });
      expect(await claims.get(claim.id)).toMatchObject({ status: 'awaiting_approval', version: claim.version });
      await expect(reviews.claimReview(claim.id)).rejects.toMatchObject({ kind: 'not_found' });
    });

    it('the published rating defaults to the consensus rating; an explicit one overrides it', async () => {
      const byDefault = await aClaimAwaitingApproval('mostly_false');
      const published = await reviews.transition(
        editor,
        byDefault.id,
        { to: 'published', summary: 'Mostly false.' },
        byDefault.version,
      );

      expect(published.status).toBe('published');
      expect(published.review).toMatchObject({
        version: 1,
        rating: 'mostly_false',
        summary: 'Mostly false.',
        publishedBy: { id: editor.userId, name: editor.name },
        corrections: [],
      });
      expect((await reviews.claimReview(byDefault.id)).reviewRating).toMatchObject({
        ratingValue: 2,
        alternateName: 'Mostly false',
      });
      expect((await eventsNamed(byDefault.id, 'claim.published'))[0]!.data).toMatchObject({
        reviewVersion: 1,
        rating: 'mostly_false',
        url: `${publicUrl}/fact-checks/${byDefault.id}`,
      });

      const overridden = await aClaimAwaitingApproval('mostly_false');
      const explicit = await reviews.transition(
        editor,
        overridden.id,
        { to: 'published', summary: 'Misleading.', rating: 'misleading' },
        overridden.version,
      );
      expect(explicit.review).toMatchObject({ rating: 'misleading' });
    });

    it('a correction needs a reason, and the reopened claim keeps its ClaimReview until republished', async () => {
      const claim = await aPublishedClaim('false', {
        claimant: { name: 'Mayor Quill', role: 'Mayor' },
        claimDate: '2024-03-05',
      });
      const firstReview = await reviews.claimReview(claim.id);
      expect(firstReview).toMatchObject({ version: 1, reviewRating: { ratingValue: 1, alternateName: 'False' } });

      const reopened = await reviews.transition(
        editor,
        claim.id,
        { to: 'in_review', reason: 'New data' },
        claim.version,
      );
      expect(reopened.status).toBe('in_review');
      expect(await reviews.claimReview(claim.id)).toEqual(firstReview);

      await verdict(reviewerA, claim.id, 'half_true');
      await verdict(reviewerB, claim.id, 'half_true');
      expect(await reviews.evaluateConsensus(claim.id)).toMatchObject({ outcome: 'consensus', rating: 'half_true' });
      expect(await reviews.claimReview(claim.id)).toEqual(firstReview);

      const awaiting = await claims.get(claim.id);
      const noReason = await rejectionOf(
        reviews.transition(editor, claim.id, { to: 'published', summary: 'Half true after all.' }, awaiting.version),
      );
      expect(noReason).toMatchObject({ kind: 'invalid', details: { errors: [{ field: 'reason' }] } });
      expect(await reviews.claimReview(claim.id)).toEqual(firstReview);

      const corrected = await reviews.transition(
        editor,
        claim.id,
        { to: 'published', summary: 'Half true after all.', reason: 'The 2023 figures were revised.' },
        awaiting.version,
      );
      expect(corrected.review).toMatchObject({
        version: 2,
        rating: 'half_true',
        corrections: [{ version: 2, note: 'The 2023 figures were revised.' }],
      });
      const secondReview = await reviews.claimReview(claim.id);
      expect(secondReview).toMatchObject({
        version: 2,
        datePublished: firstReview.datePublished,
        reviewRating: { ratingValue: 4, alternateName: 'Half true' },
        correction: [{ '@type': 'CorrectionComment', text: 'The 2023 figures were revised.' }],
      });
      expect(Date.parse(secondReview.dateModified)).toBeGreaterThan(Date.parse(firstReview.dateModified));
      expect(await eventsNamed(claim.id, 'claim.corrected')).toHaveLength(1);
    });

    it('50 concurrent transitions with the same If-Match: one succeeds, 49 precondition_failed, one event', async () => {
      const claim = await aClaim();

      const settled = await Promise.allSettled(
        Array.from({ length: 50 }, () => reviews.transition(editor, claim.id, { to: 'in_review' }, claim.version)),
      );

      const fulfilled = settled.filter((result) => result.status === 'fulfilled');
      const rejected = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(49);
      for (const reason of rejected) {
        expect(reason).toBeInstanceOf(DomainError);
        expect(reason).toMatchObject({ kind: 'precondition_failed' });
      }
      expect(await claims.get(claim.id)).toMatchObject({ status: 'in_review', version: claim.version + 1 });
      expect(await eventsNamed(claim.id, 'claim.status_changed')).toHaveLength(1);
    });
  });

  // ----- assignments -----------------------------------------------------------

  describe('assignments', () => {
    it('an unknown email is invalid', async () => {
      const claim = await aClaim();
      const error = await rejectionOf(reviews.assign(editor, claim.id, `nobody-${hex(4)}@example.com`));
      expect(error).toMatchObject({
        kind: 'invalid',
        code: 'assignment.invalid',
        details: { errors: [{ field: 'reviewerEmail', message: 'No user has this email.' }] },
      });
    });

    it("a submitter's email is invalid", async () => {
      const claim = await aClaim();
      const error = await rejectionOf(reviews.assign(editor, claim.id, submitter.email));
      expect(error).toMatchObject({
        kind: 'invalid',
        details: {
          errors: [
            { field: 'reviewerEmail', message: expect.stringMatching(/^This user is not a reviewer: /) as string },
          ],
        },
      });
      expect((await claimDetail(editor, claim.id)).assignees).toEqual([]);
    });

    it('assigning twice creates once; the claim lists under the assignee', async () => {
      const claim = await aClaimInReview();

      expect(await reviews.assign(editor, claim.id, reviewerA.email)).toEqual({ created: true });
      expect(await reviews.assign(editor, claim.id, reviewerA.email.toUpperCase())).toEqual({ created: false });

      expect((await claimDetail(editor, claim.id)).assignees).toEqual([
        { id: reviewerA.userId, name: reviewerA.name, assignedAt: expect.any(Date) as Date },
      ]);
      expect(await eventsNamed(claim.id, 'claim.assigned')).toEqual([
        expect.objectContaining({
          actor_id: editor.userId,
          data: { reviewerId: reviewerA.userId, reviewerName: reviewerA.name },
        }),
      ]);
      const listed = await reviews.listClaims({ assignee: reviewerA.userId }, undefined, 100);
      expect(listed.items.map((item) => item.id)).toContain(claim.id);
      const notListed = await reviews.listClaims({ assignee: reviewerB.userId }, undefined, 100);
      expect(notListed.items.map((item) => item.id)).not.toContain(claim.id);
    });

    it('assigneesOf gives the assignees of several claims at once, and leaves out claims without any', async () => {
      const [first, second, unassigned] = [await aClaimInReview(), await aClaimInReview(), await aClaim()];
      await reviews.assign(editor, first.id, reviewerA.email);
      await reviews.assign(editor, first.id, reviewerB.email);
      await reviews.assign(editor, second.id, reviewerB.email);

      const assignees = await reviews.assigneesOf([first.id, second.id, unassigned.id]);

      expect(Object.fromEntries(assignees)).toEqual({
        [first.id]: [
          { id: reviewerA.userId, name: reviewerA.name },
          { id: reviewerB.userId, name: reviewerB.name },
        ],
        [second.id]: [{ id: reviewerB.userId, name: reviewerB.name }],
      });
      expect(await reviews.assigneesOf([])).toEqual(new Map());
    });

    it('an unknown claim is not found', async () => {
      const error = await rejectionOf(reviews.assign(editor, randomUUID(), reviewerA.email));
      expect(error).toMatchObject({ kind: 'not_found', code: 'claim.not_found' });
    });
  });

  // ----- evidence --------------------------------------------------------------

  describe('evidence', () => {
    it('citing a new URL queues its source fetch and leaves the excerpt check pending', async () => {
      const claim = await aClaimInReview();
      const url = `https://evidence-${hex(4)}.example.org/report`;

      const evidence = await reviews.addEvidence(reviewerA, claim.id, {
        url,
        stance: 'refutes',
        excerpt: 'The figures were revised downwards.',
        note: 'Official statistics',
      });

      expect(evidence).toMatchObject({
        url,
        stance: 'refutes',
        excerpt: 'The figures were revised downwards.',
        note: 'Official statistics',
        excerptCheck: { status: 'pending', score: null, snapshotId: null },
        addedBy: { id: reviewerA.userId, name: reviewerA.name },
      });
      const fetches = (await outboxNamed('source.fetch')).filter((row) => row.data.sourceId === evidence.sourceId);
      expect(fetches).toEqual([
        { job_id: `source.fetch.${evidence.sourceId}`, name: 'source.fetch', data: { sourceId: evidence.sourceId } },
      ]);
      // The fetch checks the excerpt: no excerpt check of its own yet.
      expect((await outboxNamed('excerpt.check')).filter((row) => row.data.evidenceId === evidence.id)).toEqual([]);
      expect((await claimDetail(submitter, claim.id)).evidence.map((item) => item.id)).toEqual([evidence.id]);
      expect((await eventsNamed(claim.id, 'evidence.added'))[0]!.data).toMatchObject({
        evidenceId: evidence.id,
        sourceId: evidence.sourceId,
        stance: 'refutes',
      });
    });

    it('citing a source that already has a snapshot queues the excerpt check of the evidence', async () => {
      const claim = await aClaimInReview();
      const url = `https://archive-${hex(4)}.example.org/statement`;
      const { source } = await sources.register(reviewerA.userId, {
        url,
        text: 'The minister said the budget rose by four percent in 2023.',
      });
      expect(source.snapshots).toHaveLength(1);

      const evidence = await reviews.addEvidence(reviewerA, claim.id, {
        url,
        stance: 'supports',
        excerpt: 'the budget rose by four percent',
      });

      expect(evidence.sourceId).toBe(source.id);
      expect(evidence.excerptCheck).toMatchObject({ status: 'pending' });
      expect((await outboxNamed('excerpt.check')).filter((row) => row.data.evidenceId === evidence.id)).toEqual([
        { job_id: `excerpt.check.${evidence.id}`, name: 'excerpt.check', data: { evidenceId: evidence.id } },
      ]);
      expect((await outboxNamed('source.fetch')).filter((row) => row.data.sourceId === source.id)).toEqual([]);
    });

    it('evidence without an excerpt has nothing to check', async () => {
      const claim = await aClaimInReview();
      const url = `https://plain-${hex(4)}.example.org/`;
      await sources.register(reviewerA.userId, { url, text: 'Some text.' });

      const evidence = await reviews.addEvidence(reviewerA, claim.id, { url, stance: 'context' });

      expect(evidence.excerptCheck).toBeNull();
      expect((await outboxNamed('excerpt.check')).filter((row) => row.data.evidenceId === evidence.id)).toEqual([]);
    });

    it('a verdict may cite its claim’s evidence but not evidence of another claim', async () => {
      const claim = await aClaimInReview();
      const other = await aClaimInReview();
      const own = await reviews.addEvidence(reviewerA, claim.id, {
        url: `https://own-${hex(4)}.example.org/`,
        stance: 'refutes',
      });
      const foreign = await reviews.addEvidence(reviewerA, other.id, {
        url: `https://foreign-${hex(4)}.example.org/`,
        stance: 'supports',
      });

      const error = await rejectionOf(verdict(reviewerA, claim.id, 'false', [own.id, foreign.id]));
      expect(error).toMatchObject({
        kind: 'invalid',
        code: 'verdict.invalid',
        details: { errors: [{ field: 'evidenceIds', message: expect.stringContaining(foreign.id) as string }] },
      });
      expect(await verdictRows(claim.id)).toEqual([]);

      const given = await verdict(reviewerA, claim.id, 'false', [own.id, own.id]);
      expect(given.evidenceIds).toEqual([own.id]);
      expect((await claimDetail(reviewerA, claim.id)).verdicts[0]!.evidenceIds).toEqual([own.id]);
    });

    it('evidence cannot be added to a published or rejected claim', async () => {
      const published = await aPublishedClaim('true');
      const error = await rejectionOf(
        reviews.addEvidence(reviewerA, published.id, { url: `https://late-${hex(4)}.example.org/`, stance: 'context' }),
      );
      expect(error).toMatchObject({ kind: 'conflict', code: 'claim.closed' });
    });
  });

  // ----- feed ------------------------------------------------------------------------

  describe('feed', () => {
    /** Every page of the feed, following the cursor. */
    async function allPages(since: Date | undefined, limit: number): Promise<ClaimReviewJsonLd[][]> {
      const pages: ClaimReviewJsonLd[][] = [];
      let cursor: { modifiedAt: string; claimId: string } | null = null;
      do {
        const page = await reviews.feed(since, cursor, limit);
        pages.push(page.items);
        cursor = page.next;
      } while (cursor !== null && pages.length < 100);
      return pages;
    }

    it('lists published claims newest-modified first; since filters', async () => {
      const start = await dbNow();
      const first = await aPublishedClaim('true');
      const between = await dbNow();
      const second = await aPublishedClaim('false');
      const third = await aPublishedClaim('half_true');
      // Not published: not in the feed.
      await aClaimAwaitingApproval('true');

      const all = await reviews.feed(start, null, 50);
      expect(all.items.map(claimIdOf)).toEqual([third.id, second.id, first.id]);
      expect(all.next).toBeNull();
      expect(all.items[0]).toMatchObject({ '@type': 'ClaimReview', url: `${publicUrl}/fact-checks/${third.id}` });

      const later = await reviews.feed(between, null, 50);
      expect(later.items.map(claimIdOf)).toEqual([third.id, second.id]);

      const none = await reviews.feed(new Date(Date.now() + 60_000), null, 50);
      expect(none).toEqual({ items: [], next: null });
    });

    it('a correction moves the claim to the top of the feed', async () => {
      const start = await dbNow();
      const older = await aPublishedClaim('true');
      const newer = await aPublishedClaim('false');
      expect((await reviews.feed(start, null, 50)).items.map(claimIdOf)).toEqual([newer.id, older.id]);

      const reopened = await reviews.transition(editor, older.id, { to: 'in_review' }, older.version);
      await verdict(reviewerA, older.id, 'mostly_true');
      await verdict(reviewerB, older.id, 'mostly_true');
      await reviews.evaluateConsensus(older.id);
      await reviews.transition(
        editor,
        older.id,
        { to: 'published', summary: 'Mostly true.', reason: 'Corrected figures.' },
        reopened.version + 1,
      );

      const feed = await reviews.feed(start, null, 50);
      expect(feed.items.map(claimIdOf)).toEqual([older.id, newer.id]);
      expect(feed.items[0]).toMatchObject({ version: 2 });
    });

    it('paging with the returned cursor has no repeats and no skips', async () => {
      const start = await dbNow();
      const published: string[] = [];
      for (let i = 0; i < 7; i++) published.push((await aPublishedClaim(i % 2 === 0 ? 'true' : 'false')).id);

      for (const limit of [1, 2, 3, 7, 8]) {
        const pages = await allPages(start, limit);
        const ids = pages.flat().map(claimIdOf);
        expect(ids).toEqual([...published].reverse());
        for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
      }
    });

    it('paging holds when claims share the same modification time (ties broken by id)', async () => {
      const start = await dbNow();
      const published: string[] = [];
      for (let i = 0; i < 5; i++) published.push((await aPublishedClaim('mostly_true')).id);
      await db.manager.query(`UPDATE reviews SET published_at = $2 WHERE claim_id = ANY($1::uuid[])`, [
        published,
        new Date(start.getTime() + 1_000),
      ]);

      const expected = [...published].sort().reverse();
      for (const limit of [1, 2, 4]) {
        const ids = (await allPages(start, limit)).flat().map(claimIdOf);
        expect(ids).toEqual(expected);
      }
    });

    it('the whole feed, paged, matches the whole feed in one page', async () => {
      const whole = (await reviews.feed(undefined, null, 100)).items.map(claimIdOf);
      const paged = (await allPages(undefined, 3)).flat().map(claimIdOf);
      expect(paged).toEqual(whole);
      expect(new Set(paged).size).toBe(paged.length);
    });
  });
});
