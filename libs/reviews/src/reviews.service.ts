import { Injectable } from '@nestjs/common';
import { AccountsService, hasRole, type Principal } from '@claimdesk/accounts';
import {
  allowedTargets,
  type ClaimFilters,
  type ClaimState,
  type ClaimStatus,
  ClaimsService,
  type ClaimSummaryView,
  type EvidenceView,
  findTransition,
  type Transition,
  type VerdictView,
  ClaimErrors,
  claimNotFound,
} from '@claimdesk/claims';
import { QuoteChecks } from '@claimdesk/checking';
import { AppConfig } from '@claimdesk/config';
import { DomainError, fieldProblem, type FieldProblem } from '@claimdesk/errors';
import { type EventAction, EventLog } from '@claimdesk/events';
import { Database, type Page } from '@claimdesk/persistence';
import { type AwaitedJob, JobOutbox } from '@claimdesk/queue';
import { SourcesService } from '@claimdesk/sources';
import { isSplit } from './claim-capabilities';
import { ClaimDetailService, type ClaimDetailView } from './claim-detail.service';
import { type ClaimReviewJsonLd, toClaimReview } from './claim-review';
import { countRatings, decideConsensus } from './consensus';
import type { Stance } from './evidence.entity';
import type { Rating } from './rating';
import { type ReviewRecord, ReviewsRepository } from './reviews.repository';
import { ReviewErrors } from './review-errors';

export interface TransitionRequest {
  to: ClaimStatus;
  reason?: string;
  duplicateOf?: string;
  rating?: Rating;
  summary?: string;
}

export interface EvidenceRequest {
  url: string;
  stance: Stance;
  excerpt?: string;
  note?: string;
}

export interface VerdictRequest {
  rating: Rating;
  rationale: string;
  evidenceIds?: string[];
}

/** Most claims one sweep for lost jobs looks at. */
const sweepBatch = 500;
/** How many claims in review one query of the sweep reads. */
const inReviewPage = 1_000;

export type ConsensusOutcome =
  | { outcome: 'consensus'; rating: Rating; verdicts: number; split?: true }
  | { outcome: 'disagreement'; ratings: Partial<Record<Rating, number>> }
  | { outcome: 'waiting'; verdicts: number }
  | { outcome: 'not_in_review'; status: ClaimStatus }
  | { outcome: 'missing' };

