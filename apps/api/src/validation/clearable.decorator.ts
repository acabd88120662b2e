import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The field may be left out, or be null to clear what it holds; any other
 * value is validated like a required one.
 */
export function Clearable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined && value !== null, options);
}
