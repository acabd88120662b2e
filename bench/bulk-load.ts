import { createHash } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { claimFingerprint, normalizeText } from '@claimdesk/claims';
import { withClient } from './bench-database';
import { ClaimGenerator, type GeneratedClaim } from './generate-claims';

export interface BulkLoadOptions {
  url: string;
  total: number;
  seed: number;
  claimants: number;
  /** Worker threads generating and inserting in parallel. */
  workers: number;
  /** Rows per INSERT statement. */
  batch: number;
}

export interface BulkLoadReport {
  claims: number;
  claimants: number;
  kinds: Record<GeneratedClaim['kind'], number>;
  insertMs: number;
  indexMs: number;
  vacuumMs: number;
  totalMs: number;
  /** Sizes of the table and of each index, for the record. */
  sizes: string;
}

/** What a slice of the load needs: the stream to generate and the ids its rows point at. */
export interface SliceTask {
  url: string;
  seed: number;
  total: number;
  claimants: number;
  claimantIds: string[];
  userIds: string[];
  from: number;
  to: number;
  batch: number;
}

export type SliceMessage =
  | { type: 'progress'; rows: number }
  | { type: 'done'; kinds: Record<GeneratedClaim['kind'], number> }
  | { type: 'failed'; error: string };

/**
 * Fills the claims table with `total` generated claims, computing
 * normalized_text, text_hash and fingerprint exactly as ClaimsService does.
 * The table's secondary indexes and foreign keys are dropped for the load and
 * recreated from their own definitions afterwards (a bulk build is several
 * times faster than index maintenance row by row); then VACUUM ANALYZE, as
 * autovacuum would eventually do.
 */
export async function bulkLoadClaims(options: BulkLoadOptions, log: (line: string) => void): Promise<BulkLoadReport> {
  const started = Date.now();
  const generator = new ClaimGenerator({ seed: options.seed, claimants: options.claimants, total: options.total });

  const { claimantIds, userIds, indexes, foreignKeys } = await withClient(options.url, async (client) => {
    await client.query(
      `INSERT INTO claimants (name, normalized_name, role) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [
        generator.claimants.map((claimant) => claimant.name),
        generator.claimants.map((claimant) => normalizeText(claimant.name)),
        generator.claimants.map((claimant) => claimant.role),
      ],
    );
    const byName = new Map(
      (
        await client.query<{ id: string; normalized_name: string }>('SELECT id, normalized_name FROM claimants')
      ).rows.map((row) => [row.normalized_name, row.id]),
    );
    // A newsroom's intake desk: the users claims are recorded by (they never log in).
    const users = await client.query<{ id: string }>(
      `INSERT INTO users (email, name, role, password_hash)
       SELECT 'intake' || n || '@newsroom.example', 'Intake desk ' || n, 'submitter', '!'
         FROM generate_series(1, 12) AS n RETURNING id`,
    );
    const indexes = (
      await client.query<{ name: string; definition: string }>(
        `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
          WHERE schemaname = 'public' AND tablename = 'claims'
            AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'claims'::regclass)`,
      )
    ).rows;
    const foreignKeys = (
      await client.query<{ name: string; definition: string }>(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
          WHERE conrelid = 'claims'::regclass AND contype = 'f'`,
      )
    ).rows;
    for (const index of indexes) await client.query(`DROP INDEX ${quote(index.name)}`);
    for (const key of foreignKeys) await client.query(`ALTER TABLE claims DROP CONSTRAINT ${quote(key.name)}`);
    return {
      claimantIds: generator.claimants.map((claimant) => byName.get(normalizeText(claimant.name))!),
      userIds: users.rows.map((row) => row.id),
      indexes,
      foreignKeys,
    };
  });
  log(`dropped ${indexes.length} indexes and ${foreignKeys.length} foreign keys of claims for the load`);

  const kinds: Record<GeneratedClaim['kind'], number> = { original: 0, near: 0, exact: 0 };
  const progress = new Array<number>(options.workers).fill(0);
  let lastLog = Date.now();
  const share = Math.ceil(options.total / options.workers);
  await Promise.all(
    Array.from({ length: options.workers }, (_, worker) => {
      const task: SliceTask = {
        url: options.url,
        seed: options.seed,
        total: options.total,
        claimants: options.claimants,
        claimantIds,
        userIds,
        from: worker * share,
        to: Math.min(options.total, (worker + 1) * share),
        batch: options.batch,
      };
      return runSlice(task, (rows) => {
        progress[worker] = rows;
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          const done = progress.reduce((sum, value) => sum + value, 0);
          log(
            `inserted ${done.toLocaleString('en-US')} of ${options.total.toLocaleString('en-US')} claims (${elapsed(started)})`,
          );
        }
      }).then((sliceKinds) => {
        for (const kind of Object.keys(kinds) as GeneratedClaim['kind'][]) kinds[kind] += sliceKinds[kind];
      });
    }),
  );
  const insertMs = Date.now() - started;
  log(`inserted ${options.total.toLocaleString('en-US')} claims in ${elapsed(started)}`);

  const indexStarted = Date.now();
  // Two sessions build at once (a CREATE INDEX takes a SHARE lock, which does not block another), the
  // costliest first; then the foreign keys, validated by one join each instead of a check per row.
  const queue = [...indexes].sort((a, b) => cost(b.definition) - cost(a.definition));
  await Promise.all(
    [0, 1].map(() =>
      withClient(options.url, async (client) => {
        await client.query(`SET maintenance_work_mem = '512MB'`);
        for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
          const t0 = Date.now();
          await client.query(index.definition);
          log(`built ${index.name} in ${elapsed(t0)}`);
        }
      }),
    ),
  );
  await withClient(options.url, async (client) => {
    for (const key of foreignKeys) {
      await client.query(`ALTER TABLE claims ADD CONSTRAINT ${quote(key.name)} ${key.definition}`);
    }
  });
  const indexMs = Date.now() - indexStarted;
  log(`rebuilt indexes and foreign keys in ${elapsed(indexStarted)}`);

  const vacuumStarted = Date.now();
  const sizes = await withClient(options.url, async (client) => {
    await client.query('VACUUM (ANALYZE) claims');
    await client.query('ANALYZE claimants');
    await client.query('ANALYZE users');
    return describeSizes(client);
  });
  const vacuumMs = Date.now() - vacuumStarted;
  log(`VACUUM ANALYZE in ${elapsed(vacuumStarted)}; ${sizes}`);

  return {
    claims: options.total,
    claimants: options.claimants,
    kinds,
    insertMs,
    indexMs,
    vacuumMs,
    totalMs: Date.now() - started,
    sizes,
  };
}

