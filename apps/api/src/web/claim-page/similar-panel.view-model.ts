import type { ClaimDetailView } from '@claimdesk/reviews';
import { statusName } from './claim-page.names';

/** A related claim as the page lists it: what it says, how it matched, and its verdict once published. */
export function toSimilar(similar: ClaimDetailView['similar'][number]) {
  const percent = `${Math.round(similar.score * 100)}%`;
  return {
    href: `/claims/${similar.id}`,
    text: similar.text,
    status: similar.status,
    statusText: statusName(similar.status),
    match:
      similar.match === 'exact'
        ? 'Same wording'
        : similar.match === 'near'
          ? `Near duplicate (${percent})`
          : `Related (${percent})`,
    claimant: similar.claimant,
    rating: similar.rating ?? null,
    ratingName: similar.ratingName ?? null,
    conflicts: (similar.conflicts ?? []).map((conflict) =>
      conflict.kind === 'number'
        ? `Numbers differ: this claim says ${conflict.query ?? 'none'}, that one ${conflict.claim ?? 'none'}.`
        : conflict.query === null
          ? `That claim says “${conflict.claim ?? ''}”; this one does not.`
          : `This claim says “${conflict.query}”; that one does not.`,
    ),
  };
}
