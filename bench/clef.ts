// CLEF 2020 CheckThat! Task 2 (English): tweets, the fact-checked claims they
// restate, and MAP@5, the task's official measure. The data lives in the
// shared data folder beside the repository (`CLEF_DIR` to point elsewhere).
import fs from 'node:fs';
import path from 'node:path';

export interface ClefData {
  claims: { id: string; text: string }[];
  splits: Record<ClefSplit, ClefQuery[]>;
}

export type ClefSplit = 'train' | 'dev';

export interface ClefQuery {
  id: string;
  text: string;
  relevant: Set<string>;
}

export function clefDirectory(root: string): string {
  return process.env.CLEF_DIR ?? path.resolve(root, '..', 'shared', 'data', 'clef2020-task2');
}

export function loadClef(directory: string): ClefData {
  const rows = (file: string): string[][] =>
    fs
      .readFileSync(path.join(directory, file), 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split('\t'));
  const claims = rows('verified_claims.docs.tsv').map(([id, text]) => ({ id: id!, text: unquote(text!) }));
  const split = (name: ClefSplit): ClefQuery[] => {
    const relevant = new Map<string, Set<string>>();
    for (const line of fs.readFileSync(path.join(directory, name, 'tweet-vclaim-pairs.qrels'), 'utf8').split('\n')) {
      const [query, , claim] = line.split('\t');
      if (query === undefined || claim === undefined || query.trim() === '') continue;
      relevant.set(query, (relevant.get(query) ?? new Set()).add(claim.trim()));
    }
    return rows(path.join(name, 'tweets.queries.tsv')).map(([id, text]) => ({
      id: id!,
      text: text!,
      relevant: relevant.get(id!) ?? new Set(),
    }));
  };
  return { claims, splits: { train: split('train'), dev: split('dev') } };
}

/** The TSV quotes a field holding quote marks as CSV does: "a ""b"" c". */
function unquote(field: string): string {
  return field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}

/** Mean average precision of the first five results, and the share of queries whose first result is relevant. */
export function rankingQuality(results: { ranked: string[]; relevant: Set<string> }[]): {
  map5: number;
  p1: number;
} {
  let map = 0;
  let p1 = 0;
  for (const { ranked, relevant } of results) {
    let hits = 0;
    let precisionSum = 0;
    ranked.slice(0, 5).forEach((id, index) => {
      if (!relevant.has(id)) return;
      hits++;
      precisionSum += hits / (index + 1);
    });
    if (relevant.size > 0) map += precisionSum / Math.min(relevant.size, 5);
    if (ranked[0] !== undefined && relevant.has(ranked[0])) p1++;
  }
  return { map5: map / results.length, p1: p1 / results.length };
}
