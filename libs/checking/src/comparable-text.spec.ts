import { type ComparableText, toComparable, type Word, wordsOf } from './comparable-text';

/** For each UTF-16 unit of the comparable text: the unit, and the slice of the original it came from. */
function mapping(original: string, comparable: ComparableText = toComparable(original)): [string, string][] {
  return comparable.text
    .split('')
    .map((unit, index) => [unit, original.slice(comparable.starts[index], comparable.ends[index])]);
}

/** Words as [norm, the original's spelling]. */
const spelled = (original: string, words: Word[]): [string, string][] =>
  words.map((word) => [word.norm, original.slice(word.start, word.end)]);

const words = (original: string): Word[] => wordsOf(toComparable(original));

describe('toComparable', () => {
  it('maps every character of plain text back to itself', () => {
    const comparable = toComparable('Vote no');
    expect(comparable.text).toBe('vote no');
    expect(Array.from(comparable.starts)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(comparable.ends)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('has one start and one end per character of the text', () => {
    const comparable = toComparable('  Señor Müller’s “ﬁnal” offer — 2019–2023…\n');
    expect(comparable.starts).toHaveLength(comparable.text.length);
    expect(comparable.ends).toHaveLength(comparable.text.length);
  });

  it('collapses a run of whitespace into one space mapped to the first whitespace character', () => {
    const original = 'strike\n\n \t\u00A0 \r\nvote';
    const comparable = toComparable(original);
    expect(comparable.text).toBe('strike vote');
    expect(comparable.starts[6]).toBe(6);
    expect(comparable.ends[6]).toBe(7);
    // The next word maps back past the whole run.
    expect(comparable.starts[7]).toBe(original.indexOf('vote'));
  });

  it('treats tabs, newlines, non-breaking, em and line-separator characters as whitespace', () => {
    expect(toComparable('a\tb\nc\u00A0d\u2003e\u2028f\u202Fg').text).toBe('a b c d e f g');
  });

  it('drops invisible format characters, their range going to the character before them', () => {
    // Soft hyphen, zero-width space, zero-width joiner, word joiner.
    const original = 'co\u00ADoperate non\u200Bstop re\u200Dopen under\u2060way';
    const comparable = toComparable(original);
    expect(comparable.text).toBe('cooperate nonstop reopen underway');
    expect(comparable.starts).toHaveLength(comparable.text.length);
    expect(mapping(original, comparable).slice(0, 4)).toEqual([
      ['c', 'c'],
      ['o', 'o\u00AD'],
      ['o', 'o'],
      ['p', 'p'],
    ]);
    expect(spelled(original, words(original))).toEqual([
      ['cooperate', 'co\u00ADoperate'],
      ['nonstop', 'non\u200Bstop'],
      ['reopen', 're\u200Dopen'],
      ['underway', 'under\u2060way'],
    ]);
  });

  it('gives an invisible character at the start of the text or after a space to no character', () => {
    const original = '\u200Bvote \u00ADno';
    const comparable = toComparable(original);
    expect(comparable.text).toBe('vote no');
    expect(mapping(original, comparable)).toEqual([
      ['v', 'v'],
      ['o', 'o'],
      ['t', 't'],
      ['e', 'e'],
      [' ', ' '],
      ['n', 'n'],
      ['o', 'o'],
    ]);
  });

  // JavaScript's \s includes U+FEFF, a format character: it must still be dropped, not made a space.
  it('drops a BOM (U+FEFF) like the other invisible characters', () => {
    const original = 'under\uFEFFway';
    expect(toComparable(original).text).toBe('underway');
    expect(spelled(original, words(original))).toEqual([['underway', original]]);
  });

  it('trims leading and trailing whitespace, keeping the offsets of what is left', () => {
    const original = ' \n\t Mayor resigns \u00A0\n';
    const comparable = toComparable(original);
    expect(comparable.text).toBe('mayor resigns');
    expect(comparable.starts[0]).toBe(original.indexOf('M'));
    expect(comparable.ends.at(-1)).toBe(original.indexOf('s \u00A0') + 1);
  });

  it('gives empty text and no offsets for an empty or whitespace-only string', () => {
    for (const original of ['', ' ', '\n\t\u00A0 \r\n']) {
      const comparable = toComparable(original);
      expect(comparable.text).toBe('');
      expect(comparable.starts).toHaveLength(0);
      expect(comparable.ends).toHaveLength(0);
    }
  });

  it('lower-cases', () => {
    expect(toComparable('WE WILL NOT Back Down').text).toBe('we will not back down');
  });

  it('removes diacritics from precomposed letters, one character each', () => {
    const original = 'Señor Ibáñez, Müller, Plaça, naïve';
    expect(toComparable(original).text).toBe('senor ibanez, muller, placa, naive');
    expect(mapping(original).slice(0, 5)).toEqual([
      ['s', 'S'],
      ['e', 'e'],
      ['n', 'ñ'],
      ['o', 'o'],
      ['r', 'r'],
    ]);
  });

  it('drops combining marks, the base letter’s range taking them in', () => {
    const original = 'Zu\u0308rich';
    const comparable = toComparable(original);
    expect(comparable.text).toBe('zurich');
    expect(mapping(original, comparable)).toEqual([
      ['z', 'Z'],
      ['u', 'u\u0308'],
      ['r', 'r'],
      ['i', 'i'],
      ['c', 'c'],
      ['h', 'h'],
    ]);
    expect(comparable.starts[2]).toBe(3);
  });

  it('makes typographic single and double quotes plain', () => {
    expect(toComparable('‘it’s’ “done” «fini» „so“ ‛x′ ″y‶ `z´').text).toBe(`'it's' "done" "fini" "so" 'x' "y" 'z'`);
  });

  it('makes hyphens, dashes and minus signs plain', () => {
    expect(toComparable('a‐b‑c‒d–e—f―g−h﹘i﹣j－k-l').text).toBe('a-b-c-d-e-f-g-h-i-j-k-l');
  });

  it('maps both letters of a ligature to the ligature’s range', () => {
    const original = 'the ﬁnal ﬂoor';
    const comparable = toComparable(original);
    expect(comparable.text).toBe('the final floor');
    expect([comparable.starts[4], comparable.ends[4]]).toEqual([4, 5]);
    expect([comparable.starts[5], comparable.ends[5]]).toEqual([4, 5]);
    expect(mapping(original, comparable).slice(4, 9)).toEqual([
      ['f', 'ﬁ'],
      ['i', 'ﬁ'],
      ['n', 'n'],
      ['a', 'a'],
      ['l', 'l'],
    ]);
    expect(mapping('ﬄ')).toEqual([
      ['f', 'ﬄ'],
      ['f', 'ﬄ'],
      ['l', 'ﬄ'],
    ]);
  });

  it('expands other compatibility characters (ellipsis, full-width letters) to the same range', () => {
    expect(mapping('wait…')).toEqual([
      ['w', 'w'],
      ['a', 'a'],
      ['i', 'i'],
      ['t', 't'],
      ['.', '…'],
      ['.', '…'],
      ['.', '…'],
    ]);
    expect(toComparable('ＢＢＣ').text).toBe('bbc');
  });

  it('maps astral letters that normalise to plain ones to both of their UTF-16 units', () => {
    const original = '𝐁𝐢𝐠 news';
    const comparable = toComparable(original);
    expect(comparable.text).toBe('big news');
    expect(Array.from(comparable.starts.slice(0, 4))).toEqual([0, 2, 4, 6]);
    expect(Array.from(comparable.ends.slice(0, 4))).toEqual([2, 4, 6, 7]);
  });

  it('keeps starts and ends in step with the text after an emoji', () => {
    const original = '😀 ok';
    const comparable = toComparable(original);
    expect(comparable.text).toBe('😀 ok');
    expect(comparable.starts).toHaveLength(comparable.text.length);
    expect(comparable.starts[comparable.text.indexOf('o')]).toBe(original.indexOf('o'));
    // Both units of the emoji map to the whole emoji.
    expect(mapping(original, comparable).slice(0, 2)).toEqual([
      ['\uD83D', '😀'],
      ['\uDE00', '😀'],
    ]);
  });

  it('keeps punctuation and symbols', () => {
    expect(toComparable('£48m, (up 3.5%)!').text).toBe('£48m, (up 3.5%)!');
  });
});

describe('wordsOf', () => {
  it('gives each word’s normalised form and its range in the original', () => {
    const original = 'Don’t  stop, Mr. Okafor!';
    expect(words(original)).toEqual([
      { norm: "don't", start: 0, end: 5 },
      { norm: 'stop', start: 7, end: 11 },
      { norm: 'mr', start: 13, end: 15 },
      { norm: 'okafor', start: 17, end: 23 },
    ]);
  });

  it('splits at hyphens, dashes and punctuation inside numbers', () => {
    const original = 'well‐known 2019–2023 figures: £48.5m';
    expect(spelled(original, words(original))).toEqual([
      ['well', 'well'],
      ['known', 'known'],
      ['2019', '2019'],
      ['2023', '2023'],
      ['figures', 'figures'],
      ['48', '48'],
      ['5m', '5m'],
    ]);
  });

  it('keeps an apostrophe only between letters', () => {
    const original = `'Tis the drivers’ union's 'final' word`;
    expect(words(original).map((word) => word.norm)).toEqual(['tis', 'the', 'drivers', "union's", 'final', 'word']);
  });

  it('gives words in the original spelling, accents, quotes and ligatures included', () => {
    const original = '“Señor Ibáñez’s ﬁnal offer,” Zu\u0308rich';
    expect(spelled(original, words(original))).toEqual([
      ['senor', 'Señor'],
      ["ibanez's", 'Ibáñez’s'],
      ['final', 'ﬁnal'],
      ['offer', 'offer'],
      ['zurich', 'Zu\u0308rich'],
    ]);
  });

  it('maps a word of astral letters to all its UTF-16 units', () => {
    const original = 'read 𝐁𝐢𝐠 news';
    expect(spelled(original, words(original))).toEqual([
      ['read', 'read'],
      ['big', '𝐁𝐢𝐠'],
      ['news', 'news'],
    ]);
  });

  it('includes a word’s trailing combining marks in its range', () => {
    const original = 'cafe\u0301 open';
    expect(spelled(original, words(original))).toEqual([
      ['cafe', 'cafe\u0301'],
      ['open', 'open'],
    ]);
  });

  it('finds no words in empty, whitespace-only or punctuation-only text', () => {
    expect(words('')).toEqual([]);
    expect(words(' \n\t ')).toEqual([]);
    expect(words('… — “” !?')).toEqual([]);
  });
});
