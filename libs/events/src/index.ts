export { Event } from './event.entity';
export { EventHooks, type EventSubscriber, type RecordedEvent } from './event-hooks';
export { EventLog } from './event-log';
export type { EventRow, NewEvent } from './events.repository';
export { EventsModule } from './events.module';
