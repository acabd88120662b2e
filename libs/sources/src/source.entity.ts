import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '@claimdesk/accounts';

export const fetchStatuses = ['pending', 'fetched', 'failed', 'changed'] as const;
export type FetchStatus = (typeof fetchStatuses)[number];

/** A document where claims appear or that serves as evidence; one row per canonical URL. */
@Entity({ name: 'sources' })
@Check('sources_fetch_status_check', `"fetch_status" IN ('pending', 'fetched', 'failed', 'changed')`)
// Partial indexes of pending work, for the sweep for lost jobs (see the pending-work-indexes migration).
@Index('sources_pending_idx', { synchronize: false })
@Index('sources_extract_claims_idx', { synchronize: false })
export class Source {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The URL as first submitted. */
  @Column({ type: 'text' })
  url: string;

  @Index('sources_normalized_url_key', { unique: true })
  @Column({ name: 'normalized_url', type: 'text' })
  normalizedUrl: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  publisher: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'fetch_status', type: 'text', default: 'pending' })
  fetchStatus: FetchStatus;

  @Column({ name: 'fetch_error', type: 'text', nullable: true })
  fetchError: string | null;

  /** What went wrong, in words, beside the `fetch_error` code. */
  @Column({ name: 'fetch_error_detail', type: 'text', nullable: true })
  fetchErrorDetail: string | null;

  @Column({ name: 'fetch_attempts', type: 'integer', default: 0 })
  fetchAttempts: number;

  /** When a fetch last produced a document. */
  @Column({ name: 'last_fetched_at', type: 'timestamptz', nullable: true })
  lastFetchedAt: Date | null;

  /** When a fetch last ended, in success or failure: what re-checks are scheduled from. */
  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  /** Whether candidate claims are extracted from each new snapshot (a `source.extract` job per snapshot). */
  @Column({ name: 'extract_claims', type: 'boolean', default: false })
  extractClaims: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'sources_created_by_fkey' })
  creator?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
