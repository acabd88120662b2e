// `npm run bench [-- <name>…]`: runs the benchmarks (all, or the ones named),
// prints one results table and records it in bench/results/latest.md.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropLeftoverDatabases, serverUrl, withClient } from './bench-database';
import { claimsSubmitBench } from './claims-submit.bench';
import { consensusBench } from './consensus.bench';
import { extractionBench } from './extraction.bench';
import { matchingBench } from './matching.bench';
import { type BenchReport, isMet, markdownTable, type ResultRow, textTable } from './results';
import { searchBench } from './search.bench';
import { sourceCheckBench } from './source-check.bench';
import { benchRootVariable, runFromSnapshot } from './snapshot';

const benchmarks: Record<string, { describe: string; run: () => Promise<BenchReport> }> = {
  submit: {
    describe: 'POST /api/v1/claims through the full stack vs a raw node:http + pg baseline',
    run: claimsSubmitBench,
  },
  search: {
    describe: 'search and similar-claim lookup over BENCH_CLAIMS (default 1,000,000) generated claims',
    run: searchBench,
  },
  sourcecheck: {
    describe:
      'source.fetch (fetch + extract + snapshot + quote check) through the queue vs a plain loop, against the local ' +
      'fixture site, on the PostgreSQL backend and on Redis when REDIS_URL is set',
    run: sourceCheckBench,
  },
  consensus: {
    describe:
      'deciding verdict → awaiting_approval through the outbox, the queue and the claim.evaluate job, paced and in ' +
      'a burst, on the PostgreSQL backend and on Redis when REDIS_URL is set',
    run: consensusBench,
  },
  matching: {
    describe:
      'claim matching: MAP@5 and P@1 on CLEF 2020 train and dev through POST /api/v1/claims/matches, and its ' +
      'latency at 10k and BENCH_MATCH_CLAIMS (default 1,000,000) claims',
    run: matchingBench,
  },
  extraction: {
    describe:
      'claim extraction: speaker and check-worthiness quality on the held-out news fixtures, a 2,000-word ' +
      "article's p50/p99 time and heap growth over 1,000 articles",
    run: extractionBench,
  },
};

const root = process.env[benchRootVariable] ?? path.resolve(__dirname, '..', '..');
const resultsFile = path.join(root, 'bench', 'results', 'latest.md');

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in benchmarks));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown benchmark ${unknown.join(', ')}; known: ${Object.entries(benchmarks)
        .map(([name, { describe }]) => `\n  ${name}: ${describe}`)
        .join('')}\n`,
    );
    return 2;
  }
  const selected = names.length > 0 ? names : Object.keys(benchmarks);
  const started = new Date();
  const conditions = await describeConditions();
  process.stderr.write(`${conditions.join('\n')}\n`);

  const rows: ResultRow[] = [];
  const notes: string[] = [];
  let failed = false;
  for (const name of selected) {
    const benchStarted = Date.now();
    process.stderr.write(`\n== ${name}: ${benchmarks[name]!.describe}\n`);
    try {
      const report = await benchmarks[name]!.run();
      rows.push(...report.rows);
      notes.push(...report.notes, `${name}: took ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
    } catch (error) {
      failed = true;
      notes.push(`${name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.stderr.write(`${name} failed: ${String(error)}\n`);
    }
  }

  const missed = rows.filter((row) => isMet(row) === false).length;
  process.stdout.write(`\n${textTable(rows)}\n\n${notes.map((note) => `- ${note}`).join('\n')}\n`);
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  await writeFormatted(
    resultsFile,
    [
      '# Benchmark results',
      '',
      `Run of \`npm run bench${names.length > 0 ? ` -- ${names.join(' ')}` : ''}\`, started ${started.toISOString()}, ` +
        `${((Date.now() - started.getTime()) / 1000).toFixed(0)} s in all.`,
      '',
      markdownTable(rows),
      '',
      `${missed === 0 ? 'Every target met.' : `${missed} target(s) missed.`}`,
      '',
      '## Conditions',
      '',
      ...conditions.map((line) => `- ${line}`),
      '',
      '## Notes',
      '',
      ...notes.map((note) => `- ${note.replace(/\n/g, '\n  ')}`),
      '',
    ].join('\n'),
  );
  process.stdout.write(`\nrecorded in ${path.relative(process.cwd(), resultsFile)}\n`);
  return failed ? 1 : 0;
}

/** Writes the record as Prettier would (the repository's lint checks every file with it). */
async function writeFormatted(file: string, text: string): Promise<void> {
  let formatted = text;
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(file)) ?? {};
    formatted = await prettier.format(text, { ...options, filepath: file });
  } catch {
    // Prettier is a dev dependency: without it the record is written as is
  }
  fs.writeFileSync(file, formatted);
}

async function describeConditions(): Promise<string[]> {
  const version = await withClient(serverUrl(), async (client) => {
    const { rows } = await client.query<{ version: string; settings: string }>(
      `SELECT current_setting('server_version') AS version,
              concat_ws(', ', 'shared_buffers ' || current_setting('shared_buffers'),
                        'work_mem ' || current_setting('work_mem'),
                        'synchronous_commit ' || current_setting('synchronous_commit'),
                        'autovacuum ' || current_setting('autovacuum')) AS settings`,
    );
    return rows[0]!;
  });
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    `commit ${gitCommit()}; Node.js ${process.version}; PostgreSQL ${version.version} (${version.settings}) at ${redact(serverUrl())}`,
    `${os.availableParallelism()} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; load average at start ` +
      `${os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(' / ')} (1 / 5 / 15 min), a shared machine: absolute numbers move with what else runs, ratios less`,
    `settings: ${
      [
        'BENCH_CLAIMS',
        'BENCH_CONNECTIONS',
        'BENCH_DURATION_S',
        'BENCH_WARMUP_S',
        'BENCH_ROUNDS',
        'BENCH_REUSE_DB',
        'BENCH_CONSENSUS_CLAIMS',
        'BENCH_CONSENSUS_RATE',
        'BENCH_CONSENSUS_WARMUP',
        'BENCH_MATCH_CLAIMS',
        'BENCH_MATCH_REQUESTS',
        'BENCH_MATCH_REUSE_DB',
      ]
        .filter((name) => process.env[name])
        .map((name) => `${name}=${process.env[name]}`)
        .join(' ') || 'defaults'
    }; queue backend ${process.env.REDIS_URL ? 'Redis' : 'PostgreSQL'}`,
  ];
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs'], { cwd: root, encoding: 'utf8' });
    return dirty.trim() === '' ? commit : `${commit} (apps/libs changed)`;
  } catch {
    return 'unknown';
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

if (process.env[benchRootVariable] === undefined) {
  runFromSnapshot(root, [path.join(__dirname, 'load-worker.js'), path.join(__dirname, 'bulk-load-worker.js')]).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
} else {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      process.stderr.write(`\n${signal}: dropping the bench databases (again to quit at once)\n`);
      void dropLeftoverDatabases().finally(() => process.exit(130));
    });
  }
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
