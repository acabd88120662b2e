import { Module } from '@nestjs/common';
import { SystemPingRepository } from './system-ping.repository';
import { SystemService } from './system.service';

@Module({
  providers: [SystemPingRepository, SystemService],
  exports: [SystemService],
})
export class SystemModule {}
