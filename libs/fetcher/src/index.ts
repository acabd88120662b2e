export { isAllowedHost, isPublicAddress } from './address-policy';
export { BlockedAddressError, type FetchErrorCode, FetchFailure } from './fetch-failure';
export { defaultFetchLimits, type FetchLimits } from './fetch-limits';
export { FetcherModule } from './fetcher.module';
export {
  acceptedMediaTypes,
  type DocumentKind,
  type FetchedDocument,
  type PostedResponse,
  type ResolvedAddress,
  type Resolver,
  SafeFetcher,
  type SafeFetcherOptions,
  type SocketConnector,
} from './safe-fetcher';
