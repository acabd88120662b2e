import { ApiProperty } from '@nestjs/swagger';
import { fetchStatuses } from '@claimdesk/sources';

export class SnapshotSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fetchedAt: Date;
  @ApiProperty({ nullable: true, type: Number, example: 200 }) httpStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) finalUrl: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'text/html' }) contentType: string | null;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) sha256: string;
  @ApiProperty({ nullable: true, type: String, description: 'The title the page states' }) title: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The publisher the page names (OpenGraph, JSON-LD)' })
  publisher: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'The publication date the page states' })
  publishedAt: Date | null;
  @ApiProperty({ description: 'SHA-256 (hex) of the extracted text; a re-check that finds other text adds a snapshot' })
  textSha256: string;
  @ApiProperty({ example: 5234 }) textLength: number;
}

export class SnapshotResponse extends SnapshotSummaryResponse {
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({
    description: 'Response headers of interest',
    example: { 'content-type': 'text/html; charset=utf-8', 'last-modified': 'Tue, 12 Jun 2018 08:00:00 GMT' },
  })
  headers: Record<string, string>;
  @ApiProperty({ description: 'The extracted text; quote offsets (UTF-16 code units) index into it' }) text: string;
}

export class TextChangeResponse {
  @ApiProperty({
    enum: ['equal', 'removed', 'added'],
    description: '`removed`: in the earlier text only; `added`: in the later text only',
  })
  op: string;
  @ApiProperty({ example: 'irreversible ' }) text: string;
}

export class SnapshotChangesResponse {
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ format: 'uuid' }) snapshotId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Null for the first snapshot' })
  previousSnapshotId: string | null;
  @ApiProperty({ example: 3 }) removedWords: number;
  @ApiProperty({ example: 4 }) addedWords: number;
  @ApiProperty({
    enum: ['word', 'paragraph'],
    description: '`paragraph` when the texts differ too much to compare word by word',
  })
  granularity: string;
  @ApiProperty({ type: [TextChangeResponse] }) changes: TextChangeResponse[];
}

export class SourceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://www.example.com/news/2018/06/12/summit' }) url: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) publisher: string | null;
  @ApiProperty({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty({ enum: fetchStatuses }) fetchStatus: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'timeout',
    description:
      'Code of the last failed attempt: blocked_address, invalid_url, dns_failure, connection_failed, tls_error, timeout, too_large, too_many_redirects, unsupported_type, unsupported_encoding, extraction_failed or http_<status>',
  })
  error: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The last failure in words' }) errorDetail: string | null;
  @ApiProperty({ example: 1 }) fetchAttempts: number;
  @ApiProperty({ nullable: true, type: Date, description: 'When a fetch last produced a document' })
  lastFetchedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the last fetch attempt ended' })
  lastAttemptAt: Date | null;
  @ApiProperty({
    description: 'Whether candidate claims are extracted from each new snapshot (see GET /sources/{id}/candidates)',
  })
  extractClaims: boolean;
  @ApiProperty({ type: [SnapshotSummaryResponse] }) snapshots: SnapshotSummaryResponse[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
