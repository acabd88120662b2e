import { ApiProperty } from '@nestjs/swagger';
import { fetchStatuses } from '@claimdesk/sources';

export class SnapshotSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fetchedAt: Date;
  @ApiProperty({ nullable: true, type: Number, example: 200 }) httpStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) finalUrl: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'text/html' }) contentType: string | null;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) sha256: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ example: 5234 }) textLength: number;
}

export class SnapshotResponse extends SnapshotSummaryResponse {
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ description: 'The extracted text; quote offsets index into it' }) text: string;
}

export class SourceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://www.example.com/news/2018/06/12/summit' }) url: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) publisher: string | null;
  @ApiProperty({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty({ enum: fetchStatuses }) fetchStatus: string;
  @ApiProperty({ nullable: true, type: String, example: 'timeout' }) error: string | null;
  @ApiProperty({ type: [SnapshotSummaryResponse] }) snapshots: SnapshotSummaryResponse[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
