import { splitParagraphs } from './paragraph-split';

const texts = (text: string): string[] => splitParagraphs(text).map(({ start, end }) => text.slice(start, end));

describe('splitParagraphs', () => {
  it('splits at blank lines and trims each paragraph', () => {
    expect(texts('  One.\n\nTwo.  \n \t\nThree.\n')).toEqual(['One.', 'Two.', 'Three.']);
  });

  it('keeps a single newline inside its paragraph', () => {
    expect(texts('A hard-wrapped\nparagraph.\n\nNext.')).toEqual(['A hard-wrapped\nparagraph.', 'Next.']);
  });

  it('numbers paragraphs and drops empty ones', () => {
    expect(splitParagraphs('\n\n\nOne.\n\n\n\nTwo.').map(({ index }) => index)).toEqual([0, 1]);
    expect(splitParagraphs('  \n \n')).toEqual([]);
  });

  it('handles Windows line ends', () => {
    expect(texts('One.\r\n\r\nTwo.')).toEqual(['One.', 'Two.']);
  });
});
