import type Handlebars from 'handlebars';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/**
 * Helpers the templates share. Every one returns plain strings, which
 * Handlebars escapes; none returns a SafeString built from input.
 */
export function registerViewHelpers(handlebars: typeof Handlebars): void {
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('not', (a: unknown) => !a);
  /** The first truthy argument (or the last one), as `||` would: `title=(or custom "Default")` works. */
  handlebars.registerHelper('or', (...args: unknown[]) => {
    const values = args.slice(0, -1);
    return values.find(Boolean) ?? values.at(-1);
  });
  handlebars.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  /** `2026-11-27T17:40:00Z` → `27 Nov 2026, 17:40 UTC`; empty for no date. */
  handlebars.registerHelper('date', (value: unknown) => {
    if (value === null || value === undefined || value === '') return '';
    const date = value instanceof Date ? value : new Date(value as string);
    return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
  });
  /** The machine form of a date, for `<time datetime>`. */
  handlebars.registerHelper('isoDate', (value: unknown) => {
    if (value === null || value === undefined || value === '') return '';
    const date = value instanceof Date ? value : new Date(value as string);
    return Number.isNaN(date.getTime()) ? '' : date.toISOString();
  });
  /** `awaiting_approval` → `Awaiting approval`. (Helper names win over data: none may be called `label`, `value`…) */
  handlebars.registerHelper('humanize', (value: unknown) => {
    const text = typeof value === 'string' ? value.replaceAll('_', ' ') : '';
    return text.charAt(0).toUpperCase() + text.slice(1);
  });
  /** 0.8312 → `83%`. */
  handlebars.registerHelper('percent', (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? `${Math.round(value * 100)}%` : '',
  );
}
