import { applyDecorators } from '@nestjs/common';
import { IsString, Length, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A string of `min` to `max` characters that PostgreSQL can store as sent (no
 * NUL character, no lone UTF-16 surrogate, which would be silently replaced)
 * and, unless `min` is 0, not blank.
 */
export function IsText(min: number, max: number, options: Pick<ValidationOptions, 'each'> = {}) {
  return applyDecorators(
    IsString(options),
    Length(min, max, {
      ...options,
      message: min === 0 ? `must be at most ${max} characters` : `must be ${min} to ${max} characters`,
    }),
    ValidateBy(
      {
        name: 'isStorableText',
        validator: {
          validate: (value: unknown) =>
            typeof value === 'string' &&
            !value.includes('\u0000') &&
            value.isWellFormed() &&
            (min === 0 || value.replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '') !== ''),
          defaultMessage: () => 'must not be blank, nor contain NUL characters or unpaired surrogates',
        },
      },
      options,
    ),
  );
}
