import { diffArrays } from 'diff';
import { type ComparableText, toComparable, type Word, wordsOf } from './comparable-text';

/** Below this score a quote counts as `not_found`; at or above it, `approximate`. */
export const approximateThreshold = 0.6;

/**
 * The score of a quote whose words all match a passage of the source but whose
 * punctuation differs: close, but not the quote as written.
 */
export const punctuationOnlyScore = 0.999;

/**
 * One step of the word-level difference between the quote as cited and the
 * passage found: `removed` words are in the quote but not in the source,
 * `added` words are in the source but were left out of the quote.
 */
export interface DiffPart {
  op: 'equal' | 'removed' | 'added';
  text: string;
}

export type QuoteMatch =
  | { status: 'found'; score: 1; start: number; end: number; excerpt: string; diff: DiffPart[] }
  | {
      status: 'approximate' | 'not_found';
      score: number;
      start: number | null;
      end: number | null;
      excerpt: string | null;
      diff: DiffPart[];
    };

// Local alignment weights, in integers: a shared word gains, a different word
// or a skipped one costs. A skipped source word costs less than a different
// word so that a quote with a clause left out aligns with the whole passage
// rather than with its tail.
const matchGain = 4;
const mismatchCost = 3;
const gapCost = 1;

/**
 * Finds `quote` in `text`. `found` when it appears after normalising
 * whitespace, typographic quotes and dashes, case and diacritics. Otherwise
 * the passage that best aligns with the quote word by word is scored with
 * 2·(shared words) / (quote words + passage words): `approximate` at or above
 * {@link approximateThreshold}, else `not_found`. Offsets are UTF-16 indices
 * into `text`.
 */
export function checkQuote(quote: string, text: string): QuoteMatch {
  const source = toComparable(text);
  const cited = toComparable(quote);
  const quoteWords = wordsOf(cited);
  if (quoteWords.length === 0) return notFound([]);
  const exact = findExact(cited, source, text);
  if (exact !== null) return exact;
  const sourceWords = wordsOf(source);
  const window = bestWindow(quoteWords, sourceWords);
  if (window === null) return notFound(removedOnly(quoteWords, quote));
  let passage = sourceWords.slice(window.first, window.last + 1);
  let { diff, shared } = wordDiff(quoteWords, quote, passage, text);
  // Quote words left unmatched at either end were most likely changed, not
  // added: take in as many source words there, so the difference shows both.
  const leading = diff[0]?.op === 'removed' ? countWords(diff[0].text) : 0;
  const trailing = diff.at(-1)?.op === 'removed' ? countWords(diff.at(-1)!.text) : 0;
  if (leading > 0 || trailing > 0) {
    const first = Math.max(0, window.first - leading);
    passage = sourceWords.slice(first, Math.min(sourceWords.length, window.last + 1 + trailing));
    ({ diff, shared } = wordDiff(quoteWords, quote, passage, text));
  }
  const score = approximateScore(shared, quoteWords.length, passage.length);
  const start = passage[0]!.start;
  const end = passage.at(-1)!.end;
  return {
    status: score >= approximateThreshold ? 'approximate' : 'not_found',
    score,
    start,
    end,
    excerpt: text.slice(start, end),
    diff,
  };
}

/**
 * 2·shared / (quote words + passage words), to three decimals. A perfect
 * word match that was not found as written differs only in punctuation and
 * scores {@link punctuationOnlyScore}; anything else stays below it.
 */
function approximateScore(shared: number, quoteWords: number, passageWords: number): number {
  if (shared === quoteWords && shared === passageWords) return punctuationOnlyScore;
  const score = Math.round(((2 * shared) / (quoteWords + passageWords)) * 1000) / 1000;
  return Math.min(score, punctuationOnlyScore - 0.001);
}

function notFound(diff: DiffPart[]): QuoteMatch {
  return { status: 'not_found', score: 0, start: null, end: null, excerpt: null, diff };
}

function findExact(cited: ComparableText, source: ComparableText, text: string): QuoteMatch | null {
  // Quote marks or a full stop around the citation are not part of what was said.
  const needle = cited.text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (needle === '') return null;
  for (let at = source.text.indexOf(needle); at >= 0; at = source.text.indexOf(needle, at + 1)) {
    const after = at + needle.length;
    // A match must not start or end inside a word or number: "legal" is not in
    // "illegal", "they can" not in "they can't", "hit 3" not in "hit 3.5%".
    if (joinsPrevious(source.text, at) || joinsPrevious(source.text, after)) continue;
    const start = source.starts[at]!;
    const end = source.ends[after - 1]!;
    const excerpt = text.slice(start, end);
    return { status: 'found', score: 1, start, end, excerpt, diff: [{ op: 'equal', text: excerpt }] };
  }
  return null;
}

