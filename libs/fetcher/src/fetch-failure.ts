/**
 * Why a fetch failed, as recorded on the source (`fetch_error`). `http_<status>`
 * codes name the status the server answered.
 */
export type FetchErrorCode =
  | 'invalid_url'
  | 'blocked_address'
  | 'dns_failure'
  | 'connection_failed'
  | 'tls_error'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'unsupported_type'
  | 'unsupported_encoding'
  | 'extraction_failed'
  | `http_${number}`;

/**
 * A fetch that did not produce a document. `permanent` failures (a blocked
 * address, a 404, an unsupported type) are not worth retrying; the others
 * (timeouts, refused connections, 5xx) may succeed later.
 */
export class FetchFailure extends Error {
  constructor(
    readonly code: FetchErrorCode,
    readonly permanent: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'FetchFailure';
  }
}

/** Raised by the connector when a host resolves to an address the policy refuses. */
export class BlockedAddressError extends FetchFailure {
  constructor(
    readonly host: string,
    readonly address: string,
    range: string,
  ) {
    super(
      'blocked_address',
      true,
      host === address
        ? `${address} is a ${range} address, which sources may not reach`
        : `${host} resolves to ${address} (${range}), which sources may not reach`,
    );
    this.name = 'BlockedAddressError';
  }
}
