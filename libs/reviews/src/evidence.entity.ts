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
import { Claim } from '@claimdesk/claims';
import { Source } from '@claimdesk/sources';

export const stances = ['supports', 'refutes', 'context'] as const;
export type Stance = (typeof stances)[number];

/**
 * A source a reviewer attaches to a claim, with a stance and an optional
 * excerpt; the excerpt is checked against the source like a quote (the check
 * is kept by libs/checking).
 */
@Entity({ name: 'evidence' })
@Check('evidence_stance_check', `"stance" IN ('supports', 'refutes', 'context')`)
@Index('evidence_claim_idx', ['claimId', 'createdAt'])
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

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'added_by', foreignKeyConstraintName: 'evidence_added_by_fkey' })
  adder?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
