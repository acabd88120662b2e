/**
 * The error codes the API itself raises (authentication, request shape,
 * health), as clients read them in `code`; the libs' codes are their own.
 */
export const ApiErrors = {
  missingToken: 'auth.missing_token',
  invalidToken: 'auth.invalid_token',
  noSession: 'auth.no_session',
  roleTooLow: 'auth.role_too_low',
  noRole: 'route.no_role',
  notReady: 'health.not_ready',
  invalidIdempotencyKey: 'idempotency.invalid_key',
  requestInvalid: 'request.invalid',
  tokenNotFound: 'token.not_found',
  tooLarge: 'request.too_large',
  unsupportedMediaType: 'request.unsupported_media_type',
  emptyBody: 'request.empty_body',
  malformedJson: 'request.malformed_json',
  badContentLength: 'request.bad_content_length',
  rateLimited: 'request.rate_limited',
  unavailable: 'service.unavailable',
  routeNotFound: 'route.not_found',
  methodNotAllowed: 'route.method_not_allowed',
} as const;
