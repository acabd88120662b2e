import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Source } from '@claimdesk/sources';
import { Claim } from './claim.entity';

/** Where a claim was made: a source and the quote as cited (its check is kept by libs/checking). */
@Entity({ name: 'appearances' })
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
