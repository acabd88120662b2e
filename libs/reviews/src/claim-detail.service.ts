import { Injectable } from '@nestjs/common';
import { AccountsService, type Principal } from '@claimdesk/accounts';
import {
  type ClaimStatus,
  ClaimsService,
  type ClaimView,
  type EvidenceView,
  type ReviewView,
  type VerdictView,
} from '@claimdesk/claims';
import { QuoteChecks } from '@claimdesk/checking';
import { AppConfig } from '@claimdesk/config';
import { SourcesService } from '@claimdesk/sources';
import { type ClaimCapabilities, claimCapabilities, isSplit, ratingsHiddenReason } from './claim-capabilities';
import { toEvidenceView, toReviewView, toVerdictView } from './review.views';
import { type EvidenceRecord, type ReviewRecord, type ReviewRow, ReviewsRepository } from './reviews.repository';

/** A claim as `GET /claims/{id}` returns it to the caller: everything known about it that they may see. */
export interface ClaimDetailView extends ClaimView {
  evidence: EvidenceView[];
  /** The verdicts the caller may see (blind review: a reviewer sees others' after giving their own). */
  verdicts: VerdictView[];
  review: ReviewView | null;
  assignees: { id: string; name: string; assignedAt: Date }[];
  /** The statuses the caller may move the claim to now. */
  allowedTransitions: ClaimStatus[];
  /** Set when the verdicts on the current version disagree (flagged for the editor). */
  disagreement: boolean;
  /** Set when an editor asked another reviewer to settle this version's split verdicts. */
  tiebreakRequested: boolean;
  /** Whether the caller may give (or replace) a verdict now: in review, a reviewer, assigned when that is required. */
  mayGiveVerdict: boolean;
}

/**
 * A claim for one caller: what they may see of it (the API's view), and what
 * they may do with it, decided once. Pages read the capabilities rather than
 * re-deriving the workflow's rules.
 */
export interface ClaimDetail {
  claim: ClaimDetailView;
  capabilities: ClaimCapabilities;
}

/**
 * The one reading of a claim with its review workflow: the claim and its
 * appearances, its evidence, the verdicts the caller may see, the published
 * review, the assignees, and the caller's capabilities.
 */
