import type { JobScalar } from './job-contract';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job written in the same transaction as the change that causes it, waiting
 * for the relay to hand it to BullMQ. Rows leave the table once enqueued.
 */
@Entity({ name: 'outbox_job' })
@Index('outbox_job_due_idx', ['availableAt', 'id'])
export class OutboxJob {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Deterministic BullMQ job id: the relay may run twice, BullMQ adds it once. */
  @Column({ name: 'job_id', type: 'text', unique: true })
  jobId: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  data: Record<string, JobScalar>;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @Column({ name: 'delay_ms', type: 'integer', default: 0 })
  delayMs: number;

  /** The relay skips a row until then: set after a failed hand-over, for backoff. */
  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ name: 'relay_attempts', type: 'integer', default: 0 })
  relayAttempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
