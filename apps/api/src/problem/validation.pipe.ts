import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, fieldProblem, type FieldProblem } from '@claimdesk/errors';

/** The class-validator options of every body, query and web form. */
export const validatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
} as const;

/**
 * Validation of every body and query: unknown fields are refused, values are
 * converted to their declared types, and every problem is reported with the
 * path of its field.
 */
export function createValidationPipe(): ValidationPipe {
  return new JsonObjectValidationPipe({
    ...validatorOptions,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return DomainError.invalid(
        'request.invalid',
        'The request has invalid fields.',
        problems.length > 0 ? problems : [fieldProblem('(body)', 'must be a JSON object')],
      );
    },
  });
}

/** Deeper input is refused before class-transformer, which recurses, can overflow the stack. */
const maxDepth = 32;
const prototypeNames = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Bodies must be JSON objects: an array, a string or null is refused as a
 * whole. Before class-validator sees them, input nested too deep, and keys
 * named like Object.prototype members (`constructor`, `toString`, …, which its
 * unknown-field check misses), are refused, walking the value without recursion.
 */
class JsonObjectValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw DomainError.invalid('request.invalid', 'The request body must be a JSON object.', [
        fieldProblem('(body)', 'must be a JSON object'),
      ]);
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problem = shapeProblem(value);
      if (problem !== undefined)
        throw DomainError.invalid('request.invalid', 'The request has invalid fields.', [problem]);
    }
    return super.transform(value, metadata);
  }
}

function shapeProblem(root: unknown): FieldProblem | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) return fieldProblem(path, `nests deeper than ${maxDepth} levels`);
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
      if (!Array.isArray(value) && prototypeNames.has(key)) return fieldProblem(childPath, 'is not a known field');
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

/** A class-validator message without the property it starts with ("tags must …", "each value in tags must …"). */
function predicate(message: string, property: string): string {
  for (const prefix of [`${property} `, `each value in ${property} `]) {
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}

/** class-validator's errors as field problems, named by their path (`claimant.name`, `tags[2]`). */
export function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field =
      parent === ''
        ? error.property
        : /^\d+$/.test(error.property)
          ? `${parent}[${error.property}]`
          : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) =>
      fieldProblem(
        field === '' ? '(body)' : field,
        rule === 'whitelistValidation' ? 'is not a known field' : predicate(message, error.property),
      ),
    );
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
