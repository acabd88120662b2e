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
  Unique,
} from 'typeorm';
import { Claim } from '@claimdesk/claims';
import { Source, SourceSnapshot } from '@claimdesk/sources';
import type { RuleFeatures, StatementKind } from '../statement';

/**
 * A statement extraction proposed as a claim, from one snapshot of a source.
 * Offsets are UTF-16 indices into that snapshot's text. A new snapshot's
 * extraction replaces the candidates of older snapshots, except those a
 * reviewer promoted to a claim.
 */
@Entity({ name: 'claim_candidates' })
@Unique('claim_candidates_span_key', ['snapshotId', 'kind', 'start', 'end'])
// Best first within a source: (source_id, score DESC, rank, id), written by hand in the migration.
@Index('claim_candidates_source_rank_idx', { synchronize: false })
@Check('claim_candidates_kind_check', `"kind" IN ('quote', 'reported', 'statement')`)
@Check('claim_candidates_score_check', `"score" BETWEEN 0 AND 1`)
@Check(
  'claim_candidates_offsets_check',
  `"start" >= 0 AND "end" > "start" AND "sentence_start" >= 0 AND "sentence_end" > "sentence_start"`,
)
@Check(
  'claim_candidates_speaker_check',
  `"speaker_anonymous" IS NOT NULL OR ("speaker_name" IS NULL AND "speaker_role" IS NULL)`,
)
export class ClaimCandidate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @ManyToOne(() => Source, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'claim_candidates_source_fkey' })
  source?: Relation<Source>;

  @Column({ name: 'snapshot_id', type: 'uuid' })
  snapshotId: string;

  @ManyToOne(() => SourceSnapshot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'snapshot_id', foreignKeyConstraintName: 'claim_candidates_snapshot_fkey' })
  snapshot?: Relation<SourceSnapshot>;

  @Column({ type: 'text' })
  kind: StatementKind;

  /** The statement: the sentence, or for a quote the quoted words without their marks. */
  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'integer' })
  start: number;

  @Column({ type: 'integer' })
  end: number;

  @Column({ name: 'sentence_start', type: 'integer' })
  sentenceStart: number;

  @Column({ name: 'sentence_end', type: 'integer' })
  sentenceEnd: number;

  @Column({ name: 'speaker_name', type: 'text', nullable: true })
  speakerName: string | null;

  @Column({ name: 'speaker_role', type: 'text', nullable: true })
  speakerRole: string | null;

  /** Null when extraction named no speaker; true for an anonymous source ("a senior official"). */
  @Column({ name: 'speaker_anonymous', type: 'boolean', nullable: true })
  speakerAnonymous: boolean | null;

  /** Check-worthiness, 0..1. */
  @Column({ type: 'real' })
  score: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  features: RuleFeatures;

  /** Its place in the snapshot's extraction, 1 for the best. */
  @Column({ type: 'integer' })
  rank: number;

  @Index('claim_candidates_promoted_idx', { where: '"promoted_claim_id" IS NOT NULL' })
  @Column({ name: 'promoted_claim_id', type: 'uuid', nullable: true })
  promotedClaimId: string | null;

  @ManyToOne(() => Claim, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'promoted_claim_id', foreignKeyConstraintName: 'claim_candidates_promoted_claim_fkey' })
  promotedClaim?: Relation<Claim> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
