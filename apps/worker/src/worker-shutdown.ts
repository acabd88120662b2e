import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { WorkerHost } from '@nestjs/bullmq';
import { JobUpkeep } from './job-upkeep';
import { ReviewsProcessor } from './reviews.processor';
import { SourcesProcessor } from './sources.processor';
import { SystemProcessor } from './system.processor';
import { WebhooksProcessor } from './webhooks.processor';

/**
 * The first step of a shutdown: the upkeep timer stops (and its pass under
 * way ends), every BullMQ worker stops taking jobs and
 * lets its active ones finish, before any module closes what jobs use (the
 * fetcher's connection pool, the database), which Nest does in
 * `onApplicationShutdown`, after every `beforeApplicationShutdown`. Closed in
 * the other order, jobs still taken would fail on a closed pool and spend
 * attempts for nothing.
 */
@Injectable()
export class WorkerShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerShutdown');
  private readonly hosts: WorkerHost[];

  constructor(
    private readonly upkeep: JobUpkeep,
    reviews: ReviewsProcessor,
    sources: SourcesProcessor,
    system: SystemProcessor,
    webhooks: WebhooksProcessor,
  ) {
    this.hosts = [reviews, sources, system, webhooks];
  }

  async beforeApplicationShutdown(): Promise<void> {
    const started = Date.now();
    // The upkeep timer first: a pass would otherwise query a database about to close.
    await this.upkeep.stop();
    // `close()` without force: no new job is taken, and it resolves once the active ones are done.
    await Promise.all(this.hosts.map((host) => host.worker.close()));
    this.logger.log(`workers stopped; their active jobs finished in ${Date.now() - started} ms`);
  }
}
