import type { RecordedEvent } from '@claimdesk/events';
import type { WebhookEvent } from './webhook-subscription.entity';

/** The audit actions that are webhook events under their own name. */
const claimEvents = new Set<string>(['claim.submitted', 'claim.status_changed', 'claim.published', 'claim.corrected']);

/**
 * The webhook event a recorded event is, if any. `source.changed` is written
 * once for the source and once more for each claim citing it; only the
 * source-level event (without a claim) is delivered, so a subscriber hears of
 * a change once.
 */
export function webhookEventOf(event: RecordedEvent): WebhookEvent | undefined {
  if (claimEvents.has(event.action)) return event.action as WebhookEvent;
  if (event.action === 'source.changed' && (event.claimId ?? null) === null) return 'source.changed';
  return undefined;
}

/**
 * The exact body POSTed (and signed) for one delivery:
 * `{"id","event","at","data"}`, where `data` is the event's data plus the ids
 * of the claim and source it concerns and the statuses before and after, when
 * the event has them.
 */
export function deliveryBody(deliveryId: string, webhookEvent: WebhookEvent, event: RecordedEvent): string {
  const data: Record<string, unknown> = { ...event.data };
  const about = { claimId: event.claimId, sourceId: event.sourceId, from: event.fromStatus, to: event.toStatus };
  for (const [key, value] of Object.entries(about)) {
    if (value !== undefined && value !== null) data[key] = value;
  }
  return JSON.stringify({ id: deliveryId, event: webhookEvent, at: event.at.toISOString(), data });
}
