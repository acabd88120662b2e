import { Body, Controller, Get, Header, Headers, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@claimdesk/accounts';
import { type AppearanceView, type ClaimSummaryView, ClaimsService, type EventView } from '@claimdesk/claims';
import { MatchingService } from '@claimdesk/matching';
import type { Page } from '@claimdesk/persistence';
import { ClaimDetailService, type ClaimDetailView, ReviewsService } from '@claimdesk/reviews';
import { MinRole } from '../auth/access.decorators';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdempotentReplies } from '../idempotency/idempotent-replies';
import { parseIfMatch } from '../validation/if-match';
import { uuidParam } from '../validation/uuid-param.pipe';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { AppearanceResponse, ClaimDetailResponse, ClaimPageResponse, EventPageResponse } from './claim.response';
import { AppearanceRequest, CreateClaimRequest, EditClaimRequest } from './create-claim.request';
import { assigneeFilter, ListClaimsQuery, PageQuery, reviewFilters } from './list-claims.query';

const defaultLimit = 50;

@ApiTags('claims')
@Controller('claims')
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly reviews: ReviewsService,
    private readonly details: ClaimDetailService,
    private readonly matching: MatchingService,
    private readonly replies: IdempotentReplies,
  ) {}

  @Post()
  @MinRole('submitter')
  @ApiOperation({ summary: 'Submit a claim, with its claimant and where it appeared' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat-safe submission: a repeat returns the first response; kept 24 h, scoped to the caller',
  })
  @ApiCreatedResponse({
    type: ClaimDetailResponse,
    description: 'The claim, in submitted, with the similar claims found',
  })
  @ApiProblems(400, 404, 409, 413, 422, 429)
  async submit(
    @Body() body: CreateClaimRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.replies.send(request, reply, async () => {
      const claim = await this.claims.submit(principal, body);
      // Matched after the commit: the related claims need the index, not the transaction.
      const similar = await this.matching.similarTo(claim);
      return { status: 201, body: this.details.describeSubmitted(principal, { ...claim, similar }).claim };
    });
  }

  @Get()
  @MinRole('submitter')
  @ApiOperation({
    summary: 'List claims, newest first or in the sort given, or search them with q',
    description:
      'Pages go both ways: nextCursor continues after the last item, prevCursor goes back before the first (null on the first page). Each item counts the verdicts of its round on show (verdictCount, never their ratings) and says whether they disagree (split).',
  })
  @ApiOkResponse({ type: ClaimPageResponse })
  @ApiProblems(400, 429)
  list(@Query() query: ListClaimsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ClaimSummaryView>> {
    const { cursor, limit, assignee, needsVerdict, split, ...filters } = query;
    return this.reviews.listClaims(
      { ...filters, ...assigneeFilter(assignee, principal), ...reviewFilters({ needsVerdict, split }, principal) },
      cursor,
      limit ?? defaultLimit,
    );
  }

  @Get(':id')
  @MinRole('submitter')
  @ApiOperation({
    summary: 'A claim with everything known about it',
    description:
      "Claimant, appearances with quote checks, evidence, the verdicts the caller may see (blind review: a reviewer sees others' only after giving their own), the published review, similar claims, assignees and the transitions open to the caller.",
  })
  @ApiOkResponse({ type: ClaimDetailResponse, headers: { ETag: { description: 'The claim version, for If-Match' } } })
  @ApiProblems(400, 404, 429)
  async get(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimDetailView> {
    const { claim } = await this.details.describe(principal, id);
    void reply.header('etag', `"${claim.version}"`);
    return { ...claim, similar: await this.matching.similarTo(claim) };
  }

  @Patch(':id')
  @MinRole('editor')
  @ApiOperation({
    summary: 'Edit a claim before publication',
    description:
      "Text, headline, claimant (with the role they held when making the claim), claim date and tags; each field given replaces the claim's, null clears an optional one. The version (ETag) moves on, so verdicts given before count no more, and one claim.edited event records each changed field with its old and new value. 409 once published (reopen it for correction first) or rejected; 412 on a stale If-Match. An edit that changes nothing is 200 with the claim as it was.",
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the claim as last read: 412 when stale' })
  @ApiOkResponse({ type: ClaimDetailResponse, headers: { ETag: { description: 'The new claim version' } } })
  @ApiProblems(400, 404, 409, 412, 429)
  async edit(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: EditClaimRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimDetailView> {
    await this.claims.edit(principal, id, body, parseIfMatch(ifMatch));
    const { claim } = await this.details.describe(principal, id);
    void reply.header('etag', `"${claim.version}"`);
    return { ...claim, similar: await this.matching.similarTo(claim) };
  }

  @Post(':id/appearances')
  @MinRole('submitter')
  @ApiOperation({
    summary: 'Record another place the claim was made',
    description:
      'A restatement found later, or a duplicate submission folded into the claim it repeats: the source is registered (and fetched) when new, and the quote is checked against it.',
  })
  @ApiCreatedResponse({ type: AppearanceResponse })
  @ApiProblems(400, 404, 413, 422, 429)
  addAppearance(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AppearanceRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AppearanceView> {
    return this.claims.addAppearance(principal, id, body);
  }

  @Get(':id/events')
  @MinRole('submitter')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: "The claim's audit trail, oldest first",
    description:
      'Before publication, verdict.given events carry their rating only for editors and for reviewers who have given a verdict on the claim (ratingHidden: true otherwise).',
  })
  @ApiOkResponse({ type: EventPageResponse })
  @ApiProblems(400, 404, 429)
  events(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: PageQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<EventView>> {
    return this.reviews.listEvents(principal, id, query.cursor, query.limit ?? defaultLimit);
  }
}
