/**
 * The job contract: every queue, every job name and the payload each carries.
 * Payloads hold ids and small scalars only; the relay adds the correlation id
 * of the request that caused the job.
 */
export const QueueName = {
  System: 'system',
  Sources: 'sources',
  Reviews: 'reviews',
  Webhooks: 'webhooks',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface JobPayloads {
  /** Proves the backbone end to end: records that a ping travelled outbox → queue → worker. */
  'system.ping': { pingId: string };
  /** Hourly housekeeping: drops idempotency keys past their 24 hours. */
  'system.cleanup': Record<string, never>;
  /**
   * Fetches a source, stores a snapshot when its text is new, and checks the
   * quotes cited from it. The job id is the snapshot's fetch key.
   */
  'source.fetch': { sourceId: string };
  /** Checks one appearance's quote against its source's latest snapshot. */
  'quote.check': { appearanceId: string };
  /** Checks one piece of evidence's excerpt against its source's latest snapshot. */
  'excerpt.check': { evidenceId: string };
  /**
   * The status-change job: evaluates a claim's verdicts after one is given and
   * moves it to awaiting_approval on consensus, or flags a disagreement.
   */
  'claim.evaluate': { claimId: string };
  /** POSTs one recorded webhook delivery to its subscriber, signed. */
  'webhook.deliver': { deliveryId: string };
  /** Hourly: queues a re-fetch of sources cited by claims under review or published, read over a day ago. */
  'source.recheck': Record<string, never>;
  /**
   * Proposes candidate claims from the latest snapshot of a source: a no-op
   * when that snapshot was extracted already.
   */
  'source.extract': { sourceId: string };
}

export type JobName = keyof JobPayloads;

/** What a payload field may hold: ids and small scalars, never rows or documents. */
export type JobScalar = string | number | boolean | null;

/** Fails to compile when a payload above carries anything but scalars. */
export type PayloadsAreScalar = JobPayloads[JobName] extends Record<string, JobScalar> ? true : never;
const payloadsAreScalar: PayloadsAreScalar = true;
void payloadsAreScalar;

/** The queue each job runs on: one processor per queue switches over its names. */
export const jobQueue = {
  'system.ping': QueueName.System,
  'system.cleanup': QueueName.System,
  'source.fetch': QueueName.Sources,
  'quote.check': QueueName.Sources,
  'excerpt.check': QueueName.Sources,
  'claim.evaluate': QueueName.Reviews,
  'webhook.deliver': QueueName.Webhooks,
  'source.recheck': QueueName.Sources,
  'source.extract': QueueName.Sources,
} as const satisfies Record<JobName, QueueName>;

/**
 * Jobs BullMQ runs on a schedule rather than because of a change (so they do
 * not go through the outbox), with their cadence.
 */
export const jobSchedules = [
  { id: 'system-cleanup-hourly', name: 'system.cleanup', everyMs: 60 * 60 * 1000 },
  { id: 'source-recheck-hourly', name: 'source.recheck', everyMs: 60 * 60 * 1000 },
] as const satisfies readonly {
  id: string;
  name: JobName;
  everyMs: number;
}[];

/** A job to enqueue: a discriminated union over the job names. */
export type JobRequest = { [N in JobName]: { name: N; data: JobPayloads[N] } }[JobName];

/** What a processor receives: the payload plus the correlation id, when there was one. */
export type JobData<N extends JobName> = JobPayloads[N] & { correlationId?: string };

/** The jobs of one queue, as a processor sees them. */
export type QueueJob<Q extends QueueName> = {
  [N in JobName]: (typeof jobQueue)[N] extends Q ? { name: N; data: JobData<N> } : never;
}[JobName];
