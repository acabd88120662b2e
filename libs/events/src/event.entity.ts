import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EventAction } from './event-action';

/**
 * One line of the append-only audit trail: who did what to which claim,
 * source or account, when, and the state before and after. The database refuses UPDATE,
 * DELETE and TRUNCATE on this table. The table is written by hand in the
 * migrations (`synchronize: false`): its triggers, indexes and foreign keys to
 * claims, sources and users live there, so this lib depends on none of them.
 */
@Entity({ name: 'events', synchronize: false })
export class Event {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'claim_id', type: 'uuid', nullable: true })
  claimId: string | null;

  @Column({ name: 'source_id', type: 'uuid', nullable: true })
  sourceId: string | null;

  /** The account an event is about (`user.deactivated`, `user.role_changed`…), not who acted. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** A dotted name such as `claim.submitted` or `source.created`: one of the event actions. */
  @Column({ type: 'text' })
  action: EventAction;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  data: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;
}
