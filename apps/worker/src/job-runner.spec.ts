import { type Job, UnrecoverableError } from 'bullmq';
import { DomainError, type ErrorKind } from '@claimdesk/errors';
import { currentCorrelationId } from '@claimdesk/observability';
import type { QueueName } from '@claimdesk/queue';
import { failureOutcome, runJob, toQueueFailure } from './job-runner';

function aJob(data: Record<string, unknown>, overrides: Partial<Job> = {}): Job {
  return {
    id: 'webhook.deliver.d1',
    name: 'webhook.deliver',
    data,
    timestamp: 1,
    attemptsMade: 1,
    opts: { attempts: 5 },
    updateProgress: () => Promise.resolve(),
    ...overrides,
  } as unknown as Job;
}

const failing = (error: unknown) => async (): Promise<never> => {
  throw error;
};

/** What `runJob` rejects with when the handler throws `error`. */
async function queueFailureOf(error: unknown): Promise<unknown> {
  try {
    await runJob<typeof QueueName.Webhooks>(aJob({ deliveryId: 'd1' }), failing(error));
  } catch (failure) {
    return failure;
  }
  throw new Error('expected the job to fail');
}

describe('failureOutcome', () => {
  it.each<[ErrorKind, 'retry' | 'give_up']>([
    ['invalid', 'give_up'],
    ['not_found', 'give_up'],
    ['unprocessable', 'give_up'],
    ['forbidden', 'give_up'],
    ['unavailable', 'retry'],
    ['conflict', 'retry'],
    ['precondition_failed', 'retry'],
    ['unauthenticated', 'retry'],
  ])('a domain error of kind %s: %s', (kind, outcome) => {
    expect(failureOutcome(new DomainError(kind, 'thing.code', 'A message'))).toBe(outcome);
  });

  it.each([
    ['a plain Error', new Error('connection reset')],
    ['a TypeError', new TypeError('x is undefined')],
    ['something thrown that is not an Error', 'a string'],
    ['an error that merely looks like a domain error', Object.assign(new Error('gone'), { kind: 'not_found' })],
  ])('retries %s', (_, error) => {
    expect(failureOutcome(error)).toBe('retry');
  });
});

describe('toQueueFailure', () => {
  it('hands BullMQ an error to retry unchanged', () => {
    const error = DomainError.conflict('claim.version_conflict', 'The claim changed');
    expect(toQueueFailure(error)).toBe(error);
  });

  it('gives up with an UnrecoverableError of the same message and stack', () => {
    const error = DomainError.notFound('ping.not_found', 'ping p1 does not exist');

    const failure = toQueueFailure(error);

    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect(failure).toMatchObject({ name: 'UnrecoverableError', message: 'ping p1 does not exist' });
    expect((failure as Error).stack).toBe(error.stack);
  });
});

describe('runJob', () => {
  it('gives the handler the job typed by its contract and its run', async () => {
    const handle = jest.fn(async () => 'done');

    const result = await runJob<typeof QueueName.Webhooks>(aJob({ deliveryId: 'd1' }), handle);

    expect(result).toBe('done');
    expect(handle).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'webhook.deliver', data: { deliveryId: 'd1' } }),
      expect.objectContaining({ id: 'webhook.deliver.d1', attempt: 2, finalAttempt: false }),
    );
  });

  it('runs the handler under the correlation id of the request that caused the job', async () => {
    const seen = await runJob<typeof QueueName.Webhooks>(
      aJob({ deliveryId: 'd1', correlationId: 'req-42' }),
      async () => currentCorrelationId(),
    );
    expect(seen).toBe('req-42');
  });

  it('runs a job without one under a new correlation id', async () => {
    const seen = await runJob<typeof QueueName.Webhooks>(aJob({ deliveryId: 'd1' }), async () =>
      currentCorrelationId(),
    );
    expect(seen).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives up on a domain error retrying cannot fix', async () => {
    const failure = await queueFailureOf(
      DomainError.notFound('webhook_delivery.not_found', 'webhook delivery d1 does not exist'),
    );
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect(failure).toMatchObject({ message: 'webhook delivery d1 does not exist' });
  });

  it('lets BullMQ retry any other failure, unchanged', async () => {
    const error = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    expect(await queueFailureOf(error)).toBe(error);
    const unavailable = new DomainError('unavailable', 'database.unavailable', 'The database is down');
    expect(await queueFailureOf(unavailable)).toBe(unavailable);
  });
});
