/**
 * Text prepared for comparison: whitespace collapsed, typographic quotes and
 * dashes made plain, diacritics removed, lower-cased, with every character
 * mapped back to the UTF-16 range it came from in the original.
 */
export interface ComparableText {
  /** The normalised text. */
  readonly text: string;
  /** For each character of `text`, where its source character starts in the original. */
  readonly starts: Uint32Array;
  /** For each character of `text`, where its source character ends in the original. */
  readonly ends: Uint32Array;
}

/** A word of a {@link ComparableText}: its normalised form and its range in the original. */
export interface Word {
  readonly norm: string;
  readonly start: number;
  readonly end: number;
}

const singleQuotes = /[\u2018\u2019\u201A\u201B\u2032\u2035\u0060\u00B4]/u;
const doubleQuotes = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u301D\u301E]/u;
const dashes = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/u;
const combiningMark = /\p{M}/gu;
const whitespace = /\s/u;
/** Invisible formatting (soft hyphens, zero-width spaces and joiners, BOM): dropped. */
const invisible = /\p{Cf}/u;

function normalizeCharacter(character: string): string {
  if (invisible.test(character)) return '';
  if (singleQuotes.test(character)) return "'";
  if (doubleQuotes.test(character)) return '"';
  if (dashes.test(character)) return '-';
  const normalized = character.normalize('NFKD').replace(combiningMark, '').toLowerCase();
  // Spacing accents (¨, ´ as characters of their own) decompose to a space and a mark: nothing to compare.
  return normalized.trim() === '' ? '' : normalized;
}

/** Normalises `original` for comparison, keeping the way back to its offsets. */
export function toComparable(original: string): ComparableText {
  const units: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let afterSpace = true;
  let index = 0;
  for (const character of original) {
    const end = index + character.length;
    if (whitespace.test(character) && !invisible.test(character)) {
      if (!afterSpace) {
        units.push(' ');
        starts.push(index);
        ends.push(end);
        afterSpace = true;
      }
    } else {
      const normalized = normalizeCharacter(character);
      if (normalized === '' && !afterSpace && ends.length > 0) {
        // A combining mark or invisible character belongs to the character before it.
        ends[ends.length - 1] = end;
      }
      // One entry per UTF-16 unit, so indices into the normalised text stay aligned.
      for (let unit = 0; unit < normalized.length; unit++) {
        units.push(normalized[unit]!);
        starts.push(index);
        ends.push(end);
        afterSpace = false;
      }
    }
    index = end;
  }
  if (units.at(-1) === ' ') {
    units.pop();
    starts.pop();
    ends.pop();
  }
  return { text: units.join(''), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

const wordPattern = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** The words of a comparable text, with their ranges in the original. */
export function wordsOf(comparable: ComparableText): Word[] {
  const words: Word[] = [];
  for (const match of comparable.text.matchAll(wordPattern)) {
    const first = match.index;
    const last = first + match[0].length - 1;
    words.push({ norm: match[0], start: comparable.starts[first]!, end: comparable.ends[last]! });
  }
  return words;
}
