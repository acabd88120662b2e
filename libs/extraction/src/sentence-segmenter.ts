import { type ParagraphSpan, splitParagraphs } from './paragraph-split';
import { findQuotes, isQuoteMark, type QuoteSpan } from './quote-finder';
import type { TextSpan } from './statement';

/** A sentence with the paragraph it belongs to. */
export interface SentenceSpan extends TextSpan {
  paragraph: number;
}

/** Titles stand before a name: a period after one never ends a sentence. */
const titles = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'mx',
  'prof',
  'sen',
  'gov',
  'rep',
  'st',
  'gen',
  'col',
  'lt',
  'capt',
  'cpt',
  'sgt',
  'maj',
  'adm',
  'cmdr',
  'rev',
  'hon',
  'fr',
  'messrs',
  'mt',
  'ft',
  'pres',
  'supt',
  'insp',
  'det',
  'atty',
  'amb',
  'gov',
  'lt.-gen',
  'brig',
  'cllr',
  'rt',
]);

/** Abbreviations that never end a sentence, whatever follows. */
const neverFinal = new Set(['e.g', 'i.e', 'vs', 'v', 'cf', 'approx', 'viz', 'ca', 'incl', 'esp']);

/** Abbreviations that stand before a number ("No. 10", "Jan. 5"): they end no sentence before a digit. */
const beforeNumber = new Set([
  'no',
  'nos',
  'vol',
  'fig',
  'p',
  'pp',
  'art',
  'sec',
  'ch',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** Abbreviations that may end a sentence: they do only when a word that usually opens one follows. */
const mayBeFinal = new Set([
  'u.s',
  'u.k',
  'u.n',
  'e.u',
  'u.s.a',
  'inc',
  'ltd',
  'co',
  'corp',
  'jr',
  'sr',
  'a.m',
  'p.m',
  'etc',
  'dept',
  'univ',
  'assn',
  'bros',
  'plc',
  'llc',
  'ph.d',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'est',
  'govt',
  'intl',
  'natl',
  'mln',
  'bn',
  'mn',
  'yr',
  'yrs',
  'approx',
]);

/** Words that open most sentences and seldom follow an abbreviation inside one ("the U.S. The president…"). */
const sentenceOpeners = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'but',
  'and',
  'or',
  'in',
  'on',
  'at',
  'for',
  'this',
  'that',
  'these',
  'those',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
  'there',
  'when',
  'while',
  'after',
  'before',
  'however',
  'meanwhile',
  'still',
  'yet',
  'so',
  'if',
  'as',
  'according',
  'some',
  'many',
  'most',
  'other',
  'others',
  'one',
  'two',
  'last',
  'since',
  'despite',
  'although',
  'though',
  'officials',
  'critics',
  'what',
  'who',
  'why',
  'how',
  'no',
  'not',
  'also',
  'then',
  'now',
  'both',
  'each',
  'all',
  'such',
  'under',
  'with',
  'by',
  'from',
  'during',
  'until',
]);

const terminators = '.!?\u2026';
const closers = new Set(['"', '\u201D', '\u201C', '\u00BB', '\u00AB', '\u203A', '\u2019', "'", ')', ']']);
const abbreviationBefore = /(?:^|[^\p{L}\p{N}.])((?:\p{L}+\.)*\p{L}+)$/u;
const upperOrDigit = /[\p{Lu}\p{N}]/u;
/** Emoji and other symbols open no word, so one after a full stop starts the next sentence. */
const symbol = /[\p{So}\p{Cs}]/u;
const wordAfter = /^[\p{L}]+/u;
const whitespace = /\s/u;

