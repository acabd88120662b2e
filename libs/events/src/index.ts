export { Event } from './event.entity';
export { EventLog } from './event-log';
export type { EventRow, NewEvent } from './events.repository';
export { EventsModule } from './events.module';
