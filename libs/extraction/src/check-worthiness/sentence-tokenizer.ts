/**
 * Words, numbers and a few marks of a sentence, lower-cased. Numbers become
 * their shape (`<num>`, `<pct>`, `<money>`, `<year>`, `<decade>`, `<ord>`)
 * so that "4.2 percent" and "17 percent" teach the model the same thing.
 */
const token =
  /[$€£¥]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?(?:\s?%|(?:st|nd|rd|th|s)\b)?|\p{L}[\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)*|[?!"“”«»„]/gu;
const quoteMarks = new Set(['"', '“', '”', '«', '»', '„']);
const year = /^(?:1[89]|20)\d\d$/;
const percentWords = new Set(['percent', 'per', 'pct']);
const currencyWords = new Set(['dollars', 'euros', 'pounds', 'cents', 'yen', 'francs', 'kroner']);

function numberShape(raw: string, next: string | undefined): string {
  if (/^[$€£¥]/.test(raw)) return '<money>';
  if (raw.endsWith('%')) return '<pct>';
  if (/^\d{4}s$/.test(raw)) return '<decade>';
  if (/\d(?:st|nd|rd|th)$/.test(raw)) return '<ord>';
  if (next !== undefined && percentWords.has(next)) return '<pct>';
  if (next !== undefined && currencyWords.has(next)) return '<money>';
  if (year.test(raw)) return '<year>';
  return '<num>';
}

/** The tokens of a sentence, in order; see the file comment for number shapes. */
export function tokenize(sentence: string): string[] {
  const raw = sentence.toLowerCase().match(token) ?? [];
  const tokens: string[] = [];
  for (let at = 0; at < raw.length; at++) {
    const word = raw[at]!;
    if (/^[$€£¥\d]/.test(word)) tokens.push(numberShape(word, raw[at + 1]));
    else if (word === '?') tokens.push('<question>');
    else if (word === '!') tokens.push('<exclamation>');
    else if (quoteMarks.has(word)) tokens.push('<quote>');
    else tokens.push(word.replace(/’/g, "'"));
  }
  return tokens;
}
