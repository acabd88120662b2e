import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@claimdesk/errors';
import { Database } from '@claimdesk/persistence';
import { JobOutbox, QueueBackend } from '@claimdesk/queue';
import { SystemPingRepository } from './system-ping.repository';

export interface PingStatus {
  id: string;
  requestedAt: Date;
  processedAt: Date | null;
  processedOn: string | null;
}

/** The `system.ping` round trip that proves outbox, relay, queue and worker work together. */
@Injectable()
export class SystemService {
  private readonly logger = new Logger(SystemService.name);

  constructor(
    private readonly db: Database,
    private readonly pings: SystemPingRepository,
    private readonly outbox: JobOutbox,
    private readonly backend: QueueBackend,
  ) {}

  /** Records a ping and enqueues its job in one transaction; returns the ping id. */
  requestPing(): Promise<string> {
    const pingId = randomUUID();
    return this.db.transaction(async () => {
      await this.pings.insertRequested(pingId);
      await this.outbox.enqueue({ name: 'system.ping', data: { pingId } }, { key: pingId });
      return pingId;
    });
  }

  /** Handles the job; running it twice only counts twice. */
  async answerPing(pingId: string): Promise<void> {
    const found = await this.pings.markProcessed(pingId, this.backend.kind);
    if (!found) throw DomainError.notFound('ping.not_found', `ping ${pingId} does not exist`);
    this.logger.log(`ping ${pingId} answered on the ${this.backend.kind} backend`);
  }

  async findPing(pingId: string): Promise<PingStatus | null> {
    const ping = await this.pings.findById(pingId);
    if (ping === null) return null;
    return { id: ping.id, requestedAt: ping.requestedAt, processedAt: ping.processedAt, processedOn: ping.processedOn };
  }
}
