import type { RuleFeatures } from '../statement';

/** Words and figures (with their currency sign, separators, decimals and per cent sign). */
const token = /[$€£¥]?\d+(?:[.,:]\d+)*(?:\s?%)?|\p{L}+(?:['’]\p{L}+)?/gu;
const figure = /^[$€£¥]?\d/;
/** A year in figures stands for a date, not a quantity. */
const year = /^(?:1[89]|20)\d\d$/;
const numberWords = new Set([
  ...['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen'],
  ...['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'],
  ...['hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'trillion'],
  ...['dozen', 'dozens', 'half', 'third', 'thirds', 'quarter', 'fifth', 'tenth', 'twice', 'double', 'triple'],
]);
const monthNames = new Set([
  ...['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november'],
  ...['december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'],
]);

const comparisonWords =
  /\b(?:more|less|fewer|higher|lower|highest|lowest|most|least|larger|largest|smaller|smallest|bigger|biggest|greater|greatest|doubled|tripled|halved|quadrupled|rose|risen|rising|rises|fell|fallen|falling|falls|increased|increases|decreased|decreases|declined|declines|dropped|drops|jumped|surged|soared|plunged|plummeted|slumped|grew|grown|shrank|than|record|records|since|compared|comparison|twice|times as|up from|down from|outpaced|overtook|exceeded|exceeds|surpassed|topped|ranked|ranks)\b/g;

/** Month names count when capitalised; "May" only beside a day, a year or a preposition of time. */
const months =
  /\b(?:January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/g;
const may = /\b(?:in|since|until|by|last|next|early|late|mid-?|of|from|through) May\b|\bMay \d|\d May\b/g;
const weekdays = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b/g;
const years = /(?<![\d.,])(?:1[89]|20)\d\d(?:s\b)?(?![\d.,]\d)|'\d0s\b/g;
const relativeDates =
  /\b(?:(?:last|this|next|previous|past) (?:year|month|week|decade|century|quarter|spring|summer|autumn|fall|winter|season)|yesterday|(?:a|one|two|three|five|ten|\d+) (?:years?|decades?|months?) ago|(?:first|second|third|fourth) quarter|fiscal year)\b/g;

const attributionWords =
  /\b(?:said|says|saying|according to|told|tells|stated|claimed|claims|claiming|announced|reported|wrote|writes|testified|tweeted|posted|insisted|insists|argued|argues|noted|added|confirmed|denied|explained|asserted|acknowledged|admitted|warned|estimated|recalled)\b/g;

function count(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}

/** A figure that is the day of a date ("May 4", "4 May") or a time of day ("3.42am", "7 p.m."). */
function dayOrTime(tokens: readonly string[], at: number): boolean {
  const [before, after, next] = [tokens[at - 1] ?? '', tokens[at + 1] ?? '', tokens[at + 2] ?? ''];
  const month = (word: string): boolean => monthNames.has(word) || word === 'may';
  return month(before) || month(after) || after === 'am' || after === 'pm' || (/^[ap]$/.test(after) && next === 'm');
}

/**
 * Quantities: figures (not years, days or times of day) and numbers in
 * words, a run like "3.1 million" or "two hundred and fifty" counting once.
 */
function countQuantities(lower: string): number {
  const tokens = lower.match(token) ?? [];
  let quantities = 0;
  let inRun = false;
  tokens.forEach((word, at) => {
    if (inRun && word === 'and') return;
    const quantity = figure.test(word) ? !year.test(word) && !dayOrTime(tokens, at) : numberWords.has(word);
    if (quantity && !inRun) quantities++;
    inRun = quantity;
  });
  return quantities;
}

/**
 * Rule features of one sentence for check-worthiness: how many quantities
 * (figures, numbers in words, percentages, money), comparison and trend
 * words, dates (years, months, weekdays, "last year") and attribution verbs
 * ("said", "according to") it holds. Each is a count, 0 when absent.
 */
export function ruleFeatures(sentence: string): RuleFeatures {
  const lower = sentence.toLowerCase();
  return {
    numbers: countQuantities(lower),
    comparison: count(comparisonWords, lower),
    date:
      count(years, sentence) +
      count(months, sentence) +
      count(may, sentence) +
      count(weekdays, sentence) +
      count(relativeDates, lower),
    attribution: count(attributionWords, lower),
  };
}
