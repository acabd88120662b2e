import path from 'node:path';
import type { ExtractedStatement, Speaker, StatementKind } from '../statement';
import { comparableName, evaluateArticles, evaluateFixtures, type ExtractionFixture } from './fixture-evaluation';

const trainDir = path.resolve(__dirname, '../../fixtures/train');

function statement(
  text: string,
  words: string,
  kind: StatementKind,
  speaker: Speaker | null,
  score = 0,
): ExtractedStatement {
  const start = text.indexOf(words);
  const span = { start, end: start + words.length, text: words };
  return {
    span,
    sentence: span,
    kind,
    speaker,
    features: { numbers: 0, comparison: 0, date: 0, attribution: 0 },
    score,
  };
}

describe('evaluateArticles', () => {
  const text = '"Taxes will rise," said Maria Lopez. "No," said Pedro Lopez. "Maybe," an aide said. Rain fell.';
  const fixture: ExtractionFixture = {
    id: 'sample',
    licence: 'CC0-1.0',
    title: 'Sample',
    text,
    statements: [
      { kind: 'quote', text: 'Taxes will rise,', speaker: 'Maria Lopez', role: null, anonymous: false },
      { kind: 'quote', text: 'No,', speaker: 'Pedro Lopez', role: null, anonymous: false },
      { kind: 'quote', text: 'Maybe,', speaker: null, role: 'an aide', anonymous: true },
      { kind: 'reported', text: 'Rain fell', speaker: 'Maria Lopez', role: null, anonymous: false },
    ],
    checkworthy: ['"Taxes will rise," said Maria Lopez.'],
  };
  const named = (name: string): Speaker => ({ name, role: null, anonymous: false });

  it('matches by overlap and kind, scores speakers among the attributed and counts abstentions', () => {
    const result = evaluateArticles([fixture], {
      extract: () => [
        statement(text, 'Taxes will rise,', 'quote', named('Dr. Maria Lopez'), 0.9),
        statement(text, 'No,', 'quote', named('Lopez')),
        statement(text, 'Maybe,', 'quote', null),
        statement(text, 'Rain fell.', 'statement', named('Maria Lopez')),
      ],
    });
    expect(result).toMatchObject({
      goldQuotes: 3,
      matchedQuotes: 3,
      goldReported: 1,
      matchedReported: 0,
      withSpeaker: 3,
      attributed: 2,
      // "Lopez" is the surname of two of the article's speakers: not accepted for Pedro Lopez.
      correct: 1,
      abstentionRate: 1 / 3,
      checkWorthyPrecision: 1,
      checkWorthyRecall: 1,
      top15Coverage: 1,
    });
    expect(result.misses).toEqual([{ article: 'sample', text: 'No,', expected: 'Pedro Lopez', extracted: 'Lopez' }]);
  });

  it('accepts an anonymous extraction for an anonymous gold speaker, and nothing else', () => {
    const extract = (speaker: Speaker): ExtractedStatement[] => [statement(text, 'Maybe,', 'quote', speaker)];
    const anonymous = evaluateArticles([fixture], {
      extract: () => extract({ name: null, role: 'aide', anonymous: true }),
    });
    const wrong = evaluateArticles([fixture], { extract: () => extract(named('Maria Lopez')) });
    expect([anonymous.correct, wrong.correct]).toEqual([1, 0]);
  });

  it('compares names without titles, case or a leading "the"', () => {
    expect(comparableName('Dr. Ana  Ruiz')).toBe('ana ruiz');
    expect(comparableName('the Ministry of Health')).toBe('ministry of health');
  });
});

describe('evaluateFixtures on the train fixtures', () => {
  it('reaches the targets', () => {
    const result = evaluateFixtures(trainDir);
    const { misses, ...figures } = result;
    process.stdout.write(
      `extraction on train: ${JSON.stringify(figures, null, 2)}\nspeaker misses:\n${misses
        .map((miss) => `  ${miss.article}: "${miss.text}" expected ${miss.expected}, got ${miss.extracted}`)
        .join('\n')}\n`,
    );
    expect(result.articles).toBeGreaterThan(0);
    // What the engine reaches on train (the rules were tuned there), a little below; held out it reached
    // 98.6% accuracy with 2.2% abstentions (bench/extraction.bench.ts).
    expect(result.speakerAccuracy).toBeGreaterThanOrEqual(0.97);
    expect(result.abstentionRate).toBeLessThanOrEqual(0.03);
    expect(result.quoteRecall).toBeGreaterThanOrEqual(0.98);
    expect(result.reportedRecall).toBeGreaterThanOrEqual(0.95);
    expect(result.checkWorthyPrecision).toBeGreaterThanOrEqual(0.9);
    expect(result.checkWorthyRecall).toBeGreaterThanOrEqual(0.9);
    expect(result.top15Coverage).toBeGreaterThanOrEqual(0.95);
  });
});