/** Whether the period at `at` (not the first of an ellipsis) can end a sentence, judged by the word before it. */
function periodEnds(text: string, at: number, from: number, nextWord: string, nextIsDigit: boolean): boolean {
  const before = abbreviationBefore.exec(text.slice(Math.max(from, at - 24), at));
  if (before === null) return true;
  const word = before[1]!;
  const lower = word.toLowerCase();
  // An initial ("J. R. Smith") or a title before a name.
  if (word.length === 1 && upperOrDigit.test(word)) return false;
  if (titles.has(lower) || neverFinal.has(lower)) return false;
  if (nextIsDigit && beforeNumber.has(lower)) return false;
  if (mayBeFinal.has(lower) || (lower.includes('.') && word.length <= 8)) {
    return sentenceOpeners.has(nextWord.toLowerCase());
  }
  return true;
}

/** Whether offset `at` lies inside the marks of one of the paragraph's quotes. */
function insideQuote(quotes: readonly QuoteSpan[], at: number): boolean {
  for (const quote of quotes) {
    if (quote.open < at && at < quote.outerEnd - (quote.close === null ? 0 : 1)) return true;
  }
  return false;
}

/**
 * Sentences of one paragraph. A sentence ends at . ! ? … followed by space
 * and a capital, a digit or an opening mark; closing marks right after the
 * punctuation belong to the sentence they close.
 */
export function segmentParagraph(text: string, paragraph: ParagraphSpan, quotes: readonly QuoteSpan[]): SentenceSpan[] {
  const { start: from, end: to } = paragraph;
  const sentences: SentenceSpan[] = [];
  let sentenceStart = from;
  const push = (end: number): void => {
    let start = sentenceStart;
    while (start < end && whitespace.test(text[start]!)) start++;
    let stop = end;
    while (stop > start && whitespace.test(text[stop - 1]!)) stop--;
    if (stop > start) sentences.push({ start, end: stop, text: text.slice(start, stop), paragraph: paragraph.index });
    sentenceStart = end;
  };
  for (let at = from; at < to; at++) {
    if (!terminators.includes(text[at]!)) continue;
    let last = at;
    while (last + 1 < to && terminators.includes(text[last + 1]!)) last++;
    let end = last + 1;
    while (end < to && (closers.has(text[end]!) || terminators.includes(text[end]!))) end++;
    if (end >= to) break;
    if (!whitespace.test(text[end]!)) {
      at = last;
      continue;
    }
    let next = end;
    while (next < to && whitespace.test(text[next]!)) next++;
    let first = next;
    if (isQuoteMark(text[first]) || text[first] === '(' || text[first] === '[') {
      first++;
      while (first < to && whitespace.test(text[first]!)) first++;
    }
    const nextCharacter = text[first] ?? '';
    const ellipsis = last > at || text[at] === '\u2026';
    let ends = upperOrDigit.test(nextCharacter) || symbol.test(nextCharacter);
    // An ellipsis inside a quote marks a pause, unless the quote closes right after it.
    if (ends && ellipsis && end === last + 1 && insideQuote(quotes, at)) ends = false;
    if (ends && text[at] === '.' && last === at) {
      const nextWord = wordAfter.exec(text.slice(first, first + 24))?.[0] ?? '';
      ends = periodEnds(text, at, from, nextWord, /\p{N}/u.test(nextCharacter));
    }
    if (ends) push(end);
    at = end - 1;
  }
  push(to);
  return sentences;
}

/**
 * Splits an article's plain text into sentences with their UTF-16 offsets
 * (`text.slice(start, end)` is the sentence). A sentence never crosses a
 * paragraph break (a blank line); abbreviations, titles, initials, decimals
 * and ellipses inside quotes do not end one.
 */
export function segmentSentences(text: string): TextSpan[] {
  const paragraphs = splitParagraphs(text);
  const quotes = findQuotes(text, paragraphs);
  return paragraphs.flatMap((paragraph) =>
    segmentParagraph(
      text,
      paragraph,
      quotes.filter((quote) => quote.paragraph === paragraph.index),
    ).map(({ start, end, text: sentence }) => ({ start, end, text: sentence })),
  );
}
