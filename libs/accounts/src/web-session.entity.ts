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
import { User } from './user.entity';

/**
 * A signed-in browser. Like API tokens, only the SHA-256 of the 256-bit session
 * secret is kept, so a database dump cannot be replayed as a cookie.
 */
@Entity({ name: 'web_sessions' })
export class WebSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('web_sessions_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'web_sessions_user_fkey' })
  user?: Relation<User>;

  @Index('web_sessions_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Slides forward with use; a session unused until then is gone. */
  @Index('web_sessions_expires_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
