import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/**
 * Words that carry no subject: English stop words, plus what social posts add
 * around a claim (retweet markers, "via", picture links). Negations are stop
 * words here too: the meaning guard, not the ranking, deals with them.
 */
const stopWords = new Set([...eng, 'rt', 'via', 'amp', 'pic', 'twitter', 'com', 'http', 'https', 'www']);

/** Stems repeat across millions of claims; the vocabulary is small, the words many. */
const stems = new Map<string, string>();
const stemCacheLimit = 200_000;

/**
 * The terms a text is matched on, in text order: social-post clutter removed
 * (links; the words inside @handles and #hashtags kept, split at their
 * capitals), Unicode and case folded, stop words dropped, the rest reduced to
 * their Porter stems, so "cuts", "cut" and "cutting" meet.
 */
export function matchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(unclutter(text))) {
    if (stopWords.has(word)) continue;
    terms.push(stemOf(word));
  }
  return terms;
}

/** The folded words of a text, stop words included (numbers keep their digits: 1,200 → 1200). */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\bu\.s\.(?:a\.)?/g, 'usa')
    .replace(/(\p{L})['\u2019](\p{L})/gu, '$1$2')
    .replace(/(\d)[,.](?=\d{3}\b)/g, '$1')
    .split(/[^\p{L}\p{N}.]+|\.(?!\d)/u)
    .filter((word) => word !== '');
}

/**
 * A post as a claim: links dropped, a trailing "— Name (@handle) Month d, yyyy"
 * signature kept for its name but not its date, and handles and hashtags
 * turned into their words (@realDonaldTrump → real Donald Trump).
 */
function unclutter(text: string): string {
  return text
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/\bpic\.twitter\.com\/\S+/gi, ' ')
    .replace(/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4}\s*$/, ' ')
    .replace(/[@#](\w+)/g, (_, tag: string) => ` ${splitCapitals(tag)} `);
}

function splitCapitals(tag: string): string {
  return tag
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2');
}

function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = /\p{N}/u.test(word) ? word : stemmer(word);
    if (stems.size >= stemCacheLimit) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}
