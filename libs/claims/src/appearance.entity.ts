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
import { Claim } from './claim.entity';
import type { QuoteCheckStatus } from './claim-status';

/** Where a claim was made: a source and the quote as cited, with the quote check's record. */
@Entity({ name: 'appearances' })
@Check(
  'appearances_quote_status_check',
  `"quote_status" IN ('pending', 'found', 'approximate', 'not_found', 'source_unavailable')`,
)
@Check('appearances_quote_score_check', `"quote_score" IS NULL OR "quote_score" BETWEEN 0 AND 1`)
@Check(
  'appearances_quote_offsets_check',
  `"quote_start" IS NULL OR ("quote_start" >= 0 AND "quote_end" >= "quote_start")`,
)
// A partial index of pending quotes, for the sweep for lost jobs (see the pending-work-indexes migration).
@Index('appearances_quote_pending_idx', { synchronize: false })
export class Appearance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('appearances_claim_idx')
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'appearances_claim_fkey' })
  claim?: Relation<Claim>;

  @Index('appearances_source_idx')
  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'appearances_source_fkey' })
  source?: Relation<Source>;

  @Column({ type: 'text', nullable: true })
  quote: string | null;

  /** Null when no quote was cited, so there is nothing to check. */
  @Column({ name: 'quote_status', type: 'text', nullable: true })
  quoteStatus: QuoteCheckStatus | null;

  @Column({ name: 'quote_score', type: 'real', nullable: true })
  quoteScore: number | null;

  @Column({ name: 'quote_snapshot_id', type: 'uuid', nullable: true })
  quoteSnapshotId: string | null;

  @ManyToOne(() => SourceSnapshot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'quote_snapshot_id', foreignKeyConstraintName: 'appearances_quote_snapshot_fkey' })
  quoteSnapshot?: Relation<SourceSnapshot> | null;

  @Column({ name: 'quote_start', type: 'integer', nullable: true })
  quoteStart: number | null;

  @Column({ name: 'quote_end', type: 'integer', nullable: true })
  quoteEnd: number | null;

  @Column({ name: 'quote_excerpt', type: 'text', nullable: true })
  quoteExcerpt: string | null;

  @Column({ name: 'quote_diff', type: 'jsonb', nullable: true })
  quoteDiff: unknown;

  @Column({ name: 'quote_checked_at', type: 'timestamptz', nullable: true })
  quoteCheckedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
