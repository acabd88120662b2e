import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsText } from '../validation/is-text.decorator';
import { Omittable } from '../validation/omittable.decorator';

export class MatchClaimsRequest {
  @ApiProperty({
    example: 'The budget will cut taxes for every working family.',
    description: 'A claim, a post or a sentence to look up among the claims already recorded',
    minLength: 1,
    maxLength: 5000,
  })
  @IsText(1, 5000)
  text: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @Omittable()
  @Min(1)
  @Max(50)
  @IsInt() // checked first (decorators apply bottom-up)
  limit?: number;
}
