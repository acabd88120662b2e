import { type Job, UnrecoverableError } from 'bullmq';
import { DomainError, type ErrorKind } from '@claimdesk/errors';
import { inJobContext, type JobRun, jobRunOf, type QueueJob, type QueueName } from '@claimdesk/queue';

/** What becomes of a job whose handler failed: BullMQ tries it again with backoff, or fails it for good. */
export type FailureOutcome = 'retry' | 'give_up';

/**
 * Domain errors by kind: a job refused for its input, for a row that is not
 * there, for work that cannot be done or that it may not do fails the same
 * way on every attempt, so it is given up; one that met a part that is down
 * (`unavailable`), a lost race or a lock may pass next time, so it is retried.
 */
const outcomeOfKind: Record<ErrorKind, FailureOutcome> = {
  invalid: 'give_up',
  not_found: 'give_up',
  unprocessable: 'give_up',
  forbidden: 'give_up',
  unauthenticated: 'retry',
  conflict: 'retry',
  precondition_failed: 'retry',
  unavailable: 'retry',
};

/** Whether the worker retries after `error` or gives up: anything but a domain error is retried. */
export function failureOutcome(error: unknown): FailureOutcome {
  return error instanceof DomainError ? outcomeOfKind[error.kind] : 'retry';
}

/**
 * The error BullMQ gets for a handler's failure: the error itself when it is
 * to be retried (up to the job's attempts, with its backoff), an
 * `UnrecoverableError` with the same message when retrying cannot help.
 */
export function toQueueFailure(error: unknown): unknown {
  if (failureOutcome(error) === 'retry') return error;
  const domainError = error as DomainError;
  const giveUp = new UnrecoverableError(domainError.message);
  // The job's stack trace shows where the domain error was raised, not this line.
  if (domainError.stack !== undefined) giveUp.stack = domainError.stack;
  return giveUp;
}

/**
 * Runs one job of queue `Q`: types it by the job contract, gives its handler
 * the run (id, attempt, progress), runs it under the correlation id of the
 * request that caused it, and maps its failure to retry or give up.
 */
export function runJob<Q extends QueueName>(
  job: Job,
  handle: (job: QueueJob<Q>, run: JobRun) => Promise<unknown>,
): Promise<unknown> {
  // Jobs reach a queue only through the outbox and the schedules, which take them from the contract.
  const typed = job as unknown as QueueJob<Q>;
  return inJobContext(typed, async () => {
    try {
      return await handle(typed, jobRunOf(job));
    } catch (error) {
      throw toQueueFailure(error);
    }
  });
}
