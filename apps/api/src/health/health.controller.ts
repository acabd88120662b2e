import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { ApiTags } from '@nestjs/swagger';
import { DomainError } from '@claimdesk/errors';
import { DatabaseServer } from '@claimdesk/persistence';
import { QueueHealthIndicator } from '@claimdesk/queue';
import { Public } from '../auth/access.decorators';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');
  /** What was down at the last probe: a change is logged once, not every probe. */
  private down: string[] = [];

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

  /**
   * PostgreSQL and the queue backend answer; says which backends are in use.
   * 503 (a problem document naming what is down, with each component's
   * details) when either does not.
   */
  @Get('ready')
  @HealthCheck()
  async ready(): Promise<HealthCheckResult> {
    try {
      const result = await this.health.check([
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
      this.noteDown([]);
      return result;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const { details = {} } = error.getResponse() as Partial<HealthCheckResult>;
      const down = Object.entries(details)
        .filter(([, detail]) => detail.status !== 'up')
        .map(([component]) => component);
      this.noteDown(down);
      throw new DomainError('unavailable', 'health.not_ready', `Not ready: ${down.join(' and ')} down.`, {
        down,
        details,
      });
    }
  }

  private noteDown(down: string[]): void {
    if (down.join() === this.down.join()) return;
    if (down.length === 0) this.logger.log(`ready again (${this.down.join(' and ')} back up)`);
    else this.logger.warn(`not ready: ${down.join(' and ')} down`);
    this.down = down;
  }
}