@Injectable()
export class ClaimDetailService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly reviews: ReviewsRepository,
    private readonly accounts: AccountsService,
    private readonly sources: SourcesService,
    private readonly quoteChecks: QuoteChecks,
    private readonly config: AppConfig,
  ) {}

  /** The claim as `viewer` may see it, with what they may do next; 404 when there is no such claim. */
  async describe(viewer: Principal, claimId: string): Promise<ClaimDetail> {
    const { claim, state } = await this.claims.getWithState(claimId);
    // One after the other: inside a transaction they share one connection.
    const evidence = await this.reviews.listEvidence(claimId);
    const round = await this.roundOnShow(claim);
    const roundVerdicts = round === null ? [] : await this.reviews.verdictsOn(claim.id, round);
    const versions = await this.reviews.listReviews(claimId);
    const assigned = await this.reviews.listAssignees(claimId);
    const split = isSplit(state);
    const capabilities = claimCapabilities(
      viewer,
      {
        status: claim.status,
        split,
        published: versions.length > 0,
        assigned: assigned.some((assignee) => assignee.id === viewer.userId),
        gaveVerdict: roundVerdicts.some((verdict) => verdict.reviewerId === viewer.userId),
      },
      this.config,
    );
    // Blind review: no verdict of the round is shown to whom its ratings are hidden.
    const verdicts = capabilities.ratingsHidden ? [] : roundVerdicts;
    // Who did what, by name, in one lookup for the whole page.
    const names = await this.accounts.namesOf([
      ...evidence.map((row) => row.addedById),
      ...verdicts.map((verdict) => verdict.reviewerId),
      ...versions.map((version) => version.publishedById),
      ...assigned.map((assignee) => assignee.id),
    ]);
    return this.assemble(claim, capabilities, {
      evidence: await this.evidenceViews(evidence, names),
      verdicts: verdicts.map((verdict) => toVerdictView({ ...verdict, reviewerName: names.get(verdict.reviewerId)! })),
      review: toReviewView(versions.map((version) => withPublisherName(version, names))),
      assignees: assigned.map(({ id, assignedAt }) => ({ id, name: names.get(id)!, assignedAt })),
      disagreement: split,
      tiebreakRequested: split && state.tiebreakVersion === state.version,
    });
  }

  /**
   * Evidence as shown: with its sources' URLs and its excerpts' checks (one
   * lookup each) and the names, among `names`, of who added it.
   */
  async evidenceViews(evidence: readonly EvidenceRecord[], names: Map<string, string>): Promise<EvidenceView[]> {
    const urls = await this.sources.urlsOf(evidence.map((row) => row.sourceId));
    const checks = await this.quoteChecks.of(
      'evidence',
      evidence.filter((row) => row.excerpt !== null).map((row) => row.id),
    );
    return evidence.map((row) =>
      toEvidenceView({
        ...row,
        url: urls.get(row.sourceId)!,
        addedByName: row.addedById === null ? null : (names.get(row.addedById) ?? null),
        excerptCheck: checks.get(row.id) ?? null,
      }),
    );
  }

  /**
   * A claim just submitted, as {@link describe} would show it, without reading
   * back what the submission wrote: nobody is assigned, nothing is reviewed.
   */
  describeSubmitted(viewer: Principal, claim: ClaimView): ClaimDetail {
    const capabilities = claimCapabilities(
      viewer,
      { status: claim.status, split: false, published: false, assigned: false, gaveVerdict: false },
      this.config,
    );
    return this.assemble(claim, capabilities, {
      evidence: [],
      verdicts: [],
      review: null,
      assignees: [],
      disagreement: false,
      tiebreakRequested: false,
    });
  }

  /**
   * Whether the viewer may see verdict ratings on the claim yet (the rule the
   * verdicts of {@link describe} follow): editors always, everyone once it is
   * published, a reviewer after giving a verdict in the round on show.
   */
  async maySeeRatings(
    viewer: Principal,
    claim: { id: string; status: ClaimStatus; version: number },
  ): Promise<boolean> {
    // The verdict is looked up only when it decides.
    if (ratingsHiddenReason(viewer.role, claim.status, true) !== null) return false;
    if (ratingsHiddenReason(viewer.role, claim.status, false) === null) return true;
    const round = await this.roundOnShow(claim);
    return round !== null && (await this.reviews.hasVerdictOn(claim.id, round, viewer.userId));
  }

  /** The round of verdicts on show: the current version in review, else the last one that had verdicts. */
  private async roundOnShow(claim: { id: string; status: ClaimStatus; version: number }): Promise<number | null> {
    return claim.status === 'in_review' ? claim.version : this.reviews.latestVerdictVersion(claim.id, claim.version);
  }

  /** The API's view, its fields in the order `GET /claims/{id}` has always given them. */
  private assemble(
    claim: ClaimView,
    capabilities: ClaimCapabilities,
    workflow: Pick<
      ClaimDetailView,
      'evidence' | 'verdicts' | 'review' | 'assignees' | 'disagreement' | 'tiebreakRequested'
    >,
  ): ClaimDetail {
    const { similar, ...rest } = claim;
    return {
      claim: {
        ...rest,
        evidence: workflow.evidence,
        verdicts: workflow.verdicts,
        review: workflow.review,
        similar,
        assignees: workflow.assignees,
        allowedTransitions: capabilities.allowedTransitions.map((move) => move.to),
        disagreement: workflow.disagreement,
        tiebreakRequested: workflow.tiebreakRequested,
        mayGiveVerdict: capabilities.mayGiveVerdict,
      },
      capabilities,
    };
  }
}

function withPublisherName(version: ReviewRecord, names: Map<string, string>): ReviewRow {
  return {
    ...version,
    publishedByName: version.publishedById === null ? null : (names.get(version.publishedById) ?? null),
  };
}
