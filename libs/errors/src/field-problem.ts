import type { FieldProblem } from './domain-error';

/** Words spelled in capitals wherever a field name holds them. */
const acronyms: Readonly<Record<string, string>> = { url: 'URL', urls: 'URLs', id: 'ID', ids: 'IDs', json: 'JSON' };

/** Fields whose words alone would not read as a subject. */
const subjects: Readonly<Record<string, string>> = { duplicateOf: 'The duplicate claim' };

/**
 * How a sentence names a field: `tags[2]` is "Tags", `claimant.name` is
 * "Claimant name", `appearance.sourceId` is "Appearance source ID"; a header
 * (`Idempotency-Key`) keeps its own spelling and `(body)` is "The request body".
 */
export function subjectOf(field: string): string {
  if (field === '(body)' || field === '') return 'The request body';
  if (field === '(form)') return 'The form';
  if (field.includes('-')) return field;
  if (Object.hasOwn(subjects, field)) return subjects[field]!;
  const words = field
    .replace(/\[\d+\]/g, '')
    .split('.')
    .flatMap((part) => part.split(/(?=[A-Z])/))
    .map((word) => word.toLowerCase())
    .filter((word) => word !== '');
  const text = words.map((word) => acronyms[word] ?? word).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A field's problem as one whole sentence that names the field: "Tags must be
 * 1–50 characters." from `('tags[3]', 'must be 1 to 50 characters')`. Number
 * ranges read with a dash, and the sentence ends with a full stop.
 */
export function fieldProblem(field: string, predicate: string): FieldProblem {
  return { field, message: sentence(`${subjectOf(field)} ${predicate}`) };
}

/** Text as a sentence: a capital first letter, `1 to 50` as `1–50`, and closing punctuation. */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/\b(\d+) to (\d+)\b/g, '$1–$2');
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * What a sentence from `fieldProblem` says of its field, without the field's
 * name ("must be 1–50 characters."), so a form can name the field by its own
 * label; undefined for a sentence that does not start with the field's name.
 */
export function predicateOf(problem: FieldProblem): string | undefined {
  const subject = `${subjectOf(problem.field)} `;
  return problem.message.startsWith(subject) ? problem.message.slice(subject.length) : undefined;
}
