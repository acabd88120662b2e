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

export class MeaningConflictResponse {
  @ApiProperty({ enum: ['number', 'negation'] }) kind: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'What the looked-up text says (numbers, or the negation), null when it says nothing of the kind',
    example: '600',
  })
  query: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What the matched claim says', example: '6' })
  claim: string | null;
}

export class SimilarClaimResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: claimStatuses }) status: string;
  @ApiProperty({
    minimum: 0,
    maximum: 1,
    example: 0.82,
    description:
      '1 for the same normalised text; trigram similarity for a near copy; for a related claim the share of term weight in common; lowered by each conflict',
  })
  score: number;
  @ApiProperty({ enum: ['exact', 'near', 'related'] }) match: string;
  @ApiPropertyOptional({ enum: ['exact', 'near_duplicate', 'related'] }) reason?: string;
  @ApiProperty({ nullable: true, type: String }) claimant: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The published rating, once checked' })
  rating?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Mostly false' }) ratingName?: string | null;
  @ApiPropertyOptional({ type: [MeaningConflictResponse] }) conflicts?: MeaningConflictResponse[];
}

export class ClaimSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: String, description: 'The short title of the fact-check, when one was given' })
  headline: string | null;
  @ApiProperty({ enum: claimStatuses }) status: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ nullable: true, type: ClaimantResponse }) claimant: ClaimantResponse | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) claimDate: string | null;
  @ApiProperty({ example: 'en' }) language: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ description: 'When the claim entered its current status' }) statusChangedAt: Date;
  @ApiPropertyOptional({ description: 'Relevance, in searches ranked by it' }) score?: number;
  @ApiPropertyOptional({
    description:
      'Lists: verdicts in the round on show (the current version while in review, else the last version that had verdicts); never their ratings',
    example: 2,
  })
  verdictCount?: number;
  @ApiPropertyOptional({ description: 'Lists: the verdicts on the current version disagree' }) split?: boolean;
}

export class PersonRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Grace Hopper' }) name: string;
}

export class EvidenceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ example: 'https://www.example.org/reports/iaea-2019' }) url: string;
  @ApiProperty({ enum: ['supports', 'refutes', 'context'] }) stance: string;
  @ApiProperty({ nullable: true, type: String }) excerpt: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: QuoteCheckResponse, description: 'The excerpt checked against the source' })
  excerptCheck: QuoteCheckResponse | null;
  @ApiProperty({ nullable: true, type: PersonRefResponse }) addedBy: PersonRefResponse | null;
  @ApiProperty() createdAt: Date;
}

export class VerdictResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: PersonRefResponse }) reviewer: PersonRefResponse;
  @ApiProperty({
    enum: ['true', 'mostly_true', 'half_true', 'misleading', 'mostly_false', 'false', 'unverifiable'],
  })
  rating: string;
  @ApiProperty() rationale: string;
  @ApiProperty({ type: [String], format: 'uuid' }) evidenceIds: string[];
  @ApiProperty({ description: 'The claim version the verdict counts for' }) claimVersion: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CorrectionResponse {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ example: 'The figure for 2019 was 12%, not 21%.' }) note: string;
  @ApiProperty() at: Date;
}

export class ReviewResponse {
  @ApiProperty({ example: 1, description: 'The latest published version' }) version: number;
  @ApiProperty({ example: 'false' }) rating: string;
  @ApiProperty() summary: string;
  @ApiProperty({ description: 'When it was first published' }) publishedAt: Date;
  @ApiProperty({ nullable: true, type: PersonRefResponse }) publishedBy: PersonRefResponse | null;
  @ApiProperty({ description: 'When the latest version was published' }) modifiedAt: Date;
  @ApiProperty({ type: [CorrectionResponse] }) corrections: CorrectionResponse[];
}

export class AssigneeResponse extends PersonRefResponse {
  @ApiProperty() assignedAt: Date;
}

export class ClaimResponse extends ClaimSummaryResponse {
  @ApiProperty({ nullable: true, type: Number }) checkWorthiness: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Set when rejected as a duplicate' })
  duplicateOf: string | null;
  @ApiProperty({ type: [AppearanceResponse] }) appearances: AppearanceResponse[];
  @ApiProperty({ type: [EvidenceResponse], description: 'Evidence attached by reviewers' })
  evidence: EvidenceResponse[];
  @ApiProperty({
    type: [VerdictResponse],
    description:
      "The verdicts the caller may see: editors see all; a reviewer sees the others' only after giving their own; everyone once published",
  })
  verdicts: VerdictResponse[];
  @ApiProperty({ nullable: true, type: ReviewResponse, description: 'The published review, null until published' })
  review: ReviewResponse | null;
  @ApiProperty({ type: [SimilarClaimResponse], description: 'Exact and near matches among other claims' })
  similar: SimilarClaimResponse[];
}

export class ClaimDetailResponse extends ClaimResponse {
  @ApiProperty({ type: [AssigneeResponse] }) assignees: AssigneeResponse[];
  @ApiProperty({
    type: [String],
    enum: ['submitted', 'in_review', 'awaiting_approval', 'published', 'rejected'],
    description: 'The statuses the caller may move the claim to now',
  })
  allowedTransitions: string[];
  @ApiProperty({
    description:
      'The verdicts on the current version disagree (flagged for the editor, who may then publish with a chosen rating or ask another reviewer)',
  })
  disagreement: boolean;
  @ApiProperty({
    description: 'An editor asked another reviewer to settle the split: the leading rating will decide this version',
  })
  tiebreakRequested: boolean;
  @ApiProperty({
    description:
      'Whether the caller may give a verdict now: in review, a reviewer, and assigned when VERDICTS_REQUIRE_ASSIGNMENT is on',
  })
  mayGiveVerdict: boolean;
}

export class ClaimPageResponse {
  @ApiProperty({ type: [ClaimSummaryResponse] }) items: ClaimSummaryResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Where the next page starts; null on the last page' })
  nextCursor: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Where the page before this one ends (pass it as cursor); null on the first page',
  })
  prevCursor: string | null;
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

export class MatchedClaimResponse extends ClaimSummaryResponse {
  @ApiProperty({ nullable: true, type: String, description: 'The published rating, or null while unpublished' })
  rating: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Mostly false' }) ratingName: string | null;
  @ApiProperty({ nullable: true, type: Date }) publishedAt: Date | null;
}

export class ClaimMatchResponse {
  @ApiProperty({ type: MatchedClaimResponse }) claim: MatchedClaimResponse;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.74 }) score: number;
  @ApiProperty({ enum: ['exact', 'near_duplicate', 'related'] }) reason: string;
  @ApiProperty({ type: [MeaningConflictResponse] }) conflicts: MeaningConflictResponse[];
}

export class ClaimMatchesResponse {
  @ApiProperty({ type: [ClaimMatchResponse] }) items: ClaimMatchResponse[];
}
