import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError, fieldProblem } from '@claimdesk/errors';

/** Parses a path parameter as a UUID, refusing anything else with a field-level 400. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    version: 'all',
    exceptionFactory: () =>
      DomainError.invalid('request.invalid', 'The request has invalid fields.', [fieldProblem(name, 'must be a UUID')]),
  });
}
