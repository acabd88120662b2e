import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Source } from './source.entity';

/**
 * What a source said when it was read: never overwritten (the database refuses
 * UPDATE and DELETE); a re-fetch that finds new text adds a snapshot.
 */
@Entity({ name: 'source_snapshots' })
@Index('source_snapshots_source_idx', ['sourceId', 'fetchedAt'])
export class SourceSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'source_snapshots_source_fkey' })
  source?: Relation<Source>;

  @Column({ name: 'fetched_at', type: 'timestamptz', default: () => 'now()' })
  fetchedAt: Date;

  /** Null when the text was submitted rather than fetched. */
  @Column({ name: 'http_status', type: 'integer', nullable: true })
  httpStatus: number | null;

  @Column({ name: 'final_url', type: 'text', nullable: true })
  finalUrl: string | null;

  @Column({ name: 'content_type', type: 'text', nullable: true })
  contentType: string | null;

  /** SHA-256 (hex) of the body as served (after content decoding), or of the submitted text. */
  @Column({ type: 'text' })
  sha256: string;

  /** SHA-256 (hex) of the extracted text: what tells a changed source from a re-served one. */
  @Column({ name: 'text_sha256', type: 'text' })
  textSha256: string;

  /**
   * The job run that wrote the snapshot (BullMQ job id and attempt), so a run
   * repeated after a crash finds its snapshot instead of adding another.
   */
  @Index('source_snapshots_fetch_key_key', { unique: true, where: '"fetch_key" IS NOT NULL' })
  @Column({ name: 'fetch_key', type: 'text', nullable: true })
  fetchKey: string | null;

  /** Response headers of interest (content type, length, language, dates, ETag). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers: Record<string, string>;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  /** The publisher the page names (OpenGraph site name, JSON-LD publisher). */
  @Column({ type: 'text', nullable: true })
  publisher: string | null;

  /** The publication date the page states (OpenGraph, JSON-LD datePublished, meta tags). */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'text_length', type: 'integer' })
  textLength: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
