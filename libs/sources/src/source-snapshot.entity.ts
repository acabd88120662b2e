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

  /** SHA-256 (hex) of the raw body, or of the submitted text. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'text_length', type: 'integer' })
  textLength: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
