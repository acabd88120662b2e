import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ClaimMatch, MatchingService } from '@claimdesk/matching';
import { MinRole } from '../auth/access.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ClaimMatchesResponse } from './claim.response';
import { MatchClaimsRequest } from './match-claims.request';

@ApiTags('claims')
@Controller('claims/matches')
export class ClaimMatchesController {
  constructor(private readonly matching: MatchingService) {}

  @Post()
  @HttpCode(200)
  @MinRole('submitter')
  @ApiOperation({
    summary: 'Find the claims a text restates: was this already checked?',
    description:
      'Exact copies first (reason exact, score 1), then near duplicates, then related claims (the same subject in other words, ranked by BM25 over stemmed terms and reranked), best first. A number or a negation that differs lowers the score and is listed in conflicts. Each claim carries its status and, once published, its rating.',
  })
  @ApiOkResponse({ type: ClaimMatchesResponse })
  @ApiProblems(400, 413, 429)
  async match(@Body() body: MatchClaimsRequest): Promise<{ items: ClaimMatch[] }> {
    return { items: await this.matching.match(body.text, { limit: body.limit ?? 10 }) };
  }
}
