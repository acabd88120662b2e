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
import { Claim } from '@claimdesk/claims';
import type { Rating } from './rating';

/**
 * One reviewer's rating of a claim version: a second verdict by the same
 * reviewer on the same version replaces the first (the events keep both).
 */
@Entity({ name: 'verdicts' })
@Check(
  'verdicts_rating_check',
  `"rating" IN ('true', 'mostly_true', 'half_true', 'misleading', 'mostly_false', 'false', 'unverifiable')`,
)
@Index('verdicts_claim_version_reviewer_key', ['claimId', 'claimVersion', 'reviewerId'], { unique: true })
export class Verdict {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'verdicts_claim_fkey' })
  claim?: Relation<Claim>;

  /** The claim version the verdict was given on: it counts toward that version's consensus only. */
  @Column({ name: 'claim_version', type: 'integer' })
  claimVersion: number;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewer_id', foreignKeyConstraintName: 'verdicts_reviewer_fkey' })
  reviewer?: Relation<User>;

  @Column({ type: 'text' })
  rating: Rating;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ name: 'evidence_ids', type: 'uuid', array: true, default: '{}' })
  evidenceIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
