import { splitParagraphs } from './paragraph-split';
import { findQuotes, type QuoteSpan } from './quote-finder';

function quotes(text: string): QuoteSpan[] {
  return findQuotes(text, splitParagraphs(text));
}

const words = (text: string): string[] => quotes(text).map(({ start, end }) => text.slice(start, end));

describe('findQuotes', () => {
  it('finds straight double quotes', () => {
    expect(words('"We will win," she said. He said "no".')).toEqual(['We will win,', 'no']);
  });

  it('finds curly quotes', () => {
    expect(words('\u201CWe will win,\u201D she said.')).toEqual(['We will win,']);
  });

  it('pairs marks whatever their direction: „…“, »…«, « … », ”…”', () => {
    expect(words('\u201EWir schaffen das\u201C, sagte sie.')).toEqual(['Wir schaffen das']);
    expect(words('\u00BBWir schaffen das\u00AB, sagte sie.')).toEqual(['Wir schaffen das']);
    expect(words('Il a dit : \u00AB Nous gagnerons \u00BB.')).toEqual(['Nous gagnerons']);
    expect(words('\u201DWe will win,\u201D she said.')).toEqual(['We will win,']);
  });

  it('finds single angle marks', () => {
    expect(words('Er sagte \u203AJa\u2039.')).toEqual(['Ja']);
  });

  it('takes single quotes only when they open and close a quote, not apostrophes', () => {
    expect(words('\u2018We won\u2019t stop,\u2019 she said.')).toEqual(['We won\u2019t stop,']);
    expect(words("It's the union's call, and the '90s are over.")).toEqual([]);
    expect(words("She called it 'a disgrace'.")).toEqual(['a disgrace']);
  });

  it('passes over a plural possessive inside a single-quoted quote', () => {
    expect(words('\u2018The workers\u2019 union will strike,\u2019 he said.')).toEqual([
      'The workers\u2019 union will strike,',
    ]);
  });

  it('does not read inches as a quote', () => {
    expect(words('A 12" pizza costs more.')).toEqual([]);
  });

  it('runs an unclosed quote to the end of its paragraph', () => {
    const text = 'She said: "We will cut the deficit.\n\nThe vote is on Friday.';
    const [quote] = quotes(text);
    expect(quote).toMatchObject({ close: null, outerEnd: text.indexOf('.\n') + 1, continuation: false });
    expect(words(text)).toEqual(['We will cut the deficit.']);
  });

  it('marks a quote that opens the paragraph after an unclosed one as its continuation', () => {
    const text = '"We will cut the deficit.\n\n"And we will protect schools," she said.\n\n"Next," she added.';
    expect(quotes(text).map(({ continuation, paragraph }) => [paragraph, continuation])).toEqual([
      [0, false],
      [1, true],
      [2, false],
    ]);
  });

  it('keeps marks nested inside a quote part of it', () => {
    expect(words('"He told me \u2018never again\u2019 and left," she said.')).toEqual([
      'He told me \u2018never again\u2019 and left,',
    ]);
  });

  it('counts the words of each quote', () => {
    expect(quotes('She called it "a reckless gamble".').map(({ words: count }) => count)).toEqual([3]);
  });
});
