import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class OrganizationLd {
  @ApiProperty({ example: 'Organization' }) '@type': string;
  @ApiProperty({ example: 'Claimdesk' }) name: string;
  @ApiProperty({ example: 'https://factcheck.example.org' }) url: string;
}

class RatingLd {
  @ApiProperty({ example: 'Rating' }) '@type': string;
  @ApiPropertyOptional({ example: 1, description: '6 (true) down to 1 (false); absent for unverifiable' })
  ratingValue?: number;
  @ApiProperty({ example: 6 }) bestRating: number;
  @ApiProperty({ example: 1 }) worstRating: number;
  @ApiProperty({ example: 'False' }) alternateName: string;
}

class CreativeWorkLd {
  @ApiProperty({ example: 'CreativeWork' }) '@type': string;
  @ApiProperty({ example: 'https://www.example.com/news/summit' }) url: string;
}

class ClaimAuthorLd {
  @ApiProperty({ example: 'Person' }) '@type': string;
  @ApiProperty({ example: 'Mike Pompeo' }) name: string;
  @ApiPropertyOptional({ example: 'US Secretary of State' }) jobTitle?: string;
}

class ClaimLd {
  @ApiProperty({ example: 'Claim' }) '@type': string;
  @ApiPropertyOptional({ type: ClaimAuthorLd }) author?: ClaimAuthorLd;
  @ApiPropertyOptional({ example: '2018-06-12' }) datePublished?: string;
  @ApiProperty({ type: [CreativeWorkLd] }) appearance: CreativeWorkLd[];
}

class CorrectionLd {
  @ApiProperty({ example: 'CorrectionComment' }) '@type': string;
  @ApiProperty() text: string;
  @ApiProperty() datePublished: string;
}

export class ClaimReviewResponse {
  @ApiProperty({ example: 'https://schema.org' }) '@context': string;
  @ApiProperty({ example: 'ClaimReview' }) '@type': string;
  @ApiProperty({ example: 'https://factcheck.example.org/claims/0b7c…' }) url: string;
  @ApiPropertyOptional({ description: "The claim's headline, when it has one" }) headline?: string;
  @ApiProperty() claimReviewed: string;
  @ApiProperty({ description: "The latest version's summary" }) reviewBody: string;
  @ApiProperty({ description: 'First publication' }) datePublished: string;
  @ApiProperty({ description: 'Latest version (a correction moves it)' }) dateModified: string;
  @ApiProperty({ type: OrganizationLd }) author: OrganizationLd;
  @ApiProperty({ type: RatingLd }) reviewRating: RatingLd;
  @ApiProperty({ type: ClaimLd }) itemReviewed: ClaimLd;
  @ApiProperty({ example: 1, description: 'The review version' }) version: number;
  @ApiPropertyOptional({ type: [CorrectionLd] }) correction?: CorrectionLd[];
}

export class ReviewFeedResponse {
  @ApiProperty({ type: [ClaimReviewResponse] }) items: ClaimReviewResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
