import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ClaimExtractor, evaluateArticles, type ExtractionFixture, loadFixtures } from '@claimdesk/extraction';
import { envInt } from './bench-env';
import type { BenchReport, ResultRow } from './results';
import { benchRootVariable } from './snapshot';
import { formatMs, p50p99, summarize } from './stats';

const mebibyte = 2 ** 20;
const articleWords = 2000;

/** Where the fixtures are: the checkout, since fixtures are not copied to dist/ (as bench/run.ts finds it). */
function fixturesRoot(): string {
  const root = process.env[benchRootVariable] ?? path.resolve(__dirname, '..', '..');
  return path.join(root, 'libs', 'extraction', 'fixtures');
}

function percent(part: number): number {
  return Math.round(part * 1000) / 10;
}

/** One 2,000-word article, made by joining the train articles' paragraphs in order. */
function longArticle(fixtures: readonly ExtractionFixture[]): { text: string; words: number } {
  const paragraphs: string[] = [];
  let words = 0;
  for (const paragraph of fixtures.flatMap((fixture) => fixture.text.split(/\n\s*\n/u))) {
    if (words >= articleWords) break;
    paragraphs.push(paragraph);
    words += paragraph.split(/\s+/u).filter((word) => word !== '').length;
  }
  return { text: paragraphs.join('\n\n'), words };
}

/**
 * A full garbage collection, if this process can ask for one: `global.gc`
 * when node runs with --expose-gc, else the same function obtained by
 * setting the flag at run time (V8 honours it for contexts created after).
 */
function garbageCollector(): { collect: () => void; how: string } | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return { collect: exposed, how: 'global.gc' };
  try {
    v8.setFlagsFromString('--expose-gc');
    const collect = vm.runInNewContext('gc') as unknown;
    if (typeof collect === 'function') {
      return { collect: collect as () => void, how: 'gc exposed at run time (v8.setFlagsFromString)' };
    }
  } catch {
    // No way to collect on demand: the readings are reported as they are.
  }
  return null;
}

/**
 * Claim extraction (libs/extraction), pure computation in this process:
 * quality against the labelled fixtures (train, which the rules were tuned
 * on, and heldout, which they never saw), the time to extract a 2,000-word
 * article, and whether memory stays flat over many articles.
 */
export async function extractionBench(): Promise<BenchReport> {
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const extractor = new ClaimExtractor();
  const dir = fixturesRoot();
  const splits = ['train', 'heldout'].filter(
    (split) =>
      fs.existsSync(path.join(dir, split)) && fs.readdirSync(path.join(dir, split)).some((f) => f.endsWith('.json')),
  );
  let train: ExtractionFixture[] = [];
  for (const split of splits) {
    const fixtures = loadFixtures(path.join(dir, split));
    if (split === 'train') train = fixtures;
    const result = evaluateArticles(fixtures, extractor);
    // Targets hold for the held-out split; on train the rules were tuned, so its rows only inform.
    const held = split === 'heldout';
    rows.push(
      {
        name: `extraction (${split}): speaker accuracy`,
        value: percent(result.speakerAccuracy),
        unit: '%',
        ...(held ? { target: { kind: 'at-least', value: 85, of: 'value' } as const } : {}),
      },
      {
        name: `extraction (${split}): abstentions`,
        value: percent(result.abstentionRate),
        unit: '%',
        ...(held ? { target: { kind: 'below', value: 20, of: 'value' } as const } : {}),
      },
      { name: `extraction (${split}): quote recall`, value: percent(result.quoteRecall), unit: '%' },
      { name: `extraction (${split}): reported speech recall`, value: percent(result.reportedRecall), unit: '%' },
      {
        name: `extraction (${split}): check-worthy precision (score ≥ 0.5)`,
        value: percent(result.checkWorthyPrecision),
        unit: '%',
      },
      {
        name: `extraction (${split}): check-worthy recall (score ≥ 0.5)`,
        value: percent(result.checkWorthyRecall),
        unit: '%',
      },
      { name: `extraction (${split}): top-15 coverage`, value: percent(result.top15Coverage), unit: '%' },
    );
    notes.push(
      `extraction (${split}): ${result.articles} articles, ${result.goldQuotes} gold quotes and ` +
        `${result.goldReported} reported statements (${result.matchedQuotes} and ${result.matchedReported} matched ` +
        `by overlap); speakers: ${result.correct} right of ${result.attributed} attributed, ` +
        `${result.withSpeaker - result.attributed} abstentions of ${result.withSpeaker} with a gold speaker; ` +
        `${result.goldCheckWorthy} check-worthy sentences`,
    );
  }
  if (train.length === 0) {
    notes.push(`extraction: no train fixtures in ${dir}: speed and memory not measured`);
    return { rows, notes };
  }

  const { text, words } = longArticle(train);
  const warmup = envInt('BENCH_EXTRACTION_WARMUP', 20);
  const runs = envInt('BENCH_EXTRACTION_RUNS', 200);
  for (let run = 0; run < warmup; run++) extractor.extract(text);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    extractor.extract(text);
    samples.push(performance.now() - started);
  }
  const timing = summarize(samples);
  rows.push(
    { name: `extraction: ${articleWords}-word article, p50`, value: timing.p50, unit: 'ms' },
    {
      name: `extraction: ${articleWords}-word article, p99`,
      value: timing.p99,
      unit: 'ms',
      target: { kind: 'below', value: 200, of: 'value' },
    },
  );
  notes.push(
    `extraction speed: one article of ${words} words (train paragraphs joined in order), ${runs} runs after ` +
      `${warmup} warm-up (BENCH_EXTRACTION_RUNS, BENCH_EXTRACTION_WARMUP): ${p50p99(timing)}, max ` +
      `${formatMs(timing.max)} ms`,
  );

  // Memory: the heap after 100 articles and after 1,000, garbage collected before each reading when possible.
  const articles = train.map((fixture) => fixture.text);
  let extracted = 0;
  const extractUpTo = (count: number): void => {
    for (; extracted < count; extracted++) extractor.extract(articles[extracted % articles.length]!);
  };
  const gc = garbageCollector();
  const settle = (): void => {
    gc?.collect();
    gc?.collect();
  };
  extractUpTo(100);
  settle();
  const after100 = process.memoryUsage().heapUsed;
  extractUpTo(1000);
  settle();
  const after1000 = process.memoryUsage().heapUsed;
  const growth = (after1000 - after100) / mebibyte;
  rows.push({
    name: 'extraction: heap growth from 100 to 1,000 articles',
    value: growth,
    unit: 'MiB',
    target: { kind: 'below', value: 10, of: 'value' },
  });
  notes.push(
    `extraction memory: heap used ${(after100 / mebibyte).toFixed(1)} MiB after 100 articles, ` +
      `${(after1000 / mebibyte).toFixed(1)} MiB after 1,000 (the ${articles.length} train articles in turn); ` +
      (gc === null
        ? 'no garbage collection on demand: readings include uncollected garbage, so growth is an upper bound'
        : `garbage collected before each reading (${gc.how})`),
  );
  return { rows, notes };
}
