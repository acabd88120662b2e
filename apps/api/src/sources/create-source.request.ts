import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional } from 'class-validator';
import { IsText } from '../validation/is-text.decorator';

export class CreateSourceRequest {
  @ApiProperty({ example: 'https://www.example.com/news/2018/06/12/summit', maxLength: 2048 })
  @IsText(1, 2048)
  url: string;

  @ApiPropertyOptional({ example: 'Joint statement after the Singapore summit', maxLength: 500 })
  @IsOptional()
  @IsText(1, 500)
  title?: string;

  @ApiPropertyOptional({ example: 'Example News', maxLength: 200 })
  @IsOptional()
  @IsText(1, 200)
  publisher?: string;

  @ApiPropertyOptional({ example: '2018-06-12T09:30:00Z', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  publishedAt?: string;

  @ApiPropertyOptional({ description: 'The document text, if you have it: stored as a snapshot instead of fetching' })
  @IsOptional()
  @IsText(1, 1_000_000)
  text?: string;

  @ApiPropertyOptional({
    description: 'Also propose candidate claims from the text. Not available yet: true is refused with 422.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  extractClaims?: boolean;
}
