import type { MeaningConflict } from './claim-match';
import { words } from './match-terms';

const negations = new Set([
  'not',
  'no',
  'never',
  'none',
  'nobody',
  'nothing',
  'neither',
  'nor',
  'without',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'wont',
  'wouldnt',
  'shouldnt',
  'couldnt',
  'hasnt',
  'havent',
  'hadnt',
]);

/** How much each conflict takes off a match's score: two conflicts leave a little over half. */
export const conflictPenalty = 0.75;

/**
 * What word overlap hides: numbers the two texts both state but differently
 * ("600" vs "6"; a number only one of them states is no conflict, a restatement
 * often leaves numbers out), and a negation one carries and the other lacks
 * ("did" vs "did not"). Each conflict found lowers a match's score by
 * {@link conflictPenalty} and is shown beside the match.
 */
export function meaningConflicts(query: string, claim: string): MeaningConflict[] {
  const conflicts: MeaningConflict[] = [];
  const queryWords = words(query);
  const claimWords = words(claim);

  const queryNumbers = numbersOf(queryWords);
  const claimNumbers = numbersOf(claimWords);
  if (queryNumbers.length > 0 && claimNumbers.length > 0) {
    const onlyInQuery = queryNumbers.filter((n) => !claimNumbers.includes(n));
    const onlyInClaim = claimNumbers.filter((n) => !queryNumbers.includes(n));
    if (onlyInQuery.length > 0 && onlyInClaim.length > 0) {
      conflicts.push({ kind: 'number', query: onlyInQuery.join(', '), claim: onlyInClaim.join(', ') });
    }
  }

  const queryNegation = negationOf(query);
  const claimNegation = negationOf(claim);
  if ((queryNegation === null) !== (claimNegation === null)) {
    conflicts.push({ kind: 'negation', query: queryNegation, claim: claimNegation });
  }
  return conflicts;
}

/** Distinct numbers in text order, as written without separators (1,200 → 1200; 3.50 stays). */
function numbersOf(folded: string[]): string[] {
  return [...new Set(folded.filter((word) => /^\d+(?:\.\d+)?$/.test(word)).map(canonicalNumber))];
}

function canonicalNumber(word: string): string {
  return word.includes('.') ? word.replace(/\.?0+$/, '') : word.replace(/^0+(?=\d)/, '');
}

/**
 * The negation a text carries, as written ("did not", "didn’t", "never"), or
 * null: an odd number of negating words negates, an even one ("not without")
 * does not. A bare "not" or "no" is shown with the word before it.
 */
function negationOf(text: string): string | null {
  const written = text.match(/[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)?/gu) ?? [];
  const found: string[] = [];
  written.forEach((word, index) => {
    const folded = word.toLowerCase().replace(/['\u2019]/g, '');
    if (!negations.has(folded)) return;
    const previous = written[index - 1];
    found.push((folded === 'not' || folded === 'no') && previous !== undefined ? `${previous} ${word}` : word);
  });
  return found.length % 2 === 1 ? found.join(', ') : null;
}
