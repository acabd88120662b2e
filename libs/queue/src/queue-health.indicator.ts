import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { QueueBackend } from './queue-backend';
import { QueueRegistry } from './queue-registry';

const timeoutMs = 3_000;

/** Readiness of BullMQ's datastore: one cheap read on every queue, and which backend it is. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly queues: QueueRegistry,
    private readonly backend: QueueBackend,
  ) {}

  async check(key = 'queue'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const counts = await withTimeout(
        Promise.all(
          this.queues
            .all()
            .map(async (queue) => [queue.name, await queue.getJobCounts('waiting', 'active', 'failed')] as const),
        ),
        timeoutMs,
      );
      return indicator.up({ backend: this.backend.kind, queues: Object.fromEntries(counts) });
    } catch (error) {
      return indicator.down({ backend: this.backend.kind, message: (error as Error).message });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
