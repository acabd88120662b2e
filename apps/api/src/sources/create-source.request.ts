import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsText } from '../validation/is-text.decorator';
import { IsTimestamp } from '../validation/is-timestamp.decorator';
import { Omittable } from '../validation/omittable.decorator';

export class CreateSourceRequest {
  @ApiProperty({ example: 'https://www.example.com/news/2018/06/12/summit', maxLength: 2048 })
  @IsText(1, 2048)
  url: string;

  @ApiPropertyOptional({ example: 'Joint statement after the Singapore summit', maxLength: 500 })
  @Omittable()
  @IsText(1, 500)
  title?: string;

  @ApiPropertyOptional({ example: 'Example News', maxLength: 200 })
  @Omittable()
  @IsText(1, 200)
  publisher?: string;

  @ApiPropertyOptional({ example: '2018-06-12T09:30:00Z', format: 'date-time' })
  @Omittable()
  @IsTimestamp()
  publishedAt?: string;

  @ApiPropertyOptional({ description: 'The document text, if you have it: stored as a snapshot instead of fetching' })
  @Omittable()
  @IsText(1, 1_000_000)
  text?: string;

  @ApiPropertyOptional({
    description:
      'Also propose candidate claims from the text (GET /sources/{id}/candidates), now and from every new snapshot; false or missing leaves a known source as it is',
    default: false,
  })
  @Omittable()
  @IsBoolean()
  extractClaims?: boolean;
}
