import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsObject,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Clearable } from '../validation/clearable.decorator';
import { IsText } from '../validation/is-text.decorator';
import { Omittable } from '../validation/omittable.decorator';

export class ClaimantRequest {
  @ApiProperty({ example: 'Mike Pompeo', maxLength: 200 })
  @IsText(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'US Secretary of State', maxLength: 200 })
  @Omittable()
  @IsText(1, 200)
  role?: string;
}

export class AppearanceRequest {
  @ApiPropertyOptional({
    example: 'https://www.example.com/news/2018/06/12/summit',
    description: 'The page where the claim was made (http or https); give either url or sourceId',
    maxLength: 2048,
  })
  @Omittable()
  @IsText(1, 2048)
  url?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A source already registered; give either url or sourceId' })
  @Omittable()
  @IsUUID('all')
  sourceId?: string;

  @ApiPropertyOptional({
    example: 'complete, verifiable and irreversible dismantlement',
    description: 'The exact words as cited; checked against the fetched source',
    maxLength: 5000,
  })
  @Omittable()
  @IsText(1, 5000)
  quote?: string;
}

export class CreateClaimRequest {
  @ApiProperty({
    example: 'The 2018 deal promised the complete, verifiable and irreversible dismantlement of the programme.',
    maxLength: 5000,
  })
  @IsText(1, 5000)
  text: string;

  @ApiPropertyOptional({
    example: 'Did the 2018 deal promise complete dismantlement?',
    maxLength: 300,
    description:
      'A short title for the fact-check (its ClaimReview `headline`), stored trimmed; matching reads it with the text',
  })
  @Omittable()
  @IsText(1, 300)
  headline?: string;

  @ApiPropertyOptional({ type: ClaimantRequest })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ClaimantRequest)
  claimant?: ClaimantRequest;

  @ApiPropertyOptional({ example: '2018-06-12', format: 'date' })
  @Omittable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be a real calendar date' })
  claimDate?: string;

  @ApiPropertyOptional({ example: 'en', description: 'BCP 47 language tag', default: 'en' })
  @Omittable()
  @MaxLength(35)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'must be a language tag such as en or pt-BR' })
  language?: string;

  @ApiPropertyOptional({ example: ['diplomacy', 'nuclear'], maxItems: 20 })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsText(1, 50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: AppearanceRequest })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => AppearanceRequest)
  appearance?: AppearanceRequest;
}

/** An editor's edit: each field given replaces the claim's; null clears an optional one. */
export class EditClaimRequest {
  @ApiPropertyOptional({ maxLength: 5000, description: 'The claim as said; matching reads the new text' })
  @Omittable()
  @IsText(1, 5000)
  text?: string;

  @ApiPropertyOptional({ maxLength: 300, nullable: true, type: String, description: 'null removes the headline' })
  @Clearable()
  @IsText(1, 300)
  headline?: string | null;

  @ApiPropertyOptional({
    type: ClaimantRequest,
    nullable: true,
    description: 'The speaker and the role they held when making this claim; null: no named claimant',
  })
  @Clearable()
  @IsObject()
  @ValidateNested()
  @Type(() => ClaimantRequest)
  claimant?: ClaimantRequest | null;

  @ApiPropertyOptional({ example: '2018-06-12', format: 'date', nullable: true, type: String })
  @Clearable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be a real calendar date' })
  claimDate?: string | null;

  @ApiPropertyOptional({ example: ['diplomacy'], maxItems: 20, description: 'Replaces every tag' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsText(1, 50, { each: true })
  tags?: string[];
}
