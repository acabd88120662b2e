import { ValidateBy } from 'class-validator';

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * A calendar date (`2018-06-12`) or an RFC 3339 date-time with its offset
 * (`2018-06-12T09:30:00Z`) naming a moment that exists. The week, ordinal and
 * basic forms ISO 8601 also allows are refused: nothing downstream reads them.
 */
export function IsTimestamp(): PropertyDecorator {
  return ValidateBy({
    name: 'isTimestamp',
    validator: {
      validate: (value: unknown) => {
        const match = typeof value === 'string' ? rfc3339.exec(value) : null;
        if (match === null) return false;
        const [year, month, day, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = match
          .slice(1)
          .map((part) => (part === undefined ? undefined : Number(part)));
        const date = new Date(Date.UTC(year!, month! - 1, day));
        return (
          year! >= 1 &&
          date.getUTCFullYear() === year &&
          date.getUTCMonth() === month! - 1 &&
          date.getUTCDate() === day &&
          hour < 24 &&
          minute < 60 &&
          second < 60 &&
          offsetHours < 16 &&
          offsetMinutes < 60
        );
      },
      defaultMessage: () => 'must be a date (YYYY-MM-DD) or a date-time with its offset (YYYY-MM-DDThh:mm:ssZ)',
    },
  });
}
