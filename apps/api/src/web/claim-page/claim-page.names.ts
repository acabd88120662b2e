import type { EvidenceView, QuoteCheckStatus } from '@claimdesk/claims';
import { type Rating, ratingNames } from '@claimdesk/reviews';

/** What a quote or excerpt check's status is called. */
export const checkStatusNames: Record<QuoteCheckStatus, string> = {
  pending: 'Checking',
  found: 'Found',
  approximate: 'Approximate match',
  not_found: 'Not found',
  source_unavailable: 'Source unavailable',
};

/** What each stance of evidence is called. */
export const stanceNames: Record<EvidenceView['stance'], string> = {
  supports: 'Supports the claim',
  refutes: 'Refutes the claim',
  context: 'Gives context',
};

/** `in_review` → `In review`. */
export function statusName(status: string): string {
  const text = status.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function ratingName(rating: string): string {
  return ratingNames[rating as Rating] ?? statusName(rating);
}

/** A posted value to show again: a single string, else empty. */
export function formText(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** The text on one line, cut to `length` characters with an ellipsis. */
export function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}
