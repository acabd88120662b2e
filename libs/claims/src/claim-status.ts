/** The statuses of PRODUCT.md; the transition map arrives with the review workflow. */
export const claimStatuses = ['submitted', 'in_review', 'awaiting_approval', 'published', 'rejected'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

export const quoteCheckStatuses = ['pending', 'found', 'approximate', 'not_found', 'source_unavailable'] as const;
export type QuoteCheckStatus = (typeof quoteCheckStatuses)[number];
