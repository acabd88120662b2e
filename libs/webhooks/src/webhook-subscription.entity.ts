import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '@claimdesk/accounts';

/** The events a subscription may ask for. */
export const webhookEvents = [
  'claim.submitted',
  'claim.status_changed',
  'claim.published',
  'claim.corrected',
  'source.changed',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** Where an admin asked events to be delivered, and the secret that signs them. */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: WebhookEvent[];

  /** HMAC-SHA256 key of the `X-Claimdesk-Signature` header; shown once, at creation. */
  @Column({ type: 'text', select: false })
  secret: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'webhook_subscriptions_created_by_fkey' })
  creator?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set when deleted: deliveries keep pointing at it. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
