import { ApiProperty } from '@nestjs/swagger';
import { claimStatuses } from '@claimdesk/claims';
import { ratings } from '@claimdesk/reviews';

export class SpeakerResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Maria Lopez',
    description: 'As first named in full, without a title; null for an anonymous source',
  })
  name: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'finance director' }) role: string | null;
  @ApiProperty({ description: 'An unnamed source ("a senior official"), described in role' }) anonymous: boolean;
}

export class SentenceResponse {
  @ApiProperty({ example: 120, description: 'UTF-16 offset into the snapshot text' }) start: number;
  @ApiProperty({ example: 214, description: 'UTF-16 offset (exclusive) into the snapshot text' }) end: number;
  @ApiProperty({ description: 'The sentence: the snapshot text from start to end' }) text: string;
}

export class RuleFeaturesResponse {
  @ApiProperty({ example: 1, description: 'Numbers stated' }) numbers: number;
  @ApiProperty({ example: 0, description: 'A comparison ("more than", "the highest")' }) comparison: number;
  @ApiProperty({ example: 1, description: 'A date or time' }) date: number;
  @ApiProperty({ example: 1, description: 'Attributed to a speaker' }) attribution: number;
}

export class MatchedClaimResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: claimStatuses }) status: string;
  @ApiProperty({
    nullable: true,
    enum: ratings,
    type: String,
    description: 'The published rating; null while unpublished',
  })
  rating: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Mostly false' }) ratingName: string | null;
}

export class CandidateMatchResponse {
  @ApiProperty({ type: MatchedClaimResponse }) claim: MatchedClaimResponse;
  @ApiProperty({ minimum: 0.5, maximum: 1, example: 0.86 }) score: number;
  @ApiProperty({
    enum: ['exact', 'near_duplicate', 'related'],
    description: '`exact`: the same text; `near_duplicate`: a near copy; `related`: a claim on the same subject',
  })
  reason: string;
}

export class CandidateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    example: 'Rents in the city rose by 14 percent last year',
    description: 'The statement: the sentence, or for a quote the quoted words without their marks',
  })
  text: string;
  @ApiProperty({
    enum: ['quote', 'reported', 'statement'],
    description: "A direct quote, reported speech (“X said that …”), or the article's own statement",
  })
  kind: string;
  @ApiProperty({ description: 'Whether the text is a direct quote (kind is quote)' }) quote: boolean;
  @ApiProperty({ nullable: true, type: SpeakerResponse, description: 'Null when no speaker could be named' })
  speaker: SpeakerResponse | null;
  @ApiProperty({ example: 131, description: 'UTF-16 offset of text in the snapshot text' }) start: number;
  @ApiProperty({ example: 178, description: 'UTF-16 offset (exclusive) of text in the snapshot text' }) end: number;
  @ApiProperty({ type: SentenceResponse, description: 'The sentence the statement sits in' })
  sentence: SentenceResponse;
  @ApiProperty({ format: 'uuid', description: 'The snapshot the offsets index into' }) snapshotId: string;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.82, description: 'Check-worthiness' }) score: number;
  @ApiProperty({ type: RuleFeaturesResponse }) features: RuleFeaturesResponse;
  @ApiProperty({
    type: [CandidateMatchResponse],
    description: 'Existing claims it matches, best first: at most 3, each scoring 0.5 or more',
  })
  matches: CandidateMatchResponse[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The claim it was promoted to' })
  promotedClaimId: string | null;
  @ApiProperty() createdAt: Date;
}

export class ExtractionResponse {
  @ApiProperty({
    enum: ['not_requested', 'pending', 'done', 'failed'],
    description:
      "For the source's latest snapshot: `not_requested`, `pending` (waiting for a snapshot or for the job), `done` or `failed`",
  })
  status: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The snapshot extracted or being extracted',
  })
  snapshotId: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the extraction finished (done or failed)' })
  at: Date | null;
}

export class CandidatePageResponse {
  @ApiProperty({ type: [CandidateResponse], description: 'Best first: score, then the order extraction gave' })
  items: CandidateResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ type: ExtractionResponse }) extraction: ExtractionResponse;
}
