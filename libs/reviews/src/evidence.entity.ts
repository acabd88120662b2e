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
} from 'typeorm';
import { User } from '@claimdesk/accounts';
import { Claim, type QuoteCheckStatus } from '@claimdesk/claims';
import { Source, SourceSnapshot } from '@claimdesk/sources';

export const stances = ['supports', 'refutes', 'context'] as const;
export type Stance = (typeof stances)[number];

/**
 * A source a reviewer attaches to a claim, with a stance and an optional
 * excerpt; the excerpt is checked against the source like a quote.
 */
@Entity({ name: 'evidence' })
@Check('evidence_stance_check', `"stance" IN ('supports', 'refutes', 'context')`)
@Check(
  'evidence_excerpt_status_check',
  `"excerpt_status" IN ('pending', 'found', 'approximate', 'not_found', 'source_unavailable')`,
)
@Check('evidence_excerpt_score_check', `"excerpt_score" IS NULL OR "excerpt_score" BETWEEN 0 AND 1`)
@Index('evidence_claim_idx', ['claimId', 'createdAt'])
// A partial index of pending excerpts, for the sweep for lost jobs (see the pending-work-indexes migration).
@Index('evidence_excerpt_pending_idx', { synchronize: false })
export class Evidence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'evidence_claim_fkey' })
  claim?: Relation<Claim>;

  @Index('evidence_source_idx')
  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'evidence_source_fkey' })
  source?: Relation<Source>;

  @Column({ type: 'text' })
  stance: Stance;

  @Column({ type: 'text', nullable: true })
  excerpt: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Null when no excerpt was given, so there is nothing to check. */
  @Column({ name: 'excerpt_status', type: 'text', nullable: true })
  excerptStatus: QuoteCheckStatus | null;

  @Column({ name: 'excerpt_score', type: 'real', nullable: true })
  excerptScore: number | null;

  @Column({ name: 'excerpt_snapshot_id', type: 'uuid', nullable: true })
  excerptSnapshotId: string | null;

  @ManyToOne(() => SourceSnapshot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'excerpt_snapshot_id', foreignKeyConstraintName: 'evidence_excerpt_snapshot_fkey' })
  excerptSnapshot?: Relation<SourceSnapshot> | null;

  @Column({ name: 'excerpt_start', type: 'integer', nullable: true })
  excerptStart: number | null;

  @Column({ name: 'excerpt_end', type: 'integer', nullable: true })
  excerptEnd: number | null;

  @Column({ name: 'excerpt_match', type: 'text', nullable: true })
  excerptMatch: string | null;

  @Column({ name: 'excerpt_diff', type: 'jsonb', nullable: true })
  excerptDiff: unknown;

  @Column({ name: 'excerpt_checked_at', type: 'timestamptz', nullable: true })
  excerptCheckedAt: Date | null;

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'added_by', foreignKeyConstraintName: 'evidence_added_by_fkey' })
  adder?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
