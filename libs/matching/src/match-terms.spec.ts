import { matchTerms, words } from './match-terms';

describe('matchTerms', () => {
  it('stems inflections so paraphrases meet', () => {
    expect(matchTerms('The budget cuts taxes for working families')).toEqual(
      matchTerms('budget cut tax for working family'),
    );
  });

  it('drops stop words and keeps numbers as written, without digit separators', () => {
    expect(matchTerms('The deal will cost 1,200 dollars and 3.5 percent')).toEqual([
      'deal',
      'will',
      'cost',
      '1200',
      'dollar',
      '3.5',
      'percent',
    ]);
  });

  it('folds case, accents and typographic apostrophes', () => {
    expect(matchTerms('Café owner DIDN’T pay')).toEqual(matchTerms("cafe owner didn't pay"));
  });

  it('removes links and keeps the words inside handles and hashtags', () => {
    expect(matchTerms('RT @realDonaldTrump: #KeepAmericaGreat https://t.co/abc pic.twitter.com/xyz')).toEqual([
      'real',
      'donald',
      'trump',
      'keep',
      'america',
      'great',
    ]);
  });

  it('drops the date of a post signature but keeps its author', () => {
    expect(matchTerms('Taxes go up — Ana Ruiz (@AnaRuiz) August 26, 2019')).toEqual([
      'tax',
      'go',
      'ana',
      'ruiz',
      'ana',
      'ruiz',
    ]);
  });

  it('reads U.S. as one word, not the pronoun', () => {
    expect(matchTerms('U.S. troops')).toEqual(['usa', 'troop']);
  });
});

describe('words', () => {
  it('splits on punctuation but not inside decimals', () => {
    expect(words('Growth was 2.5%. Really.')).toEqual(['growth', 'was', '2.5', 'really']);
  });
});
