import { Injectable } from '@nestjs/common';
import { type EventRow, EventsRepository, type NewEvent } from './events.repository';

/** Writes audit events; call it inside the transaction of the change it records. */
@Injectable()
export class EventLog {
  constructor(private readonly events: EventsRepository) {}

  record(event: NewEvent): Promise<void> {
    return this.events.insert(event);
  }

  listForClaim(claimId: string, afterId: string | null, limit: number): Promise<EventRow[]> {
    return this.events.listForClaim(claimId, afterId, limit);
  }
}
