import { ApiToken, User, WebSession } from '@claimdesk/accounts';
import { QuoteCheck } from '@claimdesk/checking';
import { Appearance, Claim, Claimant } from '@claimdesk/claims';
import { Event } from '@claimdesk/events';
import { ClaimCandidate } from '@claimdesk/extraction';
import { IdempotencyKey } from '@claimdesk/idempotency';
import type { SchemaDefinition } from '@claimdesk/persistence';
import { OutboxJob } from '@claimdesk/queue';
import { Assignment, Evidence, Review, Verdict } from '@claimdesk/reviews';
import { Source, SourceSnapshot } from '@claimdesk/sources';
import { SystemPing } from '@claimdesk/system';
import { WebhookDelivery, WebhookSubscription } from '@claimdesk/webhooks';
import { Foundation1764244800000 } from './migrations/1764244800000-foundation';
import { ClaimsAndSources1795784495008 } from './migrations/1795784495008-claims-and-sources';
import { SearchVector1795788696761 } from './migrations/1795788696761-search-vector';
import { SourceChecking1795791399905 } from './migrations/1795791399905-source-checking';
import { ReviewWorkflow1795794191088 } from './migrations/1795794191088-review-workflow';
import { WebSessions1795800411063 } from './migrations/1795800411063-web-sessions';
import { ClaimTextFeed1795810000000 } from './migrations/1795810000000-claim-text-feed';
import { ClaimCandidates1795820000000 } from './migrations/1795820000000-claim-candidates';
import { ClaimHeadline1795830000000 } from './migrations/1795830000000-claim-headline';
import { SplitVerdicts1795840000000 } from './migrations/1795840000000-split-verdicts';
import { UserDeactivation1795846100000 } from './migrations/1795846100000-user-deactivation';
import { ClaimStatusAge1795850000000 } from './migrations/1795850000000-claim-status-age';
import { ClaimSpeakerRole1795860000000 } from './migrations/1795860000000-claim-speaker-role';
import { PendingWorkIndexes1796517000000 } from './migrations/1796517000000-pending-work-indexes';
import { QuoteChecks1796600000000 } from './migrations/1796600000000-quote-checks';

/**
 * Every entity and every migration, in order. The apps, the CLI, the test
 * template database and the migration generator all read this one list.
 */
export const schema: SchemaDefinition = {
  entities: [
    OutboxJob,
    SystemPing,
    User,
    ApiToken,
    WebSession,
    Source,
    SourceSnapshot,
    Claimant,
    Claim,
    Appearance,
    Event,
    IdempotencyKey,
    Assignment,
    Evidence,
    Verdict,
    Review,
    QuoteCheck,
    WebhookSubscription,
    WebhookDelivery,
    ClaimCandidate,
  ],
  migrations: [
    Foundation1764244800000,
    ClaimsAndSources1795784495008,
    SearchVector1795788696761,
    SourceChecking1795791399905,
    ReviewWorkflow1795794191088,
    WebSessions1795800411063,
    ClaimTextFeed1795810000000,
    ClaimCandidates1795820000000,
    ClaimHeadline1795830000000,
    SplitVerdicts1795840000000,
    UserDeactivation1795846100000,
    ClaimStatusAge1795850000000,
    ClaimSpeakerRole1795860000000,
    PendingWorkIndexes1796517000000,
    QuoteChecks1796600000000,
  ],
};
