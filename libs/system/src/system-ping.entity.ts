import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A ping sent through the job backbone: requested by a process, answered by a worker. */
@Entity({ name: 'system_ping' })
export class SystemPing {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  /** Which BullMQ backend processed it: shows which datastore the job went through. */
  @Column({ name: 'processed_on', type: 'text', nullable: true })
  processedOn: string | null;

  @Column({ name: 'times_processed', type: 'integer', default: 0 })
  timesProcessed: number;
}
