import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { segmentSentences } from '../sentence-segmenter';

/** One labelled sentence; `group` keeps an article's sentences in one cross-validation fold. */
export interface LabelledSentence {
  sentence: string;
  label: 0 | 1;
  group: string;
}

/** The labelled data and where it came from. */
export interface TrainingData {
  examples: LabelledSentence[];
  /** Sentences of the shipped sentence list. */
  listSentences: number;
  fixtureArticles: number;
  fixtureSentences: number;
  /** Listed check-worthy sentences the segmenter did not return as one sentence (still used as positives). */
  unsegmented: number;
  /** SHA-256 of the examples, in order: which data a model was trained on. */
  fingerprint: string;
}

/** Where the labelled data lives, relative to the repository root. Held-out fixtures are never read. */
export const trainingDataPaths = {
  sentences: 'libs/extraction/data/check-worthiness/sentences.tsv',
  fixtures: 'libs/extraction/fixtures/train',
};

/** The group of a fixture article's sentences starts with this. */
export const fixtureGroupPrefix = 'fixture:';

/** Reads `label<TAB>sentence` lines; blank lines and lines starting with `#` are skipped. */
export function parseSentenceList(text: string, source: string): LabelledSentence[] {
  const examples: LabelledSentence[] = [];
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^([01])\t(.+)$/.exec(trimmed);
    if (!match) throw new Error(`${source}:${index + 1}: expected "label<TAB>sentence" with label 0 or 1`);
    examples.push({ sentence: match[2]!.trim(), label: match[1] === '1' ? 1 : 0, group: `${source}:${index + 1}` });
  });
  return examples;
}

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The sentences of one fixture article: those in `checkworthy` are positives,
 * the article's other sentences negatives. A listed sentence the segmenter
 * splits or merges differently is kept as a positive, and the segments that
 * overlap it are left out rather than taught as negatives.
 */
export function articleExamples(
  text: string,
  checkworthy: readonly string[],
  group: string,
): { examples: LabelledSentence[]; unsegmented: number } {
  const listed = new Set(checkworthy.map(normalize));
  const segments = segmentSentences(text);
  const flatText = normalize(text);
  const found = new Set<string>();
  const overlaps: [number, number][] = [];
  for (const sentence of listed) {
    if (segments.some((segment) => normalize(segment.text) === sentence)) {
      found.add(sentence);
      continue;
    }
    const start = flatText.indexOf(sentence);
    if (start >= 0) overlaps.push([start, start + sentence.length]);
  }
  const examples: LabelledSentence[] = [...listed].map((sentence) => ({ sentence, label: 1, group }));
  for (const segment of segments) {
    const sentence = normalize(segment.text);
    if (listed.has(sentence) || sentence === '') continue;
    const at = flatText.indexOf(sentence);
    const overlapping = overlaps.some(([start, end]) => at < end && at + sentence.length > start);
    if (!overlapping) examples.push({ sentence, label: 0, group });
  }
  return { examples, unsegmented: listed.size - found.size };
}

function readFixtures(directory: string): { examples: LabelledSentence[]; articles: number; unsegmented: number } {
  if (!fs.existsSync(directory)) return { examples: [], articles: 0, unsegmented: 0 };
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const examples: LabelledSentence[] = [];
  let articles = 0;
  let unsegmented = 0;
  for (const name of files) {
    const file = path.join(directory, name);
    let article: unknown;
    try {
      article = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot read the training fixture ${file}: ${(error as Error).message}`, { cause: error });
    }
    const { text, checkworthy } = (article ?? {}) as { text?: unknown; checkworthy?: unknown };
    // An article without check-worthiness labels teaches nothing here.
    if (typeof text !== 'string' || !Array.isArray(checkworthy)) continue;
    if (!checkworthy.every((sentence) => typeof sentence === 'string')) {
      throw new Error(`${file}: "checkworthy" must be a list of sentences`);
    }
    const found = articleExamples(text, checkworthy, `${fixtureGroupPrefix}${name}`);
    examples.push(...found.examples);
    unsegmented += found.unsegmented;
    articles++;
  }
  return { examples, articles, unsegmented };
}

/** Everything the model learns from: the shipped sentence list, then the training fixtures' labels. */
export function loadTrainingData(root: string): TrainingData {
  const listFile = path.join(root, trainingDataPaths.sentences);
  const list = parseSentenceList(fs.readFileSync(listFile, 'utf8'), 'sentences.tsv');
  const fixtures = readFixtures(path.join(root, trainingDataPaths.fixtures));
  const examples = [...list, ...fixtures.examples];
  const hash = createHash('sha256');
  for (const { label, sentence } of examples) hash.update(`${label}\t${sentence}\n`);
  return {
    examples,
    listSentences: list.length,
    fixtureArticles: fixtures.articles,
    fixtureSentences: fixtures.examples.length,
    unsegmented: fixtures.unsegmented,
    fingerprint: hash.digest('hex'),
  };
}
