// `node dist/bench/tune-matching.js`: fits the matching ranking's reranking
// weights on the CLEF 2020 train split by coordinate ascent on MAP@5, and
// prints them with their train and dev figures. Dev is printed, never fitted.
import path from 'node:path';
import { ClaimIndex, matchableText, rankingModel } from '@claimdesk/matching';
import { clefDirectory, type ClefQuery, loadClef, rankingQuality } from './clef';

type Weights = { -readonly [K in keyof typeof rankingModel.weights]: number };

function main(): void {
  const data = loadClef(clefDirectory(path.resolve(__dirname, '..', '..')));
  const index = new ClaimIndex();
  for (const claim of data.claims) index.upsert(claim.id, matchableText(claim));
  const weights: Weights = { ...rankingModel.weights };
  const quality = (queries: ClefQuery[]) => {
    Object.assign(rankingModel.weights as Weights, weights);
    return rankingQuality(
      queries.map((q) => ({ ranked: index.search(q.text, 5).map((hit) => hit.id), relevant: q.relevant })),
    );
  };
  let best = quality(data.splits.train).map5;
  console.log('start', weights, 'train', best.toFixed(4), 'dev', quality(data.splits.dev).map5.toFixed(4));
  for (let round = 0; round < 3; round++) {
    for (const key of Object.keys(weights) as (keyof Weights)[]) {
      for (const value of [-1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 2, 3]) {
        const previous = weights[key];
        weights[key] = value;
        const map5 = quality(data.splits.train).map5;
        if (map5 > best + 1e-9) best = map5;
        else weights[key] = previous;
      }
    }
  }
  const train = quality(data.splits.train);
  const dev = quality(data.splits.dev);
  console.log(JSON.stringify(weights), 'train', train, 'dev', dev);
}

main();
