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
import { Source, SourceSnapshot } from '@claimdesk/sources';
import type { QuoteCheckStatus } from './quote-check.views';

/**
 * The check of text cited from a source against the source's snapshots: an
 * appearance's quote or a piece of evidence's excerpt, one row each. The
 * claim, the source and the text are copied from the citation (which never
 * changes) so that checking reads only its own table. Appearances, evidence
 * and claims are named by entity name, not imported: the libs that own them
 * depend on this one.
 */
@Entity({ name: 'quote_checks' })
@Check('quote_checks_target_check', `num_nonnulls("appearance_id", "evidence_id") = 1`)
@Check(
  'quote_checks_status_check',
  `"status" IN ('pending', 'found', 'approximate', 'not_found', 'source_unavailable')`,
)
@Check('quote_checks_score_check', `"score" IS NULL OR "score" BETWEEN 0 AND 1`)
@Check('quote_checks_offsets_check', `"start" IS NULL OR ("start" >= 0 AND "end" >= "start")`)
// A partial index of pending checks, for the sweep for lost jobs (see the quote-checks migration).
@Index('quote_checks_pending_idx', { synchronize: false })
export class QuoteCheck {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'quote_checks_pkey' })
  id: string;

  @Index('quote_checks_appearance_key', { unique: true })
  @Column({ name: 'appearance_id', type: 'uuid', nullable: true })
  appearanceId: string | null;

  @ManyToOne('Appearance', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'appearance_id', foreignKeyConstraintName: 'quote_checks_appearance_fkey' })
  appearance?: unknown;

  @Index('quote_checks_evidence_key', { unique: true })
  @Column({ name: 'evidence_id', type: 'uuid', nullable: true })
  evidenceId: string | null;

  @ManyToOne('Evidence', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'quote_checks_evidence_fkey' })
  evidence?: unknown;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne('Claim', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'quote_checks_claim_fkey' })
  claim?: unknown;

  @Index('quote_checks_source_idx')
  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'quote_checks_source_fkey' })
  source?: Relation<Source>;

  /** The text cited: the appearance's quote or the evidence's excerpt. */
  @Column({ type: 'text' })
  quote: string;

  @Column({ type: 'text', default: 'pending' })
  status: QuoteCheckStatus;

  @Column({ type: 'real', nullable: true })
  score: number | null;

  /** The snapshot the text was last checked against. */
  @Column({ name: 'snapshot_id', type: 'uuid', nullable: true })
  snapshotId: string | null;

  @ManyToOne(() => SourceSnapshot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'snapshot_id', foreignKeyConstraintName: 'quote_checks_snapshot_fkey' })
  snapshot?: Relation<SourceSnapshot> | null;

  /** Where the passage found starts and ends in the snapshot's text (UTF-16 offsets). */
  @Column({ type: 'integer', nullable: true })
  start: number | null;

  @Column({ type: 'integer', nullable: true })
  end: number | null;

  /** The passage of the snapshot found. */
  @Column({ type: 'text', nullable: true })
  excerpt: string | null;

  @Column({ type: 'jsonb', nullable: true })
  diff: unknown;

  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt: Date | null;

  /** When the text was cited (the appearance's or evidence's creation, for checks older than this table). */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
