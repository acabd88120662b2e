import { articleExamples, parseSentenceList } from './training-data';

describe('parseSentenceList', () => {
  it('reads label<TAB>sentence lines and skips comments and blank lines', () => {
    const examples = parseSentenceList('# a comment\n1\tPrices rose 4%.\n\n0\tThe council meets on Tuesday.\n', 'list');
    expect(examples).toEqual([
      { sentence: 'Prices rose 4%.', label: 1, group: 'list:2' },
      { sentence: 'The council meets on Tuesday.', label: 0, group: 'list:4' },
    ]);
  });

  it('names the line of a malformed entry', () => {
    expect(() => parseSentenceList('1\tFine.\n2\tBad label.\n', 'list')).toThrow('list:2');
  });
});

describe('articleExamples', () => {
  const text =
    'Sales fell 12% last year. The chief executive said she was disappointed.\n\n' +
    'The company employs 4,000 people. Its shares rose on Monday.';

  it('takes the listed sentences as positives and the article’s others as negatives', () => {
    const { examples, unsegmented } = articleExamples(
      text,
      ['Sales fell 12% last year.', 'The company employs 4,000 people.'],
      'fixture:a',
    );
    expect(unsegmented).toBe(0);
    expect(examples.map(({ label, sentence }) => [label, sentence])).toEqual([
      [1, 'Sales fell 12% last year.'],
      [1, 'The company employs 4,000 people.'],
      [0, 'The chief executive said she was disappointed.'],
      [0, 'Its shares rose on Monday.'],
    ]);
  });

  it('keeps a listed sentence the segmenter cuts differently, and does not teach its pieces as negatives', () => {
    const { examples, unsegmented } = articleExamples(
      text,
      ['The chief executive said she was disappointed.\n\nThe company employs 4,000 people.'],
      'fixture:b',
    );
    expect(unsegmented).toBe(1);
    expect(examples.filter(({ label }) => label === 0).map(({ sentence }) => sentence)).toEqual([
      'Sales fell 12% last year.',
      'Its shares rose on Monday.',
    ]);
  });
});
