import type { Principal } from '@claimdesk/accounts';
import type { EvidenceView, VerdictView } from '@claimdesk/claims';
import {
  type ClaimCapabilities,
  type ClaimDetailView,
  ratingNames,
  ratings,
  type VerdictRefusal,
} from '@claimdesk/reviews';
import type { ClaimFormState } from '../claim-page.forms';
import type { FormErrors } from '../forms';
import type { ChecksData } from './checks-panel.view-model';
import { ratingName, stanceNames } from './claim-page.names';

/** What a reviewer who may not give a verdict is told, by the reason; nothing to those who are not reviewers. */
const verdictClosedNotes: Record<VerdictRefusal, string | null> = {
  not_a_reviewer: null,
  not_in_review_yet: 'Verdicts are given once an editor moves the claim into review.',
  not_assigned: 'Only reviewers assigned to this claim give verdicts on it. Ask an editor to assign you.',
  not_in_review: 'Verdicts are given while the claim is in review.',
};

/** The verdicts the viewer may see, and the form giving (or replacing) theirs when they may. */
export function toVerdicts(
  claim: ClaimDetailView,
  capabilities: ClaimCapabilities,
  viewer: Principal,
  values: ClaimFormState['values'],
  errors: FormErrors,
  sources: ChecksData['sources'],
) {
  const nameOf = (item: EvidenceView) => sources[item.sourceId]?.title ?? item.url;
  const evidenceName = new Map(claim.evidence.map((item) => [item.id, nameOf(item)]));
  const toVerdict = (verdict: VerdictView) => ({
    reviewer: verdict.reviewer.name,
    mine: verdict.reviewer.id === viewer.userId,
    rating: verdict.rating,
    ratingText: ratingName(verdict.rating),
    rationale: verdict.rationale,
    claimVersion: verdict.claimVersion,
    givenAt: verdict.updatedAt,
    cites: verdict.evidenceIds.map((id) => ({ href: `#evidence-${id}`, name: evidenceName.get(id) ?? id })),
  });
  const list = claim.verdicts.map(toVerdict);
  // The verdicts of the claim detail are one round: the current version in review, or the last round that
  // had verdicts once the claim moved on (awaiting approval). Mine is in that round or nowhere.
  const mine = list.find((verdict) => verdict.mine) ?? null;
  const chosen = typeof values.rating === 'string' ? values.rating : mine?.rating;
  const cited = Array.isArray(values.evidenceIds)
    ? values.evidenceIds
    : (claim.verdicts.find((verdict) => verdict.reviewer.id === viewer.userId)?.evidenceIds ?? []);
  return {
    list,
    mine,
    blind: capabilities.ratingsHiddenReason === 'blind_review',
    /** Submitters see verdicts once the review is published. */
    hiddenForRole: capabilities.ratingsHiddenReason === 'until_published',
    disagreement: claim.disagreement,
    form: capabilities.mayGiveVerdict
      ? {
          action: `/claims/${claim.id}/verdicts`,
          replaces: mine !== null,
          errors: errors.byField,
          rationale: typeof values.rationale === 'string' ? values.rationale : (mine?.rationale ?? ''),
          ratings: ratings.map((rating, index) => ({
            value: rating,
            id: index === 0 ? 'verdict-rating' : `verdict-rating-${rating}`,
            name: ratingNames[rating],
            checked: chosen === rating,
          })),
          evidence: claim.evidence.map((item, index) => ({
            value: item.id,
            id: index === 0 ? 'verdict-evidence' : `verdict-evidence-${item.id}`,
            name: nameOf(item),
            stanceText: stanceNames[item.stance],
            checked: cited.includes(item.id),
          })),
        }
      : null,
    closedNote: capabilities.verdictRefusal === null ? null : verdictClosedNotes[capabilities.verdictRefusal],
  };
}

/** What an editor may do about split verdicts: the leading ratings, and the form asking another reviewer. */
export function toSplit(claim: ClaimDetailView, values: ClaimFormState['values'], errors: FormErrors) {
  const counts = new Map<string, number>();
  for (const verdict of claim.verdicts) counts.set(verdict.rating, (counts.get(verdict.rating) ?? 0) + 1);
  return {
    ratings: [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([rating, count]) => `${ratingName(rating)}: ${count}`)
      .join(', '),
    tiebreakRequested: claim.tiebreakRequested,
    form: {
      action: `/claims/${claim.id}/verdict-requests`,
      value: typeof values.reviewerEmail === 'string' ? values.reviewerEmail : '',
      error: errors.byField.reviewerEmail,
    },
  };
}
