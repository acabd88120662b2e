/** The statuses of PRODUCT.md; the transition map arrives with the review workflow. */
export const claimStatuses = ['submitted', 'in_review', 'awaiting_approval', 'published', 'rejected'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

// A quote's check is kept by libs/checking; claims show it as their own.
export { type QuoteCheckStatus, quoteCheckStatuses } from '@claimdesk/checking';
