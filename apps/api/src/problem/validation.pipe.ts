import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldProblem } from '@claimdesk/errors';

/**
 * Validation of every body and query: unknown fields are refused, values are
 * converted to their declared types, and every problem is reported with the
 * path of its field.
 */
export function createValidationPipe(): ValidationPipe {
  return new JsonObjectValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return DomainError.invalid(
        'request.invalid',
        'The request has invalid fields',
        problems.length > 0 ? problems : [{ field: '(body)', message: 'must be a JSON object' }],
      );
    },
  });
}

/** Bodies must be JSON objects: an array, a string or null is refused as a whole. */
class JsonObjectValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw DomainError.invalid('request.invalid', 'The request body must be a JSON object', [
        { field: '(body)', message: 'must be a JSON object' },
      ]);
    }
    return super.transform(value, metadata);
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field =
      parent === ''
        ? error.property
        : /^\d+$/.test(error.property)
          ? `${parent}[${error.property}]`
          : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field: field === '' ? '(body)' : field,
      message:
        rule === 'whitelistValidation'
          ? 'is not a known field'
          : message.startsWith(`${error.property} `)
            ? message.slice(error.property.length + 1)
            : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
