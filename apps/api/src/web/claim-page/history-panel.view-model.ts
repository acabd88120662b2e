import type { EventView, EvidenceView, QuoteCheckStatus } from '@claimdesk/claims';
import type { Page } from '@claimdesk/persistence';
import type { EventAction } from '@claimdesk/events';
import { checkStatusNames, ratingName, stanceNames, statusName } from './claim-page.names';

/** How many events the history shows at a time. */
export const historyPageSize = 100;

/** A page of the claim's history, with the links to the next page and back to the first. */
export function toHistory(events: Page<EventView>, eventsCursor: string | undefined, claimId: string) {
  return {
    items: events.items.map(describeEvent),
    nextHref:
      events.nextCursor === null ? null : `/claims/${claimId}?events=${encodeURIComponent(events.nextCursor)}#history`,
    firstHref: eventsCursor === undefined ? null : `/claims/${claimId}#history`,
  };
}

/** How the history names the fields an edit changed. */
const editedFieldNames: Record<string, string> = {
  text: 'text',
  headline: 'headline',
  claimant: 'speaker',
  claimDate: 'date',
  tags: 'tags',
};

/** The actions whose statuses are the claim's own: the history shows the move they made. */
const claimStatusActions: ReadonlySet<EventAction> = new Set(['claim.submitted', 'claim.status_changed']);

/** One event of the history in words: who did what, and the status change if any. */
export function describeEvent(event: EventView) {
  const data = event.data;
  const text = (key: string): string | null => (typeof data[key] === 'string' ? data[key] : null);
  const rating = text('rating');
  const hidden = data.ratingHidden === true;
  let what: string;
  let editNote: string | null = null;
  switch (event.action) {
    case 'claim.submitted':
      what = 'Submitted the claim';
      break;
    case 'claim.status_changed':
      what =
        text('transition') === 'consensus'
          ? `${data.split === true ? 'The leading rating settled the split verdicts' : 'The verdicts agreed'}${
              rating === null ? '' : `: ${ratingName(rating)}`
            }`
          : `Moved the claim to ${statusName(event.to ?? '').toLowerCase()}`;
      break;
    case 'claim.edited': {
      const changes = (typeof data.changes === 'object' && data.changes !== null ? data.changes : {}) as Record<
        string,
        { from?: unknown }
      >;
      const names = Object.entries(editedFieldNames)
        .filter(([field]) => Object.hasOwn(changes, field))
        .map(([, name]) => name);
      const before = changes.text?.from;
      what = `Edited the claim: ${names.join(', ')}${typeof before === 'string' ? '. The text was:' : ''}`;
      if (typeof before === 'string') editNote = before;
      break;
    }
    case 'claim.split_decided':
      what = `Chose the rating over split verdicts${rating === null ? '' : `: ${ratingName(rating)}`}`;
      break;
    case 'claim.verdict_requested':
      what = `Asked ${text('reviewerName') ?? 'another reviewer'} to settle the split verdicts`;
      break;
    case 'claim.appearance_added':
      what = `Added another appearance${text('quote') === null ? '' : `: “${text('quote')}”`}`;
      break;
    case 'claim.assigned':
      what = `Assigned ${text('reviewerName') ?? 'a reviewer'}`;
      break;
    case 'evidence.added':
      what = `Added evidence (${stanceNames[text('stance') as EvidenceView['stance']]?.toLowerCase() ?? 'no stance'}): ${text('url') ?? ''}`;
      break;
    case 'verdict.given':
      what = `${data.replaced === true ? 'Replaced their verdict' : 'Gave a verdict'}${
        hidden ? ' (its rating stays hidden until you give yours)' : rating === null ? '' : `: ${ratingName(rating)}`
      }`;
      break;
    case 'claim.disagreement_flagged':
      what = 'Flagged a disagreement between the verdicts';
      break;
    case 'claim.published':
      what = `Published the review${rating === null ? '' : `: ${ratingName(rating)}`}`;
      break;
    case 'claim.corrected':
      what = `Published a correction${rating === null ? '' : `: ${ratingName(rating)}`}`;
      break;
    case 'appearance.quote_checked':
      what = `Checked the quote: ${checkStatusNames[event.to as QuoteCheckStatus]?.toLowerCase() ?? event.to ?? ''}`;
      break;
    case 'evidence.excerpt_checked':
      what = `Checked an evidence excerpt: ${checkStatusNames[event.to as QuoteCheckStatus]?.toLowerCase() ?? event.to ?? ''}`;
      break;
    case 'source.changed':
      what = `A cited source changed: ${text('url') ?? ''}`;
      break;
    // By their name: these, and those recorded on a source or an account rather than a claim.
    case 'candidate.promoted':
    case 'webhook.delivered':
    case 'webhook.failed':
    case 'source.created':
    case 'source.snapshot_added':
    case 'source.extraction_requested':
    case 'source.fetched':
    case 'source.fetch_failed':
    case 'source.claims_extracted':
    case 'source.extraction_failed':
    case 'user.deactivated':
    case 'user.reactivated':
    case 'user.role_changed':
    case 'user.password_reset':
      what = actionName(event.action);
      break;
    default:
      // The table takes any dotted name: one written outside this list still reads.
      what = actionName(event.action);
  }
  const note = text('reason') ?? text('correction') ?? text('rationale') ?? editNote;
  const statusChange = claimStatusActions.has(event.action);
  return {
    at: event.at,
    actor: event.actor?.name ?? 'Claimdesk',
    what,
    note,
    from: statusChange && event.from !== null ? statusName(event.from) : null,
    to: statusChange && event.to !== null ? statusName(event.to) : null,
  };
}

/** `webhook.delivered` → `Webhook delivered`. */
function actionName(action: string): string {
  return statusName(action.replaceAll('.', ' '));
}
