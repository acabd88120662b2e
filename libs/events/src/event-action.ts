/**
 * Every action the audit trail records, grouped by the lib that records it.
 * An action names what happened (`<subject>.<past tense>`); its details are
 * the event's data.
 */
export const eventActions = [
  // claims
  'claim.submitted',
  'claim.appearance_added',
  'claim.edited',
  // reviews: the workflow
  'claim.assigned',
  'claim.status_changed',
  'claim.disagreement_flagged',
  'claim.verdict_requested',
  'claim.split_decided',
  'claim.published',
  'claim.corrected',
  'evidence.added',
  'verdict.given',
  // sources
  'source.created',
  'source.snapshot_added',
  'source.extraction_requested',
  // checking: fetches and quote checks
  'source.fetched',
  'source.changed',
  'source.fetch_failed',
  'appearance.quote_checked',
  'evidence.excerpt_checked',
  // extraction
  'source.claims_extracted',
  'source.extraction_failed',
  'candidate.promoted',
  // webhooks
  'webhook.delivered',
  'webhook.failed',
  // accounts
  'user.deactivated',
  'user.reactivated',
  'user.role_changed',
  'user.password_reset',
] as const;

/** An action of the audit trail: see {@link eventActions}. */
export type EventAction = (typeof eventActions)[number];
