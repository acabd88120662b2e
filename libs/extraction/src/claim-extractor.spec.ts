import { Test } from '@nestjs/testing';
import { ClaimExtractor } from './claim-extractor';
import { ExtractionModule } from './extraction.module';
import type { ExtractedStatement } from './statement';

const article = [
  'The government will raise the state pension age from 66 to 68 by 2036, the biggest change in a decade.',
  'Pensions Minister Ruth Aldane told parliament that the change would save £41 billion over 15 years.',
  '"We are living longer. Doing nothing is not a neutral choice," Aldane said.',
  'Outside, it rained.',
].join('\n\n');

describe('ClaimExtractor', () => {
  const extractor = new ClaimExtractor();

  it('is provided and exported by ExtractionModule, with no dependencies', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ExtractionModule] }).compile();
    expect(moduleRef.get(ClaimExtractor)).toBeInstanceOf(ClaimExtractor);
    await moduleRef.close();
  });

  it('returns every sentence as statements with speaker, features and a score in 0..1', () => {
    const statements = extractor.extract(article);
    const sentences = new Set(statements.map((statement) => statement.sentence.text));
    expect(sentences.size).toBe(5);
    for (const statement of statements) {
      expect(statement.score).toBeGreaterThanOrEqual(0);
      expect(statement.score).toBeLessThanOrEqual(1);
      expect(Object.keys(statement.features).sort()).toEqual(['attribution', 'comparison', 'date', 'numbers']);
      expect(article.slice(statement.span.start, statement.span.end)).toBe(statement.span.text);
    }
    expect(
      statements.filter((statement) => statement.kind === 'quote').map((statement) => statement.speaker?.name),
    ).toEqual(expect.arrayContaining(['Ruth Aldane', 'Ruth Aldane']));
    expect(statements.find((statement) => statement.kind === 'reported')).toMatchObject({
      span: { text: 'the change would save £41 billion over 15 years' },
      speaker: { name: 'Ruth Aldane', role: 'Pensions Minister', anonymous: false },
    });
  });

  it('sorts by score, best first, ties in text order', () => {
    const statements = extractor.extract(article);
    for (let at = 1; at < statements.length; at++) {
      const [previous, current] = [statements[at - 1]!, statements[at]!];
      expect(previous.score).toBeGreaterThanOrEqual(current.score);
      if (previous.score === current.score) expect(previous.span.start).toBeLessThan(current.span.start);
    }
  });

  it('gives the statements of one sentence the same score and features', () => {
    const statements = extractor.extract('"Prices rose 5%," she said, "and wages fell 2%."');
    expect(statements).toHaveLength(2);
    expect(statements[0]!.score).toBe(statements[1]!.score);
    expect(statements[0]!.features).toEqual(statements[1]!.features);
  });

  it('returns nothing for an empty text', () => {
    expect(extractor.extract('')).toEqual([]);
    expect(extractor.extract(' \n\n ')).toEqual([]);
  });

  // Its speed is measured by `npm run bench -- extraction`, not here: a timed test fails on a busy machine.
  it('extracts a 2,000-word article whole, finding in each copy of the text what it finds in one', () => {
    const kinds = (statements: ExtractedStatement[]) =>
      statements.map((statement) => `${statement.kind}: ${statement.span.text}`).sort();
    const once = kinds(extractor.extract(article));
    const long = kinds(extractor.extract(Array.from({ length: 20 }, () => article).join('\n\n')));
    expect(once.length).toBeGreaterThan(1);
    expect(long).toEqual(once.flatMap((statement) => Array.from({ length: 20 }, () => statement)));
  });
});
