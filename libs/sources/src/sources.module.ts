import { Module } from '@nestjs/common';
import { EventsModule } from '@claimdesk/events';
import { SourcesRepository } from './sources.repository';
import { SourcesService } from './sources.service';

@Module({
  imports: [EventsModule],
  providers: [SourcesRepository, SourcesService],
  exports: [SourcesService],
})
export class SourcesModule {}
