import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '@claimdesk/accounts';
import { Claim } from '@claimdesk/claims';

/** A reviewer an editor assigned to a claim. */
@Entity({ name: 'assignments' })
@Index('assignments_reviewer_idx', ['reviewerId', 'createdAt'])
export class Assignment {
  @PrimaryColumn({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @PrimaryColumn({ name: 'reviewer_id', type: 'uuid' })
  reviewerId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'assignments_claim_fkey' })
  claim?: Relation<Claim>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reviewer_id', foreignKeyConstraintName: 'assignments_reviewer_fkey' })
  reviewer?: Relation<User>;

  @Column({ name: 'assigned_by', type: 'uuid', nullable: true })
  assignedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assigned_by', foreignKeyConstraintName: 'assignments_assigned_by_fkey' })
  assigner?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
