import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { type ClaimStatus, claimStatuses } from '@claimdesk/claims';
import { IsText } from '../validation/is-text.decorator';
import { Omittable } from '../validation/omittable.decorator';

export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
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
