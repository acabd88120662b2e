import { Module } from '@nestjs/common';
import { EventHooks } from './event-hooks';
import { EventLog } from './event-log';
import { EventsRepository } from './events.repository';

@Module({
  providers: [EventHooks, EventLog, EventsRepository],
  exports: [EventHooks, EventLog],
})
export class EventsModule {}
