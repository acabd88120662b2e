export { Event } from './event.entity';
export { EventHooks, type EventSubscriber, type RecordedEvent } from './event-hooks';
export { EventLog } from './event-log';
export type { EventRow, NewEvent, SourceEventRow } from './events.repository';
export { EventsModule } from './events.module';
