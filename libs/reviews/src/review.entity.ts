import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '@claimdesk/accounts';
import { Claim } from '@claimdesk/claims';
import type { Rating } from './rating';

/**
 * One published version of a claim's review. Publishing again after a
 * correction adds version 2 with its public note; earlier versions stay.
 */
@Entity({ name: 'reviews' })
@Check('reviews_version_check', `"version" >= 1`)
@Check('reviews_correction_check', `"version" = 1 OR "correction_note" IS NOT NULL`)
@Check(
  'reviews_rating_check',
  `"rating" IN ('true', 'mostly_true', 'half_true', 'misleading', 'mostly_false', 'false', 'unverifiable')`,
)
@Index('reviews_claim_version_key', ['claimId', 'version'], { unique: true })
@Index('reviews_published_idx', ['publishedAt', 'id'])
export class Review {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'reviews_claim_fkey' })
  claim?: Relation<Claim>;

  /** 1 for the first publication, 2 for the first correction, … */
  @Column({ type: 'integer' })
  version: number;

  /** The claim's version when it was published. */
  @Column({ name: 'claim_version', type: 'integer' })
  claimVersion: number;

  @Column({ type: 'text' })
  rating: Rating;

  @Column({ type: 'text' })
  summary: string;

  /** The public note of a correction (version 2 and later). */
  @Column({ name: 'correction_note', type: 'text', nullable: true })
  correctionNote: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'published_by', foreignKeyConstraintName: 'reviews_published_by_fkey' })
  publisher?: Relation<User> | null;
}
