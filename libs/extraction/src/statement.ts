/**
 * What extraction finds in an article's text. Offsets are JavaScript string
 * indices (UTF-16 code units) into the text given to the extractor, `end`
 * exclusive, so `text.slice(start, end)` is the span.
 */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Who said a statement. `name` is the person or organisation as first named in
 * full, without a title ("Maria Lopez", not "Dr. Maria Lopez"); `role` is the
 * role or affiliation given beside the name ("finance director"), when any.
 * An anonymous source ("a senior official") has `anonymous: true`, `name`
 * null and the description in `role`.
 */
export interface Speaker {
  name: string | null;
  role: string | null;
  anonymous: boolean;
}

/**
 * How a statement is carried: a direct quote in quote marks, reported speech
 * ("X said that …", "according to X, …"), or the article's own statement.
 */
export type StatementKind = 'quote' | 'reported' | 'statement';

/** Rule features of a sentence, each 0 or 1 (or a small count), for check-worthiness. */
export interface RuleFeatures {
  numbers: number;
  comparison: number;
  date: number;
  attribution: number;
}

/** One sentence of the article, or one quote within it, as a candidate claim. */
export interface ExtractedStatement {
  /** The sentence (or for a quote, the quoted words without their marks). */
  span: TextSpan;
  /** The whole sentence the statement sits in. */
  sentence: TextSpan;
  kind: StatementKind;
  /** Null when the extractor abstains: no speaker it can name with confidence. */
  speaker: Speaker | null;
  features: RuleFeatures;
  /** Check-worthiness, 0..1. */
  score: number;
}
