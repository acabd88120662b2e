import fs from 'node:fs';
import path from 'node:path';
import { ClaimExtractor } from '../claim-extractor';
import type { ExtractedStatement, Speaker } from '../statement';

/** What is evaluated: {@link ClaimExtractor}, or a stand-in with its shape. */
export interface Extractor {
  extract(text: string): ExtractedStatement[];
}

/** A labelled statement of a fixture: the quoted words or reported content, and who said them. */
export interface GoldStatement {
  kind: 'quote' | 'reported';
  /** An exact substring of the article's text. */
  text: string;
  /** Canonical full name without title, or null (anonymous, or no speaker). */
  speaker: string | null;
  role: string | null;
  anonymous: boolean;
}

/** A labelled article (libs/extraction/fixtures/{train,heldout}/*.json). */
export interface ExtractionFixture {
  id: string;
  licence: string;
  title: string;
  text: string;
  statements: GoldStatement[];
  /** The article's check-worthy sentences, exactly as in the text. */
  checkworthy: string[];
}

/** A gold statement whose speaker the extractor got wrong, for reading the errors. */
export interface SpeakerMiss {
  article: string;
  text: string;
  expected: string;
  extracted: string;
}

/** How extraction fares against a folder of labelled articles. */
export interface ExtractionEvaluation {
  articles: number;
  goldQuotes: number;
  goldReported: number;
  matchedQuotes: number;
  matchedReported: number;
  /** Gold quotes that an extracted quote overlaps. */
  quoteRecall: number;
  /** Gold reported statements that an extracted reported statement overlaps. */
  reportedRecall: number;
  /** Matched statements whose gold has a speaker (named or anonymous). */
  withSpeaker: number;
  /** Of those, the ones the extractor attributed (did not abstain on). */
  attributed: number;
  correct: number;
  /** Correct speakers among attributed ones. */
  speakerAccuracy: number;
  /** Abstentions among matched statements whose gold has a speaker. */
  abstentionRate: number;
  /** Matched statements whose gold has no speaker but the extractor named one. */
  attributedWithoutGoldSpeaker: number;
  /** Sentences scored ≥ 0.5 that are check-worthy, among those scored ≥ 0.5. */
  checkWorthyPrecision: number;
  /** Check-worthy sentences scored ≥ 0.5. */
  checkWorthyRecall: number;
  /** Check-worthy sentences among each article's 15 best-scoring sentences, over all check-worthy sentences. */
  top15Coverage: number;
  goldCheckWorthy: number;
  /** Extraction time per article, in milliseconds (mean). */
  meanMs: number;
  misses: SpeakerMiss[];
}

const titles = /^(?:(?:dr|mr|mrs|ms|miss|mx|prof|professor|sen|gov|rep|sir|dame|rev|gen|col|capt)\.?\s+)+/iu;

/** A name as compared: lower case, without title, leading "the" or stray punctuation. */
export function comparableName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[’]/gu, "'")
    .replace(titles, '')
    .replace(/^the\s+/iu, '')
    .replace(/[.,;:]+$/u, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

const surnameOf = (name: string): string => name.split(' ').at(-1) ?? name;

/** Reads every fixture of a folder, in file-name order. */
export function loadFixtures(dir: string): ExtractionFixture[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ExtractionFixture);
}

function describe(speaker: Speaker | null): string {
  if (speaker === null) return '(abstained)';
  return speaker.anonymous ? `anonymous: ${speaker.role ?? ''}` : (speaker.name ?? '');
}

function isCorrect(gold: GoldStatement, speaker: Speaker, goldNames: readonly string[]): boolean {
  if (gold.anonymous) return speaker.anonymous;
  if (speaker.anonymous || speaker.name === null || gold.speaker === null) return false;
  const expected = comparableName(gold.speaker);
  const extracted = comparableName(speaker.name);
  if (extracted === expected) return true;
  // A surname alone is right when it is the gold's surname and no other speaker of the article has it.
  if (extracted.includes(' ') || extracted !== surnameOf(expected)) return false;
  return goldNames.filter((name) => surnameOf(name) === extracted).length === 1;
}

function overlap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}

