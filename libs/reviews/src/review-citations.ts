import { Injectable } from '@nestjs/common';
import { SourceCitations } from '@claimdesk/checking';
import { ClaimsService } from '@claimdesk/claims';
import { ReviewsRepository } from './reviews.repository';

/**
 * The citations of sources as source checking asks for them: claims cite
 * through their appearances (libs/claims) and reviewers through evidence
 * (this lib), the lowest lib that knows both.
 */
@Injectable()
export class ReviewCitations extends SourceCitations {
  constructor(
    private readonly claims: ClaimsService,
    private readonly reviews: ReviewsRepository,
  ) {
    super();
  }

  async claimsCiting(sourceId: string): Promise<string[]> {
    const throughAppearances = await this.claims.idsCitingSource(sourceId);
    const asEvidence = await this.reviews.claimsWithEvidenceFrom(sourceId);
    return [...new Set([...throughAppearances, ...asEvidence])];
  }

  async citedByClaimsIn(sourceIds: readonly string[], statuses: readonly string[]): Promise<string[]> {
    const cited = new Set(await this.claims.sourcesCitedIn(sourceIds, statuses));
    const evidence = (await this.reviews.evidenceFrom(sourceIds)).filter((pair) => !cited.has(pair.sourceId));
    const inStatus = new Set(await this.claims.idsIn([...new Set(evidence.map((pair) => pair.claimId))], statuses));
    for (const pair of evidence) if (inStatus.has(pair.claimId)) cited.add(pair.sourceId);
    return [...cited];
  }
}
