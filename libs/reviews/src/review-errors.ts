/**
 * The error codes the review workflow raises, as clients and tests read them in
 * `code`: each named once, so a thrower and a reader cannot drift apart.
 */
export const ReviewErrors = {
  closed: 'claim.closed',
  notInReview: 'claim.not_in_review',
  notSplit: 'claim.not_split',
  reviewNotFound: 'review.not_found',
  transitionInvalid: 'transition.invalid',
  verdictInvalid: 'verdict.invalid',
  verdictNotAssigned: 'verdict.not_assigned',
  alreadyGiven: 'verdict_request.already_given',
  assignmentInvalid: 'assignment.invalid',
  verdictRequestInvalid: 'verdict_request.invalid',
} as const;

export type ReviewErrorCode = (typeof ReviewErrors)[keyof typeof ReviewErrors];
