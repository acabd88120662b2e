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
import { Claimant } from './claimant.entity';
import type { ClaimStatus } from './claim-status';

/**
 * A checkable statement. The GIN indexes on the search vector, the
 * fingerprint bands and the tags are written by hand in the migrations.
 */
@Entity({ name: 'claims' })
@Check('claims_status_check', `"status" IN ('submitted', 'in_review', 'awaiting_approval', 'published', 'rejected')`)
@Check('claims_language_check', `"language" ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'`)
@Check('claims_text_check', `length("text") BETWEEN 1 AND 5000`)
@Check('claims_headline_check', `length("headline") BETWEEN 1 AND 300`)
@Check('claims_claimant_role_check', `length("claimant_role") BETWEEN 1 AND 200`)
@Check('claims_version_check', `"version" >= 1`)
@Index('claims_created_idx', ['createdAt', 'id'])
@Index('claims_status_created_idx', ['status', 'createdAt', 'id'])
@Index('claims_claimant_created_idx', ['claimantId', 'createdAt', 'id'])
@Index('claims_search_vector_idx', { synchronize: false })
@Index('claims_fingerprint_idx', { synchronize: false })
@Index('claims_tags_idx', { synchronize: false })
@Index('claims_status_changed_idx', ['statusChangedAt', 'id'])
export class Claim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  text: string;

  /** The short title a fact-check is published under; matching reads it with the text. */
  @Column({ type: 'text', nullable: true })
  headline: string | null;

  @Column({ name: 'normalized_text', type: 'text' })
  normalizedText: string;

  /** SHA-256 (hex) of the normalised text: equal hashes are exact duplicates. */
  @Index('claims_text_hash_idx')
  @Column({ name: 'text_hash', type: 'text' })
  textHash: string;

  /** The normalised text's full-text vector, kept by PostgreSQL, GIN-indexed for search. */
  @Column({
    name: 'search_vector',
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('simple', normalized_text)`,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;

  /**
   * The id of the transaction that last wrote the text, stamped by a trigger:
   * the feed of the in-memory matching indexes (see the ClaimTextFeed migration).
   */
  @Index('claims_text_xid_idx')
  @Column({ name: 'text_xid', type: 'bigint', default: '0', select: false, insert: false, update: false })
  textXid?: string;

  /** MinHash bands of the normalised text (see claimFingerprint). */
  @Column({ type: 'integer', array: true })
  fingerprint: number[];

  @Column({ name: 'claimant_id', type: 'uuid', nullable: true })
  claimantId: string | null;

  /** The role the claimant held when making this claim; null shows the claimant's first known role. */
  @Column({ name: 'claimant_role', type: 'text', nullable: true })
  claimantRole: string | null;

  @ManyToOne(() => Claimant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'claimant_id', foreignKeyConstraintName: 'claims_claimant_fkey' })
  claimant?: Relation<Claimant> | null;

  @Column({ name: 'claim_date', type: 'date', nullable: true })
  claimDate: string | null;

  @Column({ type: 'text', default: 'en' })
  language: string;

  @Column({ type: 'text', array: true, default: '{}' })
  tags: string[];

  @Column({ type: 'text', default: 'submitted' })
  status: ClaimStatus;

  /** When the claim entered its current status: set by a trigger on every change of status (the queue's status age). */
  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()', insert: false, update: false })
  statusChangedAt: Date;

  @Column({ name: 'check_worthiness', type: 'real', nullable: true })
  checkWorthiness: number | null;

  /** Bumped by every status change or edit; the ETag of the claim. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** The claim this one duplicates, when it was rejected as a duplicate. */
  @Column({ name: 'duplicate_of', type: 'uuid', nullable: true })
  duplicateOf: string | null;

  @ManyToOne(() => Claim, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'duplicate_of', foreignKeyConstraintName: 'claims_duplicate_of_fkey' })
  duplicate?: Relation<Claim> | null;

  /**
   * The version whose verdicts disagree, flagged for the editor by the
   * status-change job; stale once the version moves on.
   */
  @Column({ name: 'disagreement_version', type: 'integer', nullable: true })
  disagreementVersion: number | null;

  /**
   * The version whose split verdicts an editor asked another reviewer to
   * settle: its consensus is the most common rating, not agreement.
   */
  @Column({ name: 'tiebreak_version', type: 'integer', nullable: true })
  tiebreakVersion: number | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'claims_created_by_fkey' })
  creator?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
