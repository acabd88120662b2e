/**
 * The comparable form of a claim's text: Unicode-compatible forms folded,
 * diacritics and case dropped, typographic quotes and dashes made plain,
 * punctuation turned into spaces (a digit separator becomes `.`, so 1,200 and
1.200 agree), whitespace collapsed. Two texts that say the
 * same thing in different typography normalise to the same string.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Co}/gu, '')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/(\p{L})'(\p{L})/gu, '$1$2')
    .replace(/(\d)[.,](?=\d)/gu, '$1\ue000')
    .replace(/[^\p{L}\p{N}%\ue000]+/gu, ' ')
    .replace(/\ue000/g, '.')
    .trim();
}
