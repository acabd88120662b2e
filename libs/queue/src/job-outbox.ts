import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { currentCorrelationId } from '@claimdesk/observability';
import { type JobRequest, jobQueue } from './job-contract';
import { OutboxRepository } from './outbox.repository';

export interface EnqueueOptions {
  /**
   * Makes the job id deterministic (`<name>.<key>`): while a job with this id is
   * waiting or kept by BullMQ, enqueueing it again adds nothing.
   */
  key?: string;
  delayMs?: number;
}

/**
 * The one way to enqueue a job. Call it inside the service's transaction: the
 * job is written to the outbox with the change that causes it, and the relay
 * hands it to BullMQ after commit, so a crash in between loses nothing.
 */
@Injectable()
export class JobOutbox {
  constructor(private readonly outbox: OutboxRepository) {}

  /** Returns the BullMQ job id the job will have. */
  async enqueue(job: JobRequest, options: EnqueueOptions = {}): Promise<string> {
    const jobId = `${job.name}.${options.key ?? randomUUID()}`;
    await this.outbox.insert({
      jobId,
      queue: jobQueue[job.name],
      name: job.name,
      data: job.data,
      correlationId: currentCorrelationId() ?? null,
      delayMs: options.delayMs ?? 0,
    });
    return jobId;
  }
}
