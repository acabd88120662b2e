/**
 * The one owner of each table: only code in the owning lib names the table in
 * SQL or a TypeORM query. Other libs ask the owner's service. A new table is
 * added here with its migration; table-ownership.spec.ts fails until it is,
 * and whenever code in one lib names a table another lib owns.
 */
export const tableOwners = {
  outbox_job: 'queue',
  system_ping: 'system',
  users: 'accounts',
  api_tokens: 'accounts',
  web_sessions: 'accounts',
  sources: 'sources',
  source_snapshots: 'sources',
  claimants: 'claims',
  claims: 'claims',
  appearances: 'claims',
  events: 'events',
  idempotency_keys: 'idempotency',
  assignments: 'reviews',
  evidence: 'reviews',
  verdicts: 'reviews',
  reviews: 'reviews',
  webhook_subscriptions: 'webhooks',
  webhook_deliveries: 'webhooks',
  claim_candidates: 'extraction',
  quote_checks: 'checking',
  /** TypeORM's own bookkeeping, written by migrations only. */
  typeorm_metadata: 'schema',
} as const satisfies Record<string, string>;

export type OwnedTable = keyof typeof tableOwners;

/**
 * Code outside libs that may name tables: the apps name none. libs/testing
 * builds rows of every table for the test tiers (its builders stand in for
 * each owner's service), so it is left out of the check.
 */
export const unownedCodeRoots: readonly string[] = ['libs/testing/src'];