async function describeSizes(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ name: string; size: string }>(
    `SELECT 'claims table' AS name, pg_size_pretty(pg_table_size('claims')) AS size
     UNION ALL
     SELECT indexrelid::regclass::text, pg_size_pretty(pg_relation_size(indexrelid))
       FROM pg_index WHERE indrelid = 'claims'::regclass`,
  );
  return rows.map((row) => `${row.name} ${row.size}`).join(', ');
}

/** Rough build cost, to start the slow builds first. */
function cost(definition: string): number {
  if (definition.includes('to_tsvector')) return 4;
  if (definition.includes('fingerprint')) return 3;
  if (definition.includes('USING gin')) return 1;
  return 2;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function runSlice(
  task: SliceTask,
  onProgress: (rows: number) => void,
): Promise<Record<GeneratedClaim['kind'], number>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'bulk-load-worker.js'), { workerData: task });
    let settled = false;
    worker.on('message', (message: SliceMessage) => {
      if (message.type === 'progress') onProgress(message.rows);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.kinds);
      } else {
        settled = true;
        reject(new Error(message.error));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`bulk load worker exited with code ${code} before reporting`));
    });
  });
}

const insertSql = `
  INSERT INTO claims (text, normalized_text, text_hash, fingerprint, claimant_id, claim_date, tags, status,
                      check_worthiness, created_by, created_at, updated_at)
  SELECT t, n, h, f::int[], c, d, g::text[], s, w, u, a, a
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::date[], $7::text[], $8::text[],
                $9::real[], $10::uuid[], $11::timestamptz[]) AS x(t, n, h, f, c, d, g, s, w, u, a)`;

/** Generates and inserts claims [from, to) of the stream; runs in a worker thread. */
export async function loadSlice(
  task: SliceTask,
  client: pg.Client,
  onProgress: (rows: number) => void,
): Promise<Record<GeneratedClaim['kind'], number>> {
  const generator = new ClaimGenerator({ seed: task.seed, claimants: task.claimants, total: task.total });
  const kinds: Record<GeneratedClaim['kind'], number> = { original: 0, near: 0, exact: 0 };
  await client.query('SET synchronous_commit = off');
  let pending: Promise<unknown> = Promise.resolve();
  let done = 0;
  for (let from = task.from; from < task.to; from += task.batch) {
    const to = Math.min(task.to, from + task.batch);
    const columns: unknown[][] = Array.from({ length: 11 }, () => []);
    for (let index = from; index < to; index++) {
      const claim = generator.claimAt(index);
      kinds[claim.kind]++;
      const normalizedText = normalizeText(claim.text);
      const values = [
        claim.text,
        normalizedText,
        createHash('sha256').update(normalizedText).digest('hex'),
        `{${claimFingerprint(normalizedText).join(',')}}`,
        task.claimantIds[claim.claimant]!,
        claim.claimDate,
        `{${claim.tags.join(',')}}`,
        claim.status,
        claim.checkWorthiness,
        task.userIds[index % task.userIds.length]!,
        new Date(claim.createdAt).toISOString(),
      ];
      values.forEach((value, column) => columns[column]!.push(value));
    }
    // Generate the next batch while this one is being inserted.
    await pending;
    onProgress(done);
    done += to - from;
    pending = client.query(insertSql, columns);
  }
  await pending;
  onProgress(done);
  return kinds;
}
