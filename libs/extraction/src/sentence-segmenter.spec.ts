import { segmentSentences } from './sentence-segmenter';

const sentences = (text: string): string[] => segmentSentences(text).map(({ text: sentence }) => sentence);

describe('segmentSentences', () => {
  it('splits on . ! ? and … followed by a capital', () => {
    expect(sentences('Prices rose. Did wages? Not at all! He paused\u2026 Then he left.')).toEqual([
      'Prices rose.',
      'Did wages?',
      'Not at all!',
      'He paused\u2026',
      'Then he left.',
    ]);
  });

  it('does not split after titles, initials or inside decimals', () => {
    expect(sentences('Dr. Ana Ruiz met J. R. Smith and Sen. Warren. The rate rose 2.3 percent.')).toEqual([
      'Dr. Ana Ruiz met J. R. Smith and Sen. Warren.',
      'The rate rose 2.3 percent.',
    ]);
  });

  it.each([
    ['Mr. and Mrs. Smith met Ms. Lopez and Prof. Ruiz in St. Louis.'],
    ['Gov. Newsom and Rep. Ocasio-Cortez spoke on Jan. 5 at 9 a.m. in the U.S. Senate.'],
    ['The vote, e.g. on No. 10, was close, i.e. tied, in the case vs. Acme Inc. last week.'],
    ['Acme Co. and Acme Corp. and Acme Ltd. sued Martin Luther King Jr. on Feb. 3.'],
  ])('keeps abbreviations inside the sentence: %j', (text) => {
    expect(sentences(text)).toEqual([text]);
  });

  it('ends a sentence at an abbreviation when a word that opens sentences follows', () => {
    expect(sentences('He moved to the U.S. The move was hard. She works at Acme Inc. It pays well.')).toEqual([
      'He moved to the U.S.',
      'The move was hard.',
      'She works at Acme Inc.',
      'It pays well.',
    ]);
  });

  it('ends a sentence that ends inside a quote after the closing mark', () => {
    expect(sentences('"We will win." The mayor left. \u201CWill we?\u201D she asked. She left.')).toEqual([
      '"We will win."',
      'The mayor left.',
      '\u201CWill we?\u201D she asked.',
      'She left.',
    ]);
  });

  it('does not split at an ellipsis inside a quote', () => {
    expect(sentences('"We will\u2026 We must win," she said. "Never..." he began. Then he left.')).toEqual([
      '"We will\u2026 We must win," she said.',
      '"Never..." he began.',
      'Then he left.',
    ]);
  });

  it('splits a quote of several sentences where a sentence ends inside it', () => {
    expect(sentences('"Prices rose. Wages did not," she said.')).toEqual([
      '"Prices rose.',
      'Wages did not," she said.',
    ]);
  });

  it('never crosses a paragraph break, even without final punctuation', () => {
    expect(sentences('A headline without a stop\n\nThe story starts here. It goes on')).toEqual([
      'A headline without a stop',
      'The story starts here.',
      'It goes on',
    ]);
  });

  it('starts a sentence at a digit, an opening mark or an emoji', () => {
    expect(sentences('It rose. 2024 was worse. (Nobody knew.) \u{1F600} Fine.')).toEqual([
      'It rose.',
      '2024 was worse.',
      '(Nobody knew.)',
      '\u{1F600} Fine.',
    ]);
  });

  it('gives offsets that slice the text', () => {
    const text = '\u{1F4C8} Stocks rose.\n\n  \u201CGood,\u201D she said.  ';
    for (const sentence of segmentSentences(text)) {
      expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    }
  });
});
