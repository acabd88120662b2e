import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { claimStatuses, quoteCheckStatuses } from '@claimdesk/claims';

export class ClaimantResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Mike Pompeo' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'US Secretary of State' }) role: string | null;
}

export class QuoteDiffPartResponse {
  @ApiProperty({
    enum: ['equal', 'removed', 'added'],
    description:
      '`removed`: words of the quote the source does not have; `added`: words of the source the quote left out',
  })
  op: string;
  @ApiProperty({ example: 'irreversible' }) text: string;
}

export class QuoteCheckResponse {
  @ApiProperty({
    enum: quoteCheckStatuses,
    description:
      '`found`: in the text after normalising whitespace, quotes, dashes, case and diacritics (score 1); `approximate`: the best matching passage scores at least 0.6; `not_found`: below 0.6; `source_unavailable`: the source could not be fetched',
  })
  status: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    minimum: 0,
    maximum: 1,
    description: '2 × shared words ÷ (quote words + passage words); 0.999 when only punctuation differs',
  })
  score: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The snapshot the quote was checked against',
  })
  snapshotId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'UTF-16 offset into the snapshot text' })
  start: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'UTF-16 offset (exclusive) into the snapshot text' })
  end: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The matched passage: the snapshot text from start to end',
  })
  excerpt: string | null;
  @ApiProperty({
    nullable: true,
    type: [QuoteDiffPartResponse],
    description: 'Word-level difference between the cited and the found wording',
  })
  diff: QuoteDiffPartResponse[] | null;
  @ApiProperty({ nullable: true, type: Date }) checkedAt: Date | null;
}

export class AppearanceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ example: 'https://www.example.com/news/2018/06/12/summit' }) url: string;
  @ApiProperty({ nullable: true, type: String }) quote: string | null;
  @ApiProperty({ nullable: true, type: QuoteCheckResponse, description: 'null when no quote was cited' })
  quoteCheck: QuoteCheckResponse | null;
}

export class SimilarClaimResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: claimStatuses }) status: string;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.82 }) score: number;
  @ApiProperty({ enum: ['exact', 'near'] }) match: string;
  @ApiProperty({ nullable: true, type: String }) claimant: string | null;
  @ApiProperty() createdAt: Date;
}

export class ClaimSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: claimStatuses }) status: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ nullable: true, type: ClaimantResponse }) claimant: ClaimantResponse | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) claimDate: string | null;
  @ApiProperty({ example: 'en' }) language: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiPropertyOptional({ description: 'Relevance, in searches' }) score?: number;
}

export class ClaimResponse extends ClaimSummaryResponse {
  @ApiProperty({ nullable: true, type: Number }) checkWorthiness: number | null;
  @ApiProperty({ type: [AppearanceResponse] }) appearances: AppearanceResponse[];
  @ApiProperty({ type: [Object], description: 'Evidence attached by reviewers' }) evidence: never[];
  @ApiProperty({ type: [Object], description: 'The verdicts the caller may see' }) verdicts: never[];
  @ApiProperty({ nullable: true, type: Object, description: 'The published review' }) review: null;
  @ApiProperty({ type: [SimilarClaimResponse], description: 'Exact and near matches among other claims' })
  similar: SimilarClaimResponse[];
}

export class ClaimPageResponse {
  @ApiProperty({ type: [ClaimSummaryResponse] }) items: ClaimSummaryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class EventResponse {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: Object, example: { id: '6f1c…', name: 'Ada Reviewer' } }) actor: {
    id: string;
    name: string;
  } | null;
  @ApiProperty({ example: 'claim.submitted' }) action: string;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'submitted' }) to: string | null;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
}

export class EventPageResponse {
  @ApiProperty({ type: [EventResponse] }) items: EventResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
