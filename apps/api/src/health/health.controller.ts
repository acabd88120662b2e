import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { ApiTags } from '@nestjs/swagger';
import { DatabaseServer } from '@claimdesk/persistence';
import { QueueHealthIndicator } from '@claimdesk/queue';
import { Public } from '../auth/access.decorators';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
    private readonly server: DatabaseServer,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** PostgreSQL and the queue backend answer; says which backends are in use. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => {
        const result = await this.database.pingCheck('database', { timeout: 3_000 });
        return {
          database: {
            ...result.database,
            status: result.database?.status ?? 'down',
            backend: `${this.server.kind}-postgresql`,
          },
        };
      },
      () => this.queue.check('queue'),
    ]);
  }
}
