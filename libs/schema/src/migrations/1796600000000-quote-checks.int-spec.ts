import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@claimdesk/persistence';
import { adminDatabaseUrl, databaseUrl } from '@claimdesk/testing';
import { schema } from '../schema';

/** The checks as the old columns held them, in the new table's terms. */
interface CheckRow {
  appearance_id: string | null;
  evidence_id: string | null;
  claim_id: string;
  source_id: string;
  quote: string;
  status: string;
  score: number | null;
  snapshot_id: string | null;
  start: number | null;
  end: number | null;
  excerpt: string | null;
  diff: unknown;
  checked_at: Date | null;
  created_at: Date;
}

describe('the quote-checks migration', () => {
  const name = `claimdesk_t_${process.env.CLAIMDESK_TEST_RUN}_quotechecks_${randomBytes(3).toString('hex')}`;
  const url = () => databaseUrl(adminDatabaseUrl(), name);
  const migrations = schema.migrations as (new () => { name?: string })[];
  const index = migrations.findIndex((migration) => new migration().name === 'QuoteChecks1796600000000');
  let dataSource: DataSource;

  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: adminDatabaseUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  /** A data source that knows the migrations up to `count`, and no entities. */
  const migratedTo = async (count: number): Promise<DataSource> => {
    const source = new DataSource({
      ...dataSourceOptions(url(), { entities: [], migrations: migrations.slice(0, count) }, 'quote-checks-spec'),
      logging: ['error'],
    });
    await source.initialize();
    await source.runMigrations({ transaction: 'each' });
    return source;
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('keeps every quote and excerpt check, and gives them back on revert', async () => {
    expect(index).toBeGreaterThan(0);
    dataSource = await migratedTo(index);
    const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => dataSource.query<T[]>(sql, params);

    const [claim] = await q<{ id: string }>(
      `INSERT INTO claims (text, normalized_text, text_hash, fingerprint)
       VALUES ('Spec claim', 'spec claim', $1, '{1,2}') RETURNING id`,
      [randomBytes(16).toString('hex')],
    );
    const [source] = await q<{ id: string }>(
      `INSERT INTO sources (url, normalized_url, fetch_status) VALUES ('https://example.com/a', 'https://example.com/a', 'fetched')
       RETURNING id`,
    );
    const [snapshot] = await q<{ id: string }>(
      `INSERT INTO source_snapshots (source_id, sha256, text_sha256, text, text_length)
       VALUES ($1, 'a', 'b', 'The minister said the sky is green.', 35) RETURNING id`,
      [source!.id],
    );
    const diff = [{ op: 'equal', text: 'the sky is green' }];
    const checkedAt = new Date('2026-01-02T03:04:05.678Z');
    const createdAt = new Date('2026-01-01T00:00:00.123Z');
    const [found] = await q<{ id: string }>(
      `INSERT INTO appearances (claim_id, source_id, quote, quote_status, quote_score, quote_snapshot_id, quote_start,
                                quote_end, quote_excerpt, quote_diff, quote_checked_at, created_at)
       VALUES ($1, $2, 'the sky is green', 'found', 1, $3, 18, 34, 'the sky is green', $4, $5, $6) RETURNING id`,
      [claim!.id, source!.id, snapshot!.id, JSON.stringify(diff), checkedAt, createdAt],
    );
    const [pending] = await q<{ id: string }>(
      `INSERT INTO appearances (claim_id, source_id, quote, quote_status, created_at)
       VALUES ($1, $2, 'a pending quote', 'pending', $3) RETURNING id`,
      [claim!.id, source!.id, createdAt],
    );
    const [unquoted] = await q<{ id: string }>(
      `INSERT INTO appearances (claim_id, source_id) VALUES ($1, $2) RETURNING id`,
      [claim!.id, source!.id],
    );
    const [excerpt] = await q<{ id: string }>(
      `INSERT INTO evidence (claim_id, source_id, stance, excerpt, excerpt_status, excerpt_score, excerpt_snapshot_id,
                             excerpt_start, excerpt_end, excerpt_match, excerpt_diff, excerpt_checked_at, created_at)
       VALUES ($1, $2, 'refutes', 'the sky was green', 'approximate', 0.75, $3, 18, 34, 'the sky is green', $4, $5, $6)
       RETURNING id`,
      [claim!.id, source!.id, snapshot!.id, JSON.stringify(diff), checkedAt, createdAt],
    );
    const [unavailable] = await q<{ id: string }>(
      `INSERT INTO evidence (claim_id, source_id, stance, excerpt, excerpt_status, excerpt_checked_at, created_at)
       VALUES ($1, $2, 'context', 'gone', 'source_unavailable', $3, $4) RETURNING id`,
      [claim!.id, source!.id, checkedAt, createdAt],
    );
    await q(`INSERT INTO evidence (claim_id, source_id, stance) VALUES ($1, $2, 'supports')`, [claim!.id, source!.id]);
    await dataSource.destroy();

    dataSource = await migratedTo(index + 1);
    const checks = await q<CheckRow>(
      `SELECT appearance_id, evidence_id, claim_id, source_id, quote, status, score, snapshot_id, start, "end", excerpt,
              diff, checked_at, created_at
         FROM quote_checks ORDER BY status`,
    );
    const common = { claim_id: claim!.id, source_id: source!.id, created_at: createdAt };
    expect(checks).toEqual([
      {
        ...common,
        appearance_id: null,
        evidence_id: excerpt!.id,
        quote: 'the sky was green',
        status: 'approximate',
        score: 0.75,
        snapshot_id: snapshot!.id,
        start: 18,
        end: 34,
        excerpt: 'the sky is green',
        diff,
        checked_at: checkedAt,
      },
      {
        ...common,
        appearance_id: found!.id,
        evidence_id: null,
        quote: 'the sky is green',
        status: 'found',
        score: 1,
        snapshot_id: snapshot!.id,
        start: 18,
        end: 34,
        excerpt: 'the sky is green',
        diff,
        checked_at: checkedAt,
      },
      {
        ...common,
        appearance_id: pending!.id,
        evidence_id: null,
        quote: 'a pending quote',
        status: 'pending',
        score: null,
        snapshot_id: null,
        start: null,
        end: null,
        excerpt: null,
        diff: null,
        checked_at: null,
      },
      {
        ...common,
        appearance_id: null,
        evidence_id: unavailable!.id,
        quote: 'gone',
        status: 'source_unavailable',
        score: null,
        snapshot_id: null,
        start: null,
        end: null,
        excerpt: null,
        diff: null,
        checked_at: checkedAt,
      },
    ]);
    const oldColumns = await q<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name IN ('appearances', 'evidence') AND column_name ~ '^(quote|excerpt)_'`,
    );
    expect(oldColumns).toEqual([]);

    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(
      await q(
        `SELECT id, quote_status AS status, quote_score AS score, quote_snapshot_id AS "snapshotId",
                quote_excerpt AS excerpt, quote_diff AS diff, quote_checked_at AS "checkedAt"
           FROM appearances ORDER BY quote_status NULLS LAST`,
      ),
    ).toEqual([
      {
        id: found!.id,
        status: 'found',
        score: 1,
        snapshotId: snapshot!.id,
        excerpt: 'the sky is green',
        diff,
        checkedAt,
      },
      { id: pending!.id, status: 'pending', score: null, snapshotId: null, excerpt: null, diff: null, checkedAt: null },
      { id: unquoted!.id, status: null, score: null, snapshotId: null, excerpt: null, diff: null, checkedAt: null },
    ]);
    expect(
      await q(
        `SELECT id, excerpt_status AS status, excerpt_match AS match FROM evidence
          WHERE excerpt_status IS NOT NULL ORDER BY excerpt_status`,
      ),
    ).toEqual([
      { id: excerpt!.id, status: 'approximate', match: 'the sky is green' },
      { id: unavailable!.id, status: 'source_unavailable', match: null },
    ]);
  });
});
