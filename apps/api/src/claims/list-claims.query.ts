import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { type ClaimFilters, type ClaimSort, claimSorts, type ClaimStatus, claimStatuses } from '@claimdesk/claims';
import type { Principal } from '@claimdesk/accounts';
import { IsText } from '../validation/is-text.decorator';
import { Omittable } from '../validation/omittable.decorator';

export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor (or prevCursor) of the page before (or after)' })
  @Omittable()
  @IsText(1, 512)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @Omittable()
  @Type(() => Number)
  @Min(1)
  @Max(100)
  @IsInt() // checked first (decorators apply bottom-up): "ten" is not an integer, rather than "greater than 100"
  limit?: number;
}

export class ListClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: claimStatuses })
  @Omittable()
  @IsIn(claimStatuses)
  status?: ClaimStatus;

  @ApiPropertyOptional({
    example: 'irreversible dismantlement',
    description: 'Words of the claim: every word must match; ranked by full-text rank plus trigram similarity',
  })
  @Omittable()
  @IsText(1, 500)
  q?: string;

  @ApiPropertyOptional({ description: "A claimant's id, or their name", example: 'Mike Pompeo' })
  @Omittable()
  @IsText(1, 200)
  claimant?: string;

  @ApiPropertyOptional({ example: 'nuclear' })
  @Omittable()
  @IsText(1, 50)
  tag?: string;

  @ApiPropertyOptional({
    example: 'me',
    description: "Claims assigned to a reviewer: `me`, or the reviewer's user id",
  })
  @Omittable()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assignee must be "me" or a user id',
  })
  assignee?: string;

  @ApiPropertyOptional({
    enum: claimSorts,
    description:
      'newest (the default without q) or oldest first, or status_age: longest in their current status first. With q and no sort, best match first.',
  })
  @Omittable()
  @IsIn(claimSorts, { message: `sort must be one of ${claimSorts.join(', ')}` })
  sort?: ClaimSort;

  @ApiPropertyOptional({
    example: 'pomp',
    description: "Part of the claimant's name, in any case, with or without diacritics",
  })
  @Omittable()
  @IsText(1, 200)
  speaker?: string;

  @ApiPropertyOptional({
    enum: ['me'],
    description:
      "`me`: claims in review waiting for the caller's verdict (assigned to the caller or to nobody, without the caller's verdict on the current version); empty for submitters",
  })
  @Omittable()
  @IsIn(['me'], { message: 'needsVerdict must be "me"' })
  needsVerdict?: 'me';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only claims whose verdicts on the current version disagree; false: only the others',
  })
  @Omittable()
  @IsIn(['true', 'false'], { message: 'split must be true or false' })
  split?: 'true' | 'false';
}

/** True when an `assignee` filter names the caller (`me`, in any case, as the query's validation allows). */
export function isMe(assignee: string): boolean {
  return assignee.toLowerCase() === 'me';
}

/** The `assignee` filter of a validated query, with `me` turned into the caller's id. */
export function assigneeFilter(assignee: string | undefined, caller: { userId: string }): { assignee?: string } {
  if (assignee === undefined) return {};
  return { assignee: isMe(assignee) ? caller.userId : assignee.toLowerCase() };
}

/** The filters of a validated query beyond the plain ones: `needsVerdict=me` as the caller, `split` as a boolean. */
export function reviewFilters(
  query: Pick<ListClaimsQuery, 'needsVerdict' | 'split'>,
  caller: Principal,
): Pick<ClaimFilters, 'needsVerdictOf' | 'split'> {
  return {
    ...(query.needsVerdict === undefined ? {} : { needsVerdictOf: { userId: caller.userId, role: caller.role } }),
    ...(query.split === undefined ? {} : { split: query.split === 'true' }),
  };
}