/**
 * The review workflow: status transitions (one typed map, optimistic
 * locking on the claim version), assignments, evidence, blind verdicts,
 * consensus as a queued status change, publishing and corrections.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly db: Database,
    private readonly reviews: ReviewsRepository,
    private readonly claims: ClaimsService,
    private readonly accounts: AccountsService,
    private readonly sources: SourcesService,
    private readonly quoteChecks: QuoteChecks,
    private readonly events: EventLog,
    private readonly outbox: JobOutbox,
    private readonly config: AppConfig,
    private readonly details: ClaimDetailService,
  ) {}

  /** The latest published rating of each of these claims that has one, by claim id. */
  async publishedRatings(claimIds: readonly string[]): Promise<Map<string, { rating: Rating; publishedAt: Date }>> {
    const ratings = new Map<string, { rating: Rating; publishedAt: Date }>();
    if (claimIds.length === 0) return ratings;
    // Oldest first per claim: the last one seen is the current version.
    for (const review of await this.reviews.listReviewsOf(claimIds)) {
      ratings.set(review.claimId, { rating: review.rating, publishedAt: review.publishedAt });
    }
    return ratings;
  }

  /**
   * The claims list (the editors' queue, `GET /claims`): {@link ClaimsService.list}
   * with the workflow's filters (assignee, waiting for a reviewer's verdict,
   * split verdicts) and each claim's verdict count and split flag, in its one query.
   */
  async listClaims(filters: ClaimFilters, cursor: string | undefined, limit: number): Promise<Page<ClaimSummaryView>> {
    const { assignee, needsVerdictOf, split, ...claimFilters } = filters;
    // Only reviewers give verdicts: nothing needs the verdict of anyone else.
    if (needsVerdictOf !== undefined && !hasRole(needsVerdictOf.role, 'reviewer')) {
      return { items: [], nextCursor: null, prevCursor: null };
    }
    const terms = this.reviews.claimListTerms({ assigneeId: assignee, needsVerdictBy: needsVerdictOf?.userId, split });
    return this.claims.list(claimFilters, cursor, limit, terms);
  }

  /**
   * Moves the claim along the status machine. `ifMatch` is the version the
   * caller saw (its ETag): a stale one is refused with 412, and the update is
   * conditional on the version either way, so no change is silently lost.
   */
  async transition(
    actor: Principal,
    claimId: string,
    request: TransitionRequest,
    ifMatch: number | undefined,
  ): Promise<ClaimDetailView> {
    await this.db.transaction(async () => {
      const claim = await this.claims.lockState(claimId, 'update', ifMatch);
      if (claim === null) throw claimNotFound(claimId);
      const transition = findTransition(claim.status, request.to);
      const allowed = allowedTargets(claim.status, actor.role, isSplit(claim));
      if (transition === undefined || !allowed.includes(request.to)) {
        throw DomainError.conflict(
          ClaimErrors.illegalTransition,
          `A claim in ${claim.status} cannot move to ${request.to}${
            allowed.length > 0 ? `; it may move to ${allowed.join(', ')}` : '; no move is open to you'
          }.`,
          { from: claim.status, to: request.to, allowed },
        );
      }
      const duplicateOf = await this.checkDuplicate(claim, request);
      const review = request.to === 'published' ? await this.prepareReview(claim, request, transition.name) : null;
      const changed = await this.claims.transition(claim, request.to, duplicateOf);
      if (changed === null) {
        throw new DomainError(
          'precondition_failed',
          ClaimErrors.versionMismatch,
          'The claim changed meanwhile: reload it.',
        );
      }
      await this.events.record({
        claimId,
        actorId: actor.userId,
        action: 'claim.status_changed',
        fromStatus: claim.status,
        toStatus: request.to,
        data: {
          transition: transition.name,
          version: changed.version,
          ...(request.reason === undefined ? {} : { reason: request.reason }),
          ...(duplicateOf === null ? {} : { duplicateOf }),
        },
      });
      if (transition.name === 'publish_split') {
        await this.events.record({
          claimId,
          actorId: actor.userId,
          action: 'claim.split_decided',
          data: {
            claimVersion: claim.version,
            rating: review!.rating,
            rationale: request.reason!,
            ratings: countRatings(await this.ratingsOn(claimId, claim.version)),
          },
        });
      }
      if (review !== null) await this.publish(actor, claimId, changed.version, review);
    });
    return (await this.details.describe(actor, claimId)).claim;
  }

  /** Who is assigned to each of the claims (a list page's column), by claim id; claims without any are left out. */
  async assigneesOf(claimIds: readonly string[]): Promise<Map<string, { id: string; name: string }[]>> {
    const byClaim = new Map<string, { id: string; name: string }[]>();
    if (claimIds.length === 0) return byClaim;
    const assignees = await this.reviews.listAssigneesOfClaims(claimIds);
    const names = await this.accounts.namesOf(assignees.map((assignee) => assignee.id));
    for (const { claimId, id } of assignees) {
      byClaim.set(claimId, [...(byClaim.get(claimId) ?? []), { id, name: names.get(id)! }]);
    }
    return byClaim;
  }

  /** Assigns a reviewer by email; `created` is false when they already were. */
  async assign(actor: Principal, claimId: string, reviewerEmail: string): Promise<{ created: boolean }> {
    return this.db.transaction(async () => {
      if (!(await this.claims.exists(claimId))) throw claimNotFound(claimId);
      const { created } = await this.assignReviewer(actor, claimId, reviewerEmail, 'assignment');
      return { created };
    });
  }

  /**
   * Asks another reviewer to settle the split verdicts of the claim's current
   * version: they are assigned, and the round is then decided by the rating
   * most verdicts give once it leads alone (with at least CONSENSUS_MIN_VERDICTS).
   */
  async requestVerdict(
    actor: Principal,
    claimId: string,
    reviewerEmail: string,
  ): Promise<{ reviewer: { id: string; name: string }; claimVersion: number }> {
    return this.db.transaction(async () => {
      const claim = await this.claims.lockState(claimId, 'update');
      if (claim === null) throw claimNotFound(claimId);
      if (!isSplit(claim)) {
        throw DomainError.conflict(
          ReviewErrors.notSplit,
          claim.status === 'in_review'
            ? 'The verdicts on this claim are not split. Another reviewer is asked for only when they are.'
            : `The claim is ${claim.status}, not in review with split verdicts.`,
          { claimStatus: claim.status },
        );
      }
      const reviewer = await this.assignReviewer(actor, claimId, reviewerEmail, 'verdict_request');
      if (await this.reviews.hasVerdictOn(claimId, claim.version, reviewer.id)) {
        throw DomainError.conflict(
          ReviewErrors.alreadyGiven,
          `${reviewer.name} has already given a verdict on this version. Ask a reviewer who has not.`,
        );
      }
      await this.claims.requestTiebreak(claimId, claim.version);
      await this.events.record({
        claimId,
        actorId: actor.userId,
        action: 'claim.verdict_requested',
        data: { reviewerId: reviewer.id, reviewerName: reviewer.name, claimVersion: claim.version },
      });
      return { reviewer: { id: reviewer.id, name: reviewer.name }, claimVersion: claim.version };
    });
  }

  /** Assigns the reviewer with this email (recording it), refusing an unknown email or a user who may not review. */
  private async assignReviewer(
    actor: Principal,
    claimId: string,
    reviewerEmail: string,
    request: 'assignment' | 'verdict_request',
  ): Promise<{ id: string; name: string; created: boolean }> {
    const reviewer = await this.accounts.findByEmail(reviewerEmail);
    const refuse = (message: string) =>
      DomainError.invalid(
        request === 'assignment' ? ReviewErrors.assignmentInvalid : ReviewErrors.verdictRequestInvalid,
        `The ${request.replace('_', ' ')} is not valid.`,
        [{ field: 'reviewerEmail', message }],
      );
    if (reviewer === null) throw refuse('No user has this email.');
    if (!hasRole(reviewer.role, 'reviewer'))
      throw refuse('This user is not a reviewer: only reviewers, editors and admins give verdicts.');
    const created = await this.reviews.assign(claimId, reviewer.id, actor.userId);
    if (created) {
      await this.events.record({
        claimId,
        actorId: actor.userId,
        action: 'claim.assigned',
        data: { reviewerId: reviewer.id, reviewerName: reviewer.name },
      });
    }
    return { id: reviewer.id, name: reviewer.name, created };
  }

  /**
   * The claim's audit trail. Before publication, verdict events carry their
   * rating only for editors and for reviewers who have given a verdict.
   */
  async listEvents(
    viewer: Principal,
    claimId: string,
    cursor: string | undefined,
    limit: number,
  ): ReturnType<ClaimsService['listEvents']> {
    const page = await this.claims.listEvents(claimId, cursor, limit);
    const state = await this.claims.findState(claimId);
    if (state === null || (await this.details.maySeeRatings(viewer, state))) return page;
    return {
      ...page,
      items: page.items.map((event) => {
        if (!ratingEvents.has(event.action)) return event;
        const { rating: _rating, previousRating: _previous, ratings: _ratings, ...data } = event.data;
        return { ...event, data: { ...data, ratingHidden: true } };
      }),
    };
  }

  /** Attaches a source as evidence; its fetch and excerpt check are queued. */
  async addEvidence(actor: Principal, claimId: string, request: EvidenceRequest): Promise<EvidenceView> {
    const evidenceId = await this.db.transaction(async () => {
      const claim = await this.claims.lockState(claimId, 'update');
      if (claim === null) throw claimNotFound(claimId);
      if (claim.status === 'published' || claim.status === 'rejected') {
        throw DomainError.conflict(ReviewErrors.closed, `Evidence cannot be added to a ${claim.status} claim.`, {
          claimStatus: claim.status,
        });
      }
      const source = await this.sources.cite(actor.userId, request.url);
      const id = await this.reviews.insertEvidence({
        claimId,
        sourceId: source.id,
        stance: request.stance,
        excerpt: request.excerpt ?? null,
        note: request.note ?? null,
        addedBy: actor.userId,
      });
      if (request.excerpt !== undefined) {
        await this.quoteChecks.open({ kind: 'evidence', id, claimId, sourceId: source.id, quote: request.excerpt });
        // A new source's fetch checks the excerpt; a known one may have its snapshot already.
        if (!source.created) {
          await this.outbox.enqueue({ name: 'excerpt.check', data: { evidenceId: id } }, { key: id });
        }
      }
      await this.events.record({
        claimId,
        actorId: actor.userId,
        action: 'evidence.added',
        data: { evidenceId: id, sourceId: source.id, url: source.url, stance: request.stance },
      });
      return id;
    });
    const evidence = (await this.reviews.listEvidence(claimId)).filter((row) => row.id === evidenceId);
    const [added] = await this.details.evidenceViews(evidence, await this.accounts.namesOf([actor.userId]));
    return added!;
  }

  /**
   * Records the reviewer's verdict on the claim's current version (replacing
   * their earlier one on it) and queues the status-change job.
   */
  async giveVerdict(actor: Principal, claimId: string, request: VerdictRequest): Promise<VerdictView> {
    return this.db.transaction(async () => {
      // A share lock: verdicts may be given side by side, but not while the status changes.
      const claim = await this.claims.lockState(claimId, 'share');
      if (claim === null) throw claimNotFound(claimId);
      if (claim.status !== 'in_review') {
        throw DomainError.conflict(
          ReviewErrors.notInReview,
          `Verdicts are given on claims in review, not ${claim.status}.`,
          {
            claimStatus: claim.status,
          },
        );
      }
      if (this.config.verdictsRequireAssignment && !(await this.reviews.isAssigned(claimId, actor.userId))) {
        throw DomainError.conflict(
          ReviewErrors.verdictNotAssigned,
          'Only reviewers assigned to this claim may give a verdict on it. Ask an editor to assign you.',
        );
      }
      const evidenceIds = [...new Set(request.evidenceIds ?? [])];
      const known = await this.reviews.evidenceOf(claimId, evidenceIds);
      const unknown = evidenceIds.filter((id) => !known.includes(id));
      if (unknown.length > 0) {
        throw DomainError.invalid(ReviewErrors.verdictInvalid, 'The verdict is not valid.', [
          fieldProblem('evidenceIds', `not evidence of this claim: ${unknown.join(', ')}`),
        ]);
      }
      const verdict = await this.reviews.upsertVerdict({
        claimId,
        claimVersion: claim.version,
        reviewerId: actor.userId,
        rating: request.rating,
        rationale: request.rationale,
        evidenceIds,
      });
      await this.events.record({
        claimId,
        actorId: actor.userId,
        action: 'verdict.given',
        data: {
          verdictId: verdict.id,
          claimVersion: claim.version,
          rating: request.rating,
          ...(verdict.previousRating === null ? {} : { replaced: true, previousRating: verdict.previousRating }),
        },
      });
      await this.outbox.enqueue({ name: 'claim.evaluate', data: { claimId } });
      return {
        id: verdict.id,
        reviewer: { id: actor.userId, name: actor.name },
        rating: request.rating,
        rationale: request.rationale,
        evidenceIds,
        claimVersion: claim.version,
        createdAt: verdict.createdAt,
        updatedAt: verdict.updatedAt,
      };
    });
  }

  /**
   * The `claim.evaluate` job. Under the claim's row lock, so runs of it for
   * the same claim (twice, or side by side) see each other's outcome: at most
   * one transition and one event.
   */
  async evaluateConsensus(claimId: string): Promise<ConsensusOutcome> {
    return this.db.transaction(async () => {
      const claim = await this.claims.lockState(claimId, 'update');
      if (claim === null) return { outcome: 'missing' };
      if (claim.status !== 'in_review') return { outcome: 'not_in_review', status: claim.status };
      const decision = decideConsensus(await this.ratingsOn(claimId, claim.version), this.rule(claim));
      if (decision.outcome === 'disagreement') {
        if (claim.disagreementVersion !== claim.version) {
          await this.claims.flagDisagreement(claimId, claim.version);
          await this.events.record({
            claimId,
            actorId: null,
            action: 'claim.disagreement_flagged',
            data: { claimVersion: claim.version, ratings: decision.ratings },
          });
        }
        return { outcome: 'disagreement', ratings: decision.ratings };
      }
      if (decision.outcome === 'waiting') return decision;
      const { rating, verdicts, split } = decision;
      const changed = await this.claims.transition(claim, 'awaiting_approval');
      if (changed === null) return { outcome: 'not_in_review', status: claim.status };
      await this.events.record({
        claimId,
        actorId: null,
        action: 'claim.status_changed',
        fromStatus: 'in_review',
        toStatus: 'awaiting_approval',
        data: {
          transition: 'consensus',
          version: changed.version,
          rating,
          verdicts,
          ...(split ? { split: true, ratings: decision.ratings } : {}),
        },
      });
      return { outcome: 'consensus', rating, verdicts, ...(split ? { split: true } : {}) };
    });
  }

  /**
   * The status-change jobs that claims whose verdicts (the latest given
   * before `before`) call for a change not made yet wait on. Verdicts queue
   * the job under an id of their own, so the id here is one per state of the
   * verdicts (`claim.evaluate.<claim id>.<version>.<latest verdict, ms>`): a
   * lost evaluation is re-driven once, and one that ran is not repeated.
   */
  async awaitedJobs(before: Date, pageSize = inReviewPage): Promise<AwaitedJob[]> {
    // The claims in review a page at a time, so memory stays flat however many there are.
    const claims: Awaited<ReturnType<ReviewsRepository['awaitingEvaluationBefore']>> = [];
    for (let after: string | null = null; claims.length < sweepBatch;) {
      const page = await this.claims.listInReview(after, pageSize);
      const due = await this.reviews.awaitingEvaluationBefore(
        page,
        before,
        this.config.consensusMinVerdicts,
        sweepBatch - claims.length,
      );
      claims.push(...due);
      if (page.length < pageSize) break;
      after = page.at(-1)!.id;
    }
    return claims.map(({ claimId, version, lastVerdictAt }) => ({
      job: { name: 'claim.evaluate', data: { claimId } },
      key: `${claimId}.${version}.${new Date(lastVerdictAt).getTime()}`,
    }));
  }

  /** The published review as schema.org ClaimReview; 404 until published. */
  async claimReview(claimId: string): Promise<ClaimReviewJsonLd> {
    const [review] = await this.claimReviews([claimId]);
    if (review === undefined) {
      throw DomainError.notFound(ReviewErrors.reviewNotFound, `Claim ${claimId} has no published review.`);
    }
    return review;
  }

  /** Published reviews, most recently (re)published first. */
  async feed(
    since: Date | undefined,
    cursor: { modifiedAt: string; claimId: string } | null,
    limit: number,
  ): Promise<{ items: ClaimReviewJsonLd[]; next: { modifiedAt: string; claimId: string } | null }> {
    const rows = await this.reviews.listPublished(since ?? null, cursor, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await this.claimReviews(page.map((row) => row.claimId)),
      next: rows.length > limit && last !== undefined ? { modifiedAt: last.modifiedKey, claimId: last.claimId } : null,
    };
  }

  /** The ClaimReviews of the claims that have one, in the order given: two queries for any number. */
  private async claimReviews(claimIds: readonly string[]): Promise<ClaimReviewJsonLd[]> {
    if (claimIds.length === 0) return [];
    const versions = await this.reviews.listReviewsOf(claimIds);
    const claims = new Map((await this.claims.reviewedClaims(claimIds)).map((claim) => [claim.id, claim]));
    const byClaim = new Map<string, ReviewRecord[]>();
    for (const version of versions) byClaim.set(version.claimId, [...(byClaim.get(version.claimId) ?? []), version]);
    return claimIds.flatMap((id) => {
      const claim = claims.get(id);
      const published = byClaim.get(id);
      return claim === undefined || published === undefined ? [] : [toClaimReview(claim, published, this.config)];
    });
  }

  private async checkDuplicate(claim: ClaimState, request: TransitionRequest): Promise<string | null> {
    if (request.duplicateOf === undefined) return null;
    if (request.to !== 'rejected') {
      throw DomainError.invalid(ReviewErrors.transitionInvalid, 'The transition is not valid.', [
        fieldProblem('duplicateOf', 'can be named only when rejecting the claim'),
      ]);
    }
    if (request.duplicateOf === claim.id || !(await this.claims.exists(request.duplicateOf))) {
      throw DomainError.invalid(ReviewErrors.transitionInvalid, 'The transition is not valid.', [
        fieldProblem('duplicateOf', 'must be the id of another claim'),
      ]);
    }
    return request.duplicateOf;
  }

  /** What publishing will record: the rating (the consensus one by default) and, for a correction, its note. */
  private async prepareReview(
    claim: ClaimState,
    request: TransitionRequest,
    transition: Transition['name'],
  ): Promise<{ rating: Rating; summary: string; correctionNote: string | null; version: number }> {
    const problems: FieldProblem[] = [];
    if (request.summary === undefined) problems.push(fieldProblem('summary', 'is required to publish'));
    const versions = await this.reviews.listReviews(claim.id);
    const version = (versions.at(-1)?.version ?? 0) + 1;
    const split = transition === 'publish_split';
    if (split && request.reason === undefined) {
      problems.push(fieldProblem('reason', 'is required: say why this rating was chosen over the split verdicts'));
    } else if (version > 1 && request.reason === undefined) {
      problems.push(fieldProblem('reason', 'is the public correction note, required to publish a correction'));
    }
    const rating = request.rating ?? (split ? null : await this.consensusRating(claim));
    if (rating === null) {
      problems.push(
        fieldProblem(
          'rating',
          split ? 'is required: choose the rating to publish' : 'is required: the verdicts do not agree on one',
        ),
      );
    }
    if (problems.length > 0)
      throw DomainError.invalid(ReviewErrors.transitionInvalid, 'The claim cannot be published.', problems);
    return {
      rating: rating!,
      summary: request.summary!,
      correctionNote: version > 1 ? request.reason! : null,
      version,
    };
  }

  /** The rating the verdicts of the last round agree on (or, after a tie-break, lead with), if there is one. */
  private async consensusRating(claim: ClaimState): Promise<Rating | null> {
    const round = await this.reviews.latestVerdictVersion(claim.id, claim.version);
    if (round === null) return null;
    const decision = decideConsensus(await this.ratingsOn(claim.id, round), {
      minVerdicts: 1,
      tiebreak: claim.tiebreakVersion === round,
    });
    return decision.outcome === 'consensus' ? decision.rating : null;
  }

  private async ratingsOn(claimId: string, claimVersion: number): Promise<Rating[]> {
    return (await this.reviews.verdictsOn(claimId, claimVersion)).map((verdict) => verdict.rating);
  }

  /** How the claim's current round is decided: agreement, or the leading rating after a tie-break was asked for. */
  private rule(claim: ClaimState) {
    return { minVerdicts: this.config.consensusMinVerdicts, tiebreak: claim.tiebreakVersion === claim.version };
  }

  private async publish(
    actor: Principal,
    claimId: string,
    claimVersion: number,
    review: { rating: Rating; summary: string; correctionNote: string | null; version: number },
  ): Promise<void> {
    const inserted = await this.reviews.insertReview({
      claimId,
      version: review.version,
      claimVersion,
      rating: review.rating,
      summary: review.summary,
      correctionNote: review.correctionNote,
      publishedBy: actor.userId,
    });
    await this.events.record({
      claimId,
      actorId: actor.userId,
      action: review.version === 1 ? 'claim.published' : 'claim.corrected',
      data: {
        reviewVersion: review.version,
        rating: review.rating,
        summary: review.summary,
        publishedAt: inserted.publishedAt,
        url: `${this.config.publicUrl}/fact-checks/${claimId}`,
        ...(review.correctionNote === null ? {} : { correction: review.correctionNote }),
      },
    });
  }
}

/** Events whose data tells verdict ratings: hidden from those blind review keeps them from. */
const ratingEvents = new Set<EventAction>([
  'verdict.given',
  'claim.status_changed',
  'claim.disagreement_flagged',
  'claim.split_decided',
]);
