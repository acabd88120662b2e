import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsUUID, MaxLength } from 'class-validator';
import { type ClaimStatus, claimStatuses } from '@claimdesk/claims';
import { type Rating, ratings, type Stance, stances } from '@claimdesk/reviews';
import { IsText } from '../validation/is-text.decorator';
import { Omittable } from '../validation/omittable.decorator';

export class TransitionRequestBody {
  @ApiProperty({ enum: claimStatuses, example: 'in_review' })
  @IsIn(claimStatuses)
  to: ClaimStatus;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Why; when publishing a correction (version 2 and later), the public correction note',
  })
  @Omittable()
  @IsText(1, 2000)
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'With to: rejected, the claim this one duplicates' })
  @Omittable()
  @IsUUID()
  duplicateOf?: string;

  @ApiPropertyOptional({
    enum: ratings,
    description: 'With to: published; defaults to the rating the verdicts agree on',
  })
  @Omittable()
  @IsIn(ratings)
  rating?: Rating;

  @ApiPropertyOptional({ maxLength: 5000, description: 'With to: published (required): the public summary' })
  @Omittable()
  @IsText(1, 5000)
  summary?: string;
}

export class AssignmentRequestBody {
  @ApiProperty({ example: 'grace@example.org', maxLength: 320 })
  @MaxLength(320)
  @IsEmail({}, { message: 'reviewerEmail must be an email address' })
  reviewerEmail: string;
}

export class EvidenceRequestBody {
  @ApiProperty({ example: 'https://www.example.org/reports/iaea-2019', maxLength: 2048 })
  @IsText(1, 2048)
  url: string;

  @ApiProperty({ enum: stances })
  @IsIn(stances)
  stance: Stance;

  @ApiPropertyOptional({ maxLength: 5000, description: 'The passage relied on; checked against the source' })
  @Omittable()
  @IsText(1, 5000)
  excerpt?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Omittable()
  @IsText(1, 2000)
  note?: string;
}

export class VerdictRequestBody {
  @ApiProperty({ enum: ratings })
  @IsIn(ratings)
  rating: Rating;

  @ApiProperty({ maxLength: 10000, example: 'The agreement text names no verification mechanism.' })
  @IsText(1, 10_000)
  rationale: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Evidence of this claim the verdict cites' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}
