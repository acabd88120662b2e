import { Injectable } from '@nestjs/common';
import { type EventRow, EventsRepository, type NewEvent } from './events.repository';

/** Writes audit events; call it inside the transaction of the change it records. */
@Injectable()
export class EventLog {
  constructor(private readonly events: EventsRepository) {}

  record(event: NewEvent): Promise<void> {
    return this.events.insert(event);
  }

  /** Writes several events in one statement. */
  async recordMany(events: readonly NewEvent[]): Promise<void> {
    if (events.length > 0) await this.events.insertMany(events);
  }

  listForClaim(claimId: string, afterId: string | null, limit: number): Promise<EventRow[]> {
    return this.events.listForClaim(claimId, afterId, limit);
  }
}
