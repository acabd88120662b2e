import { Module } from '@nestjs/common';
import { HealthModule } from './health/health.module';

/** The HTTP API and web UI: controllers and pages over the domain libs. */
@Module({
  imports: [HealthModule],
})
export class ApiModule {}
