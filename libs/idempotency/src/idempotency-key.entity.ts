import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A caller's `Idempotency-Key` and what became of the request that first used
 * it: in progress, or completed with the response to replay. Kept 24 hours.
 */
@Entity({ name: 'idempotency_keys' })
@Check('idempotency_keys_state_check', `"state" IN ('in_progress', 'completed')`)
@Index('idempotency_keys_expires_idx', ['expiresAt'])
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** SHA-256 of the method, path and canonical body of the first request. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  state: 'in_progress' | 'completed';

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  /** json, not jsonb: the replay must be the stored text, key order included. */
  @Column({ name: 'response_body', type: 'json', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
