import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@claimdesk/accounts';
import { type CandidatePage, type ExtractionStateView, ExtractionService } from '@claimdesk/extraction';
import { ClaimDetailService, type ClaimDetailView } from '@claimdesk/reviews';
import { MinRole } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ClaimDetailResponse } from '../claims/claim.response';
import { PageQuery } from '../claims/list-claims.query';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { uuidParam } from '../validation/uuid-param.pipe';
import { CandidatePageResponse, ExtractionResponse } from './candidate.response';

const defaultLimit = 50;

/** Candidate claims extracted from a source: listing them, asking for an extraction, promoting one to a claim. */
@ApiTags('sources')
@Controller('sources/:id')
export class SourceCandidatesController {
  constructor(
    private readonly extraction: ExtractionService,
    private readonly details: ClaimDetailService,
  ) {}

  @Get('candidates')
  @MinRole('reviewer')
  @ApiOperation({
    summary: 'Candidate claims extracted from the source, best first',
    description:
      'Each with its speaker, its offsets and its sentence in the snapshot, its check-worthiness score and the existing claims it matches; `extraction` says where extraction of the latest snapshot stands.',
  })
  @ApiOkResponse({ type: CandidatePageResponse })
  @ApiProblems(400, 404, 429)
  list(@Param('id', uuidParam('id')) id: string, @Query() query: PageQuery): Promise<CandidatePage> {
    return this.extraction.list(id, query.cursor, query.limit ?? defaultLimit);
  }

  @Post('extractions')
  @MinRole('reviewer')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Extract candidate claims from the source',
    description:
      'Turns extraction on for the source (every new snapshot is extracted too) and queues the extraction of its latest snapshot, unless that is done or under way; a failed one is tried again. Without a snapshot yet, the fetch that stores one queues it.',
  })
  @ApiAcceptedResponse({ type: ExtractionResponse, description: 'Where extraction now stands' })
  @ApiProblems(400, 404, 429)
  request(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExtractionStateView> {
    return this.extraction.request(principal.userId, id);
  }

  @Post('candidates/:candidateId/promote')
  @MinRole('reviewer')
  @ApiOperation({
    summary: 'Promote a candidate to a claim',
    description:
      'Submits it as POST /claims would: its text, its speaker as claimant (unless unnamed or anonymous), and an appearance on this source quoting its exact words, whose quote check then finds them. A candidate is promoted once: promoting it again returns the same claim with 200.',
  })
  @ApiCreatedResponse({ type: ClaimDetailResponse, description: 'The new claim, in submitted' })
  @ApiOkResponse({ type: ClaimDetailResponse, description: 'Promoted before: the claim it became' })
  @ApiProblems(400, 404, 429)
  async promote(
    @Param('id', uuidParam('id')) id: string,
    @Param('candidateId', uuidParam('candidateId')) candidateId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimDetailView> {
    const result = await this.extraction.promote(principal, id, candidateId);
    if (result.created) {
      void reply.code(201);
      return this.details.describeSubmitted(principal, result.claim).claim;
    }
    void reply.code(200);
    return (await this.details.describe(principal, result.claimId)).claim;
  }
}
