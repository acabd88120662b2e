import { Injectable } from '@nestjs/common';
import { EventHooks } from './event-hooks';
import { type EventRow, EventsRepository, type NewEvent, type SourceEventRow } from './events.repository';

/** Writes audit events; call it inside the transaction of the change it records. */
@Injectable()
export class EventLog {
  constructor(
    private readonly events: EventsRepository,
    private readonly hooks: EventHooks,
  ) {}

  async record(event: NewEvent): Promise<void> {
    const recorded = await this.events.insert(event);
    await this.hooks.notify([{ ...event, ...recorded }]);
  }

  /** Writes several events in one statement. */
  async recordMany(events: readonly NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    const recorded = await this.events.insertMany(events);
    await this.hooks.notify(events.map((event, index) => ({ ...event, ...recorded[index]! })));
  }

  /**
   * The latest event with one of `actions` of each source, by source id; with
   * `snapshotIds` (one per source), only events about that snapshot.
   */
  latestOfSources(
    sourceIds: readonly string[],
    actions: readonly string[],
    snapshotIds?: readonly (string | null)[],
  ): Promise<Map<string, SourceEventRow>> {
    return this.events.latestOfSources(sourceIds, actions, snapshotIds);
  }

  listForClaim(claimId: string, afterId: string | null, limit: number): Promise<EventRow[]> {
    return this.events.listForClaim(claimId, afterId, limit);
  }
}
