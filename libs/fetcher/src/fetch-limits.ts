/** What one fetch may cost. */
export interface FetchLimits {
  /** From starting a connection to its being open (TLS included). */
  connectTimeoutMs: number;
  /** From sending a request to receiving the response's headers. */
  headersTimeoutMs: number;
  /** Longest pause between two chunks of the body. */
  bodyTimeoutMs: number;
  /** The whole fetch, redirects included. */
  totalTimeoutMs: number;
  /** The body's size after decompression. */
  maxBytes: number;
  maxRedirects: number;
}

export const defaultFetchLimits: FetchLimits = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
};
