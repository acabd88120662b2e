import { Module } from '@nestjs/common';
import { EventLog } from './event-log';
import { EventsRepository } from './events.repository';

@Module({
  providers: [EventLog, EventsRepository],
  exports: [EventLog],
})
export class EventsModule {}
