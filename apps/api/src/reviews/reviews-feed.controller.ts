import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError, fieldProblem } from '@claimdesk/errors';
import { type ClaimReviewJsonLd, ReviewsService } from '@claimdesk/reviews';
import { Public } from '../auth/access.decorators';
import { PageQuery } from '../claims/list-claims.query';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { IsTimestamp } from '../validation/is-timestamp.decorator';
import { Omittable } from '../validation/omittable.decorator';
import { ReviewFeedResponse } from './claim-review.response';

export class ReviewFeedQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only reviews published or corrected at or after this time',
  })
  @Omittable()
  @IsTimestamp()
  since?: string;
}

const defaultLimit = 50;

@ApiTags('review workflow')
@Controller('reviews')
export class ReviewsFeedController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Published reviews as ClaimReview JSON-LD, most recently published or corrected first',
  })
  @ApiOkResponse({ type: ReviewFeedResponse })
  @ApiProblems(400, 429)
  async feed(@Query() query: ReviewFeedQuery): Promise<{ items: ClaimReviewJsonLd[]; nextCursor: string | null }> {
    const page = await this.reviews.feed(
      query.since === undefined ? undefined : new Date(query.since),
      query.cursor === undefined ? null : decodeFeedCursor(query.cursor),
      query.limit ?? defaultLimit,
    );
    return {
      items: page.items,
      nextCursor: page.next === null ? null : Buffer.from(JSON.stringify(page.next)).toString('base64url'),
    };
  }
}

function decodeFeedCursor(cursor: string): { modifiedAt: string; claimId: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (
      typeof value.modifiedAt === 'string' &&
      !Number.isNaN(Date.parse(value.modifiedAt)) &&
      typeof value.claimId === 'string' &&
      /^[0-9a-f-]{36}$/i.test(value.claimId)
    ) {
      return { modifiedAt: value.modifiedAt, claimId: value.claimId };
    }
  } catch {
    // Falls through to the problem below.
  }
  throw DomainError.invalid('request.invalid', 'The query has invalid values.', [
    fieldProblem('cursor', 'is not a cursor this list gave'),
  ]);
}
