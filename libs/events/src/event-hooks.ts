import { Injectable } from '@nestjs/common';
import type { NewEvent } from './events.repository';

/** An event as written, with the id and time the database gave it. */
export interface RecordedEvent extends NewEvent {
  readonly id: string;
  readonly at: Date;
}

/** Reacts to events inside the transaction that writes them (webhook fan-out, say). */
export interface EventSubscriber {
  onEvents(events: readonly RecordedEvent[]): Promise<void>;
}

/**
 * Where other contexts subscribe to the audit trail without the writers
 * knowing them: a subscriber runs in the writer's transaction, so what it
 * records commits or rolls back with the event.
 */
@Injectable()
export class EventHooks {
  private readonly subscribers: EventSubscriber[] = [];

  subscribe(subscriber: EventSubscriber): void {
    this.subscribers.push(subscriber);
  }

  async notify(events: readonly RecordedEvent[]): Promise<void> {
    for (const subscriber of this.subscribers) await subscriber.onEvents(events);
  }
}
