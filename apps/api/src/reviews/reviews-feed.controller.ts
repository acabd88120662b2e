import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError, fieldProblem } from '@claimdesk/errors';
import { decodeCursor, encodeCursor, type Page } from '@claimdesk/persistence';
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
  async feed(@Query() query: ReviewFeedQuery): Promise<Page<ClaimReviewJsonLd>> {
    const page = await this.reviews.feed(
      query.since === undefined ? undefined : new Date(query.since),
      query.cursor === undefined ? null : decodeCursor(query.cursor, isFeedCursor, notAFeedCursor),
      query.limit ?? defaultLimit,
    );
    return { items: page.items, nextCursor: page.next === null ? null : encodeCursor(page.next) };
  }
}

type FeedCursor = { modifiedAt: string; claimId: string };

function isFeedCursor(value: Record<string, unknown>): value is FeedCursor {
  return (
    typeof value.modifiedAt === 'string' &&
    !Number.isNaN(Date.parse(value.modifiedAt)) &&
    typeof value.claimId === 'string' &&
    /^[0-9a-f-]{36}$/i.test(value.claimId)
  );
}

/** The feed answers a bad cursor as a bad query value (400 `request.invalid`), unlike the other lists: kept as clients know it. */
function notAFeedCursor(): DomainError {
  return DomainError.invalid('request.invalid', 'The query has invalid values.', [
    fieldProblem('cursor', 'is not a cursor this list gave'),
  ]);
}
