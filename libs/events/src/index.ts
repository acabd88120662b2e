export { Event } from './event.entity';
export { type EventAction, eventActions } from './event-action';
export { EventHooks, type EventSubscriber, type RecordedEvent } from './event-hooks';
export { EventLog } from './event-log';
export type { EventRow, NewEvent, SourceEventRow } from './events.repository';
export { EventsModule } from './events.module';
