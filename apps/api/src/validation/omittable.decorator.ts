import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The field may be left out, but when present, null included, it is validated
 * like any other value. (class-validator's IsOptional also waves null through,
 * which then reaches the services as a value nobody declared.)
 */
export function Omittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}
