import { correlationIdFrom, withCorrelationId } from '@claimdesk/observability';

/**
 * Runs a job handler with the correlation id of the request that caused the
 * job (or a new one), so its logs and the jobs it enqueues carry it along.
 */
export function inJobContext<T>(
  job: { id?: string; data: { correlationId?: string } },
  handler: () => Promise<T>,
): Promise<T> {
  return withCorrelationId(correlationIdFrom(job.data.correlationId), handler);
}
