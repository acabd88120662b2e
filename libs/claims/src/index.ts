export { Appearance } from './appearance.entity';
export { claimFingerprint } from './claim-fingerprint';
export { type ClaimStatus, claimStatuses, type QuoteCheckStatus, quoteCheckStatuses } from './claim-status';
export type * from './claim.views';
export { claimSorts } from './claim.views';
export { Claim } from './claim.entity';
export { Claimant } from './claimant.entity';
export type { ClaimListTerms, ClaimTerm, ListedClaim } from './claim-list-terms';
export { ClaimsModule } from './claims.module';
export {
  allowedMoves,
  allowedTargets,
  findTransition,
  type Transition,
  type TransitionActor,
  transitions,
} from './claim-transitions';
export type { ClaimState } from './claims.repository';
export { ClaimsService } from './claims.service';
export { normalizeText } from './normalize-text';