/** Sentence starts of the extraction, each with its best score, best first (first of equals in text order). */
function rankedSentences(statements: readonly ExtractedStatement[]): { start: number; end: number; score: number }[] {
  const best = new Map<number, { start: number; end: number; score: number }>();
  for (const statement of statements) {
    const known = best.get(statement.sentence.start);
    if (known === undefined || statement.score > known.score) {
      best.set(statement.sentence.start, {
        start: statement.sentence.start,
        end: statement.sentence.end,
        score: statement.score,
      });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.start - b.start);
}

/**
 * Scores the extractor against labelled articles: for each gold statement,
 * the extracted statement of the same kind that overlaps it most (none: a
 * miss); speaker accuracy among the attributed, abstentions among those with
 * a gold speaker; and check-worthiness by sentence (a gold sentence is the
 * extracted sentence that overlaps it most).
 */
export function evaluateArticles(
  fixtures: readonly ExtractionFixture[],
  extractor: Extractor = new ClaimExtractor(),
): ExtractionEvaluation {
  const result: ExtractionEvaluation = {
    articles: fixtures.length,
    goldQuotes: 0,
    goldReported: 0,
    matchedQuotes: 0,
    matchedReported: 0,
    quoteRecall: 0,
    reportedRecall: 0,
    withSpeaker: 0,
    attributed: 0,
    correct: 0,
    speakerAccuracy: 0,
    abstentionRate: 0,
    attributedWithoutGoldSpeaker: 0,
    checkWorthyPrecision: 0,
    checkWorthyRecall: 0,
    top15Coverage: 0,
    goldCheckWorthy: 0,
    meanMs: 0,
    misses: [],
  };
  let predictedPositive = 0;
  let truePositive = 0;
  let recalled = 0;
  let covered = 0;
  let totalMs = 0;
  for (const fixture of fixtures) {
    const started = performance.now();
    const statements = extractor.extract(fixture.text);
    totalMs += performance.now() - started;
    const goldNames = [
      ...new Set(fixture.statements.flatMap((gold) => (gold.speaker === null ? [] : [comparableName(gold.speaker)]))),
    ];
    for (const gold of fixture.statements) {
      const start = fixture.text.indexOf(gold.text);
      if (start < 0) throw new Error(`${fixture.id}: gold statement not in the text: ${gold.text}`);
      const end = start + gold.text.length;
      if (gold.kind === 'quote') result.goldQuotes++;
      else result.goldReported++;
      let match: ExtractedStatement | null = null;
      let most = 0;
      for (const statement of statements) {
        if (statement.kind !== gold.kind) continue;
        const shared = overlap(start, end, statement.span.start, statement.span.end);
        if (shared > most || (shared === most && shared > 0 && statement.span.start < match!.span.start)) {
          match = statement;
          most = shared;
        }
      }
      if (match === null) continue;
      if (gold.kind === 'quote') result.matchedQuotes++;
      else result.matchedReported++;
      const hasSpeaker = gold.speaker !== null || gold.anonymous;
      if (!hasSpeaker) {
        if (match.speaker !== null) result.attributedWithoutGoldSpeaker++;
        continue;
      }
      result.withSpeaker++;
      if (match.speaker === null) continue;
      result.attributed++;
      if (isCorrect(gold, match.speaker, goldNames)) result.correct++;
      else {
        result.misses.push({
          article: fixture.id,
          text: gold.text,
          expected: gold.anonymous ? `anonymous: ${gold.role ?? ''}` : (gold.speaker ?? ''),
          extracted: describe(match.speaker),
        });
      }
    }

    const ranked = rankedSentences(statements);
    const positive = new Set(ranked.filter((sentence) => sentence.score >= 0.5).map((sentence) => sentence.start));
    const top = new Set(ranked.slice(0, 15).map((sentence) => sentence.start));
    const goldStarts = new Set<number>();
    for (const sentence of fixture.checkworthy) {
      const start = fixture.text.indexOf(sentence);
      if (start < 0) throw new Error(`${fixture.id}: check-worthy sentence not in the text: ${sentence}`);
      const end = start + sentence.length;
      let best: { start: number } | null = null;
      let most = 0;
      for (const candidate of ranked) {
        const shared = overlap(start, end, candidate.start, candidate.end);
        if (shared > most) {
          best = candidate;
          most = shared;
        }
      }
      result.goldCheckWorthy++;
      if (best === null) continue;
      goldStarts.add(best.start);
      if (positive.has(best.start)) recalled++;
      if (top.has(best.start)) covered++;
    }
    predictedPositive += positive.size;
    truePositive += [...positive].filter((start) => goldStarts.has(start)).length;
  }
  const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
  result.quoteRecall = ratio(result.matchedQuotes, result.goldQuotes);
  result.reportedRecall = ratio(result.matchedReported, result.goldReported);
  result.speakerAccuracy = ratio(result.correct, result.attributed);
  result.abstentionRate = ratio(result.withSpeaker - result.attributed, result.withSpeaker);
  result.checkWorthyPrecision = ratio(truePositive, predictedPositive);
  result.checkWorthyRecall = ratio(recalled, result.goldCheckWorthy);
  result.top15Coverage = ratio(covered, result.goldCheckWorthy);
  result.meanMs = ratio(totalMs, fixtures.length);
  return result;
}

/** {@link evaluateArticles} over every fixture of a folder. */
export function evaluateFixtures(dir: string, extractor?: Extractor): ExtractionEvaluation {
  return evaluateArticles(loadFixtures(dir), extractor);
}