const wordCharacter = /[\p{L}\p{N}]/u;
const digit = /\p{N}/u;

/**
 * Whether the characters on either side of `at` belong to one word or
 * number: letters or digits touching, an apostrophe inside a word (can't),
 * or a decimal point or thousands separator inside a number (3.5, 2,300).
 */
function joinsPrevious(text: string, at: number): boolean {
  const before = text[at - 1];
  const after = text[at];
  if (before === undefined || after === undefined) return false;
  if (wordCharacter.test(before) && wordCharacter.test(after)) return true;
  const beforeThat = text[at - 2];
  const afterThat = text[at + 1];
  const inner = (left: string | undefined, mark: string, right: string | undefined, pattern: RegExp): boolean =>
    left !== undefined && right !== undefined && pattern.test(left) && pattern.test(right) && /^['.,]$/.test(mark);
  // The boundary falls just after or just before a joining mark.
  if (before === "'" || before === '.' || before === ',') {
    const pattern = before === "'" ? wordCharacter : digit;
    if (inner(beforeThat, before, after, pattern)) return true;
  }
  if (after === "'" || after === '.' || after === ',') {
    const pattern = after === "'" ? wordCharacter : digit;
    if (inner(before, after, afterThat, pattern)) return true;
  }
  return false;
}

function countWords(text: string): number {
  return wordsOf(toComparable(text)).length;
}

/**
 * The run of source words that best aligns with the quote (Smith–Waterman
 * over words), as indices of its first and last word; null when no word is
 * shared. Runs in O(quote words × source words) time and O(source words) memory.
 */
function bestWindow(quote: readonly Word[], source: readonly Word[]): { first: number; last: number } | null {
  const columns = source.length + 1;
  let previous = new Int32Array(columns);
  let current = new Int32Array(columns);
  let previousStart = new Int32Array(columns);
  let currentStart = new Int32Array(columns);
  let best = 0;
  let bestFirst = -1;
  let bestLast = -1;
  for (const word of quote) {
    current[0] = 0;
    for (let j = 1; j < columns; j++) {
      const same = source[j - 1]!.norm === word.norm;
      const diagonal = previous[j - 1]! + (same ? matchGain : -mismatchCost);
      const skipQuoteWord = previous[j]! - gapCost;
      const skipSourceWord = current[j - 1]! - gapCost;
      let score = 0;
      let start = j - 1;
      if (diagonal > score) {
        score = diagonal;
        start = previous[j - 1]! > 0 ? previousStart[j - 1]! : j - 1;
      }
      if (skipQuoteWord > score) {
        score = skipQuoteWord;
        start = previousStart[j]!;
      }
      if (skipSourceWord > score) {
        score = skipSourceWord;
        start = currentStart[j - 1]!;
      }
      current[j] = score;
      currentStart[j] = start;
      if (score > best && same) {
        best = score;
        bestFirst = start;
        bestLast = j - 1;
      }
    }
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
  }
  return best > 0 ? { first: bestFirst, last: bestLast } : null;
}

/** The word-level difference between the quote and the passage, in their own spellings. */
function wordDiff(
  quote: readonly Word[],
  quoteText: string,
  passage: readonly Word[],
  text: string,
): { diff: DiffPart[]; shared: number } {
  const changes = diffArrays(
    quote.map((word) => word.norm),
    passage.map((word) => word.norm),
  );
  const parts: DiffPart[] = [];
  let removed = 0;
  let inQuote = 0;
  let inPassage = 0;
  for (const change of changes) {
    const count = change.value.length;
    if (change.added === true) {
      parts.push({ op: 'added', text: spell(passage, inPassage, count, text) });
      inPassage += count;
    } else if (change.removed === true) {
      parts.push({ op: 'removed', text: spell(quote, inQuote, count, quoteText) });
      inQuote += count;
      removed += count;
    } else {
      parts.push({ op: 'equal', text: spell(passage, inPassage, count, text) });
      inQuote += count;
      inPassage += count;
    }
  }
  return { diff: parts, shared: inQuote - removed };
}

function removedOnly(quote: readonly Word[], quoteText: string): DiffPart[] {
  return [{ op: 'removed', text: spell(quote, 0, quote.length, quoteText) }];
}

/** `count` words from `from`, as written in the original (punctuation between them kept). */
function spell(words: readonly Word[], from: number, count: number, original: string): string {
  return original.slice(words[from]!.start, words[from + count - 1]!.end);
}
