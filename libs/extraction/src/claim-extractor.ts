import { Injectable } from '@nestjs/common';
import { checkWorthiness, ruleFeatures } from './check-worthiness';
import type { ExtractedStatement, RuleFeatures } from './statement';
import { findStatements } from './statement-finder';

/**
 * Proposes an article's candidate claims: every sentence, as its direct
 * quotes, its reported speech or itself, with the speaker (null when none can
 * be named with confidence) and the sentence's check-worthiness. Pure and
 * stateless: nothing is kept between calls.
 */
@Injectable()
export class ClaimExtractor {
  /**
   * Extracts the statements of an article's plain text (paragraphs separated
   * by blank lines), best candidates first: sorted by score, ties in text
   * order. Offsets are UTF-16 indices into `text`.
   */
  extract(text: string): ExtractedStatement[] {
    const scores = new Map<number, { features: RuleFeatures; score: number }>();
    const statements = findStatements(text).map((found): ExtractedStatement => {
      let scored = scores.get(found.sentence.start);
      if (scored === undefined) {
        const features = ruleFeatures(found.sentence.text);
        scored = { features, score: checkWorthiness(found.sentence.text, features) };
        scores.set(found.sentence.start, scored);
      }
      return { ...found, features: { ...scored.features }, score: scored.score };
    });
    // Array.prototype.sort is stable: statements of equal score stay in text order.
    return statements.sort((a, b) => b.score - a.score);
  }
}
