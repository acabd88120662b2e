import type { ParagraphSpan } from './paragraph-split';

/** A direct quote found in the text: where its marks are and what they enclose. */
export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or null when the quote runs unclosed to the end of its paragraph. */
  close: number | null;
  /** Offset just past the quote, closing mark included (the paragraph's end for an unclosed quote). */
  outerEnd: number;
  /** The quoted words, without marks or surrounding whitespace: `text.slice(start, end)`. */
  start: number;
  end: number;
  /** Index of the paragraph the quote sits in. */
  paragraph: number;
  /** Opens its paragraph right after a paragraph whose last quote was left open: the same quote, continued. */
  continuation: boolean;
  /** How many words the quote holds. */
  words: number;
}

type Family = 'double' | 'angle' | 'single';
type Leaning = 'open' | 'close' | 'either';

/** Each mark's family (marks pair only within a family) and the direction it has when context says nothing. */
const marks: ReadonlyMap<string, { family: Family; leaning: Leaning }> = new Map([
  ['"', { family: 'double', leaning: 'either' }],
  ['\u201C', { family: 'double', leaning: 'open' }],
  ['\u201D', { family: 'double', leaning: 'close' }],
  ['\u201E', { family: 'double', leaning: 'open' }],
  ['\u201F', { family: 'double', leaning: 'open' }],
  ['\u00AB', { family: 'double', leaning: 'open' }],
  ['\u00BB', { family: 'double', leaning: 'close' }],
  ['\u2039', { family: 'angle', leaning: 'open' }],
  ['\u203A', { family: 'angle', leaning: 'close' }],
  ["'", { family: 'single', leaning: 'either' }],
  ['\u2018', { family: 'single', leaning: 'open' }],
  ['\u2019', { family: 'single', leaning: 'close' }],
  ['\u201A', { family: 'single', leaning: 'open' }],
  ['\u201B', { family: 'single', leaning: 'open' }],
]);

/** What may stand right before an opening mark. */
const beforeOpening = /[\s([{\u2014\u2013\-/:]/u;
/** What may stand right after a closing mark. */
const afterClosing = /[\s.,;:!?)\]}\u2014\u2013\-\u2026]/u;
const letterOrDigit = /[\p{L}\p{N}]/u;
const upperLetter = /\p{Lu}/u;
/** A decade written with an apostrophe ('90s), not a quote. */
const decade = /^\d\ds\b/;
const sentencePunctuation = /[.,!?\u2026;:]/u;
const wordPattern = /\S+/g;

/** Whether `character` is one of the quote marks this finder knows. */
export function isQuoteMark(character: string | undefined): boolean {
  return character !== undefined && marks.has(character);
}

function direction(text: string, at: number, from: number, to: number, leaning: Leaning): Leaning {
  const previous = at > from ? text[at - 1]! : ' ';
  const next = at + 1 < to ? text[at + 1]! : ' ';
  const spaceBefore = beforeOpening.test(previous) || isQuoteMark(previous);
  const spaceAfter = afterClosing.test(next) || isQuoteMark(next);
  if (spaceBefore && !spaceAfter) return 'open';
  if (!spaceBefore && spaceAfter) return 'close';
  return leaning;
}

/**
 * Where a single mark opened at `open` closes: the first mark after it that
 * ends a word, passing over a plural possessive ("the workers’ union") when a
 * clearer closing mark follows. -1 when none does.
 */
function singleClose(text: string, open: number, to: number): number {
  let possessive = -1;
  for (let at = open + 1; at < to; at++) {
    const mark = marks.get(text[at]!);
    if (mark?.family === 'double') break;
    if (mark?.family !== 'single') continue;
    const previous = text[at - 1]!;
    const next = at + 1 < to ? text[at + 1]! : ' ';
    if (/\s/u.test(previous) || letterOrDigit.test(next)) continue;
    if (sentencePunctuation.test(previous) || sentencePunctuation.test(next) || previous !== 's') return at;
    if (possessive < 0) possessive = at;
  }
  return possessive;
}

function countWords(text: string, start: number, end: number): number {
  return text.slice(start, end).match(wordPattern)?.length ?? 0;
}

/**
 * Finds the direct quotes of each paragraph. Marks pair whatever their
 * direction ("…", “…”, „…“, «…», »…«), the direction read from the spaces
 * around each mark; single marks count only when they clearly open and close
 * a quote, not when they are apostrophes. A mark left open runs to the end of
 * its paragraph; marks nested inside a quote belong to that quote.
 */
export function findQuotes(text: string, paragraphs: readonly ParagraphSpan[]): QuoteSpan[] {
  const quotes: QuoteSpan[] = [];
  let previousLeftOpen = false;
  for (const paragraph of paragraphs) {
    const { start: from, end: to } = paragraph;
    const firstOfParagraph = quotes.length;
    const add = (open: number, close: number | null): void => {
      let start = open + 1;
      let end = close ?? to;
      while (start < end && /\s/u.test(text[start]!)) start++;
      while (end > start && /\s/u.test(text[end - 1]!)) end--;
      if (end <= start) return;
      quotes.push({
        open,
        close,
        outerEnd: close === null ? to : close + 1,
        start,
        end,
        paragraph: paragraph.index,
        continuation: previousLeftOpen && open === from && quotes.length === firstOfParagraph,
        words: countWords(text, start, end),
      });
    };

    let openAt = -1;
    let openFamily: Family | null = null;
    for (let at = from; at < to; at++) {
      const mark = marks.get(text[at]!);
      if (mark === undefined) continue;
      const leaning = direction(text, at, from, to, mark.leaning);
      if (openFamily !== null) {
        if (mark.family === openFamily && leaning !== 'open') {
          add(openAt, at);
          openFamily = null;
        } else if (mark.family === openFamily && text[at] === text[openAt] && mark.leaning === 'either') {
          // Two straight marks facing the same way: still a pair.
          add(openAt, at);
          openFamily = null;
        }
        continue;
      }
      if (mark.family === 'single') {
        const next = at + 1 < to ? text[at + 1]! : ' ';
        const opens =
          leaning === 'open' &&
          letterOrDigit.test(next) &&
          !decade.test(text.slice(at + 1, at + 4)) &&
          (text[at] !== '\u2019' || upperLetter.test(next));
        if (!opens) continue;
        const close = singleClose(text, at, to);
        if (close >= 0) {
          add(at, close);
          at = close;
        } else if (at === from) {
          add(at, null);
          at = to;
        }
        continue;
      }
      // A straight double mark after a digit is inches or seconds.
      if (leaning === 'close' || (text[at] === '"' && at > from && /\d/.test(text[at - 1]!))) continue;
      openAt = at;
      openFamily = mark.family;
    }
    if (openFamily !== null) add(openAt, null);
    const last = quotes.length > firstOfParagraph ? quotes[quotes.length - 1] : undefined;
    previousLeftOpen = last !== undefined && last.close === null;
  }
  return quotes;
}
