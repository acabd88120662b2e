import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, fieldProblem, predicateOf, sentence, type FieldProblem } from '@claimdesk/errors';
import { flatten, validatorOptions } from '../problem/validation.pipe';

/** What a form page shows after a failed post: the summary at the top and each field's message. */
export interface FormErrors {
  /** In form order: the field's element id (the summary links to it) and the message. */
  list: { id: string; message: string }[];
  byField: Record<string, string>;
}

/**
 * A form field's label and element id, by the request field it fills, and
 * what to say when a required one was left empty (instead of the validator's
 * list of allowed values).
 */
export type FormFields = Record<string, { id: string; label: string; missing?: string }>;

export const noErrors: FormErrors = { list: [], byField: {} };

/**
 * Validates what a form sent with the API's own request class and rules, so a
 * form can never accept what the API refuses. The input is built by the page
 * from named form fields; extra fields (the CSRF token) are not part of it.
 */
export async function validateForm<T extends object>(
  type: Type<T>,
  input: Record<string, unknown>,
): Promise<{ value: T; problems?: undefined } | { value?: undefined; problems: FieldProblem[] }> {
  const value = plainToInstance(type, input);
  const errors = await validate(value, validatorOptions);
  return errors.length === 0 ? { value } : { problems: flatten(errors) };
}

/**
 * Field problems (from validation or from a service's DomainError) as the
 * sentences a form shows, keyed by the request field and linked to the
 * element; one message per field, the first. A sentence that names its field
 * ("Text must be 1–5000 characters.") names it by the form's label instead
 * ("Claim must be 1–5000 characters."); one of its own ("No user has this
 * email.") is kept whole. A field `filled` says was left empty gets its
 * `missing` message. A list item's problem (`tags[2]`) belongs to its list's
 * field; problems on unknown fields go to the first field, so nothing is
 * silently dropped.
 */
export function formErrors(
  problems: readonly FieldProblem[],
  fields: FormFields,
  filled: (field: string) => boolean = () => true,
): FormErrors {
  const names = Object.keys(fields);
  const byField: Record<string, string> = {};
  for (const problem of problems) {
    const listField = problem.field.replace(/\[\d+\]$/, '');
    const known = names.find((candidate) => candidate === problem.field || candidate === listField);
    const name = known ?? names[0]!;
    const { label, missing } = fields[name]!;
    const predicate = known === undefined ? undefined : predicateOf(problem);
    byField[name] ??=
      known !== undefined && missing !== undefined && !filled(name)
        ? sentence(`${label} ${missing}`)
        : predicate === undefined
          ? problem.message
          : `${label} ${predicate}`;
  }
  const list = names
    .filter((name) => byField[name] !== undefined)
    .map((name) => ({ id: fields[name]!.id, message: byField[name]! }));
  return { list, byField };
}

/** A problem moved onto another field of the form, named as that field when it named its own. */
export function movedTo(problem: FieldProblem, field: string): FieldProblem {
  const predicate = predicateOf(problem);
  return predicate === undefined ? { field, message: problem.message } : fieldProblem(field, predicate);
}

/** The fixed message a `?done=` key names, or undefined: the query itself is never shown. */
export function confirmationOf(messages: Readonly<Record<string, string>>, done: unknown): string | undefined {
  return typeof done === 'string' && Object.hasOwn(messages, done) ? messages[done] : undefined;
}

/** A page cursor from the query string: only a single string of sane length is passed on. */
export function cursorOf(cursor: unknown): string | undefined {
  return typeof cursor === 'string' && cursor !== '' && cursor.length <= 200 ? cursor : undefined;
}

/** The field problems of an invalid-input DomainError, or undefined for any other error. */
export function problemsOf(error: unknown): FieldProblem[] | undefined {
  if (!(error instanceof DomainError) || error.kind !== 'invalid') return undefined;
  return error.details.errors?.length ? error.details.errors : [{ field: '(form)', message: sentence(error.message) }];
}

/** A text field from a parsed form: trimmed, with an empty one read as absent. */
export function textField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  const text: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Every value a form sent under `name` (checkbox groups, multi-selects), trimmed, without empty ones. */
export function listField(body: unknown, name: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const value = (body as Record<string, unknown>)[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values
    .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    .map((item) => item.trim());
}
