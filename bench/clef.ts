// CLEF 2020 CheckThat! Task 2 (English): tweets, the fact-checked claims they
// restate, and MAP@5, the task's official measure. The data lives in the
// shared data folder beside the repository (`CLEF_DIR` to point elsewhere).
import fs from 'node:fs';
import path from 'node:path';

export interface ClefData {
  /** Snopes' fact-checks: the claim (`vclaim`) and the title it was published under, as the claim's headline. */
  claims: { id: string; text: string; headline: string | null }[];
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
  const rows = (file: string, { header = true } = {}): string[][] =>
    readTsv(fs.readFileSync(path.join(directory, file), 'utf8'))
      .slice(header ? 1 : 0)
      .filter((row) => row.some((field) => field.trim() !== ''));
  const claims = rows('verified_claims.docs.tsv').map(([id, text, title]) => ({
    id: id!,
    text: text!,
    headline: title?.trim() ? title.trim().slice(0, 300) : null,
  }));
  const split = (name: ClefSplit): ClefQuery[] => {
    const relevant = new Map<string, Set<string>>();
    for (const [query, , claim] of rows(path.join(name, 'tweet-vclaim-pairs.qrels'), { header: false })) {
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

/**
 * Tab-separated rows whose fields may be quoted as in CSV: a field that opens
 * with a quote mark runs to the closing one, may hold tabs and line breaks, and
 * writes a quote mark as two ("a ""b"" c"). Fourteen claims in the verified
 * claims file hold a line break, so a split on '\n' would cut them in two.
 */
export function readTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let index = 0;
  while (index <= text.length) {
    let field: string;
    if (text[index] === '"') {
      let value = '';
      let cursor = index + 1;
      for (;;) {
        const close = text.indexOf('"', cursor);
        if (close < 0) {
          value += text.slice(cursor);
          cursor = text.length;
          break;
        }
        value += text.slice(cursor, close);
        if (text[close + 1] === '"') {
          value += '"';
          cursor = close + 2;
        } else {
          cursor = close + 1;
          break;
        }
      }
      field = value;
      index = cursor;
    } else {
      let end = index;
      while (end < text.length && text[end] !== '\t' && text[end] !== '\n') end++;
      field = text.slice(index, end).replace(/\r$/, '');
      index = end;
    }
    row.push(field);
    if (index >= text.length) {
      rows.push(row);
      break;
    }
    if (text[index] === '\n') {
      rows.push(row);
      row = [];
    }
    index++;
  }
  return rows;
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
