import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The person or organisation a claim is attributed to; one row per normalised name. */
@Entity({ name: 'claimants' })
@Index('claimants_normalized_name_trgm_idx', { synchronize: false })
export class Claimant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Index('claimants_normalized_name_key', { unique: true })
  @Column({ name: 'normalized_name', type: 'text' })
  normalizedName: string;

  /** Role or affiliation, e.g. "Governor of Ohio". */
  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  aliases: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
