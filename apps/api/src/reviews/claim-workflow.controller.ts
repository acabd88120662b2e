import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@claimdesk/accounts';
import type { EvidenceView, VerdictView } from '@claimdesk/claims';
import { ClaimDetailService, type ClaimDetailView, type ClaimReviewJsonLd, ReviewsService } from '@claimdesk/reviews';
import { MinRole, Public } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ClaimDetailResponse, EvidenceResponse, VerdictResponse } from '../claims/claim.response';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { parseIfMatch } from '../validation/if-match';
import { uuidParam } from '../validation/uuid-param.pipe';
import { ClaimReviewResponse } from './claim-review.response';
import {
  AssignmentRequestBody,
  EvidenceRequestBody,
  TransitionRequestBody,
  VerdictRequestBody,
} from './workflow.requests';

@ApiTags('review workflow')
@Controller('claims')
export class ClaimWorkflowController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly details: ClaimDetailService,
  ) {}

  @Post(':id/transitions')
  @HttpCode(200)
  @MinRole('editor')
  @ApiOperation({
    summary: 'Move a claim along the status machine',
    description:
      "submitted → in_review (triage) or rejected; in_review → rejected, or published while its verdicts are split (`disagreement`: then `rating`, `summary` and `reason`, the rationale, are required, and a claim.split_decided event records them); awaiting_approval → published, in_review (send back) or rejected; published → in_review (reopen for correction); rejected → submitted (reopen). in_review → awaiting_approval is the status-change job's, on consensus. Publishing needs `summary`; `rating` defaults to the rating the verdicts agree on; a correction (publishing again) needs `reason`, its public note.",
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the claim as last read: 412 when stale' })
  @ApiOkResponse({ type: ClaimDetailResponse, headers: { ETag: { description: 'The new claim version' } } })
  @ApiProblems(400, 404, 409, 412, 429)
  async transition(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: TransitionRequestBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimDetailView> {
    const claim = await this.reviews.transition(principal, id, body, parseIfMatch(ifMatch));
    void reply.header('etag', `"${claim.version}"`);
    return claim;
  }

  @Post(':id/assignments')
  @MinRole('editor')
  @ApiOperation({ summary: 'Assign a reviewer to the claim (200 when already assigned)' })
  @ApiCreatedResponse({ type: ClaimDetailResponse, description: 'Assigned' })
  @ApiOkResponse({ type: ClaimDetailResponse, description: 'The reviewer was already assigned' })
  @ApiProblems(400, 404, 429)
  async assign(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AssignmentRequestBody,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimDetailView> {
    const { created } = await this.reviews.assign(principal, id, body.reviewerEmail);
    void reply.status(created ? 201 : 200);
    return (await this.details.describe(principal, id)).claim;
  }

  @Post(':id/verdict-requests')
  @MinRole('editor')
  @ApiOperation({
    summary: 'Ask another reviewer to settle split verdicts',
    description:
      "Only while the verdicts on the claim's current version are split (`disagreement`). The reviewer is assigned, a claim.verdict_requested event is recorded, and from then on this version is decided by the rating most verdicts give, once it leads alone with at least CONSENSUS_MIN_VERDICTS verdicts. 409 when the verdicts are not split or the reviewer has already given one on this version.",
  })
  @ApiCreatedResponse({ type: ClaimDetailResponse })
  @ApiProblems(400, 404, 409, 429)
  async requestVerdict(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AssignmentRequestBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClaimDetailView> {
    await this.reviews.requestVerdict(principal, id, body.reviewerEmail);
    return (await this.details.describe(principal, id)).claim;
  }

  @Post(':id/evidence')
  @MinRole('reviewer')
  @ApiOperation({ summary: 'Attach a source as evidence; its fetch and excerpt check are queued' })
  @ApiCreatedResponse({ type: EvidenceResponse })
  @ApiProblems(400, 404, 409, 429)
  addEvidence(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: EvidenceRequestBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EvidenceView> {
    return this.reviews.addEvidence(principal, id, body);
  }

  @Post(':id/verdicts')
  @MinRole('reviewer')
  @ApiOperation({
    summary: "Give (or replace) the caller's verdict on the claim's current version",
    description:
      'One verdict per reviewer per claim version: a second replaces the first (both stay in the events). Queues the status-change job, which moves the claim to awaiting_approval when CONSENSUS_MIN_VERDICTS verdicts agree and none conflicts.',
  })
  @ApiCreatedResponse({ type: VerdictResponse })
  @ApiProblems(400, 404, 409, 429)
  giveVerdict(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: VerdictRequestBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<VerdictView> {
    return this.reviews.giveVerdict(principal, id, body);
  }

  @Get(':id/claim-review')
  @Public()
  @ApiProduces('application/ld+json')
  @ApiOperation({ summary: 'The published review as schema.org ClaimReview (JSON-LD); 404 until published' })
  @ApiOkResponse({ type: ClaimReviewResponse })
  @ApiProblems(400, 404, 429)
  async claimReview(
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimReviewJsonLd> {
    const review = await this.reviews.claimReview(id);
    void reply.header('content-type', 'application/ld+json; charset=utf-8');
    return review;
  }
}
