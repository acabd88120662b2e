import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ClaimsService } from '@claimdesk/claims';
import { useTestContext } from '@claimdesk/testing';
import { ClaimIndexFeed } from './claim-index.feed';
import { MatchingModule } from './matching.module';
import { MatchingService } from './matching.service';

/** Inserts a claim the way any process would, on a connection of its own. */
async function insertClaim(client: pg.Client, text: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO claims (text, normalized_text, text_hash, fingerprint) VALUES ($1, lower($1), md5($1), '{}') RETURNING id`,
    [text],
  );
  return rows[0]!.id;
}

const aWord = (): string => `w${randomBytes(5).toString('hex')}`;

describe('ClaimIndexFeed against PostgreSQL', () => {
  const context = useTestContext([MatchingModule]);
  let feed: ClaimIndexFeed;
  let matching: MatchingService;
  const clients: pg.Client[] = [];

  beforeAll(() => {
    feed = context.get(ClaimIndexFeed);
    matching = context.get(MatchingService);
  });

  context.beforeClose(() => Promise.all(clients.map((client) => client.end())));

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: context.database.url });
    await client.connect();
    clients.push(client);
    return client;
  }

  const indexed = (word: string): string[] => feed.index.search(word, 10).map((hit) => hit.id);

  it('picks up a transaction that commits after a later one was already read', async () => {
    const slow = await connect();
    const fast = await connect();
    const slowWord = aWord();
    const fastWord = aWord();

    await slow.query('BEGIN');
    const slowId = await insertClaim(slow, `Slow transaction ${slowWord} claim`);
    const fastId = await insertClaim(fast, `Fast transaction ${fastWord} claim`);
    await feed.catchUp();
    expect(indexed(fastWord)).toEqual([fastId]);
    expect(indexed(slowWord)).toEqual([]);

    // Committed after the feed moved past the fast one's stamp: still read next time.
    await slow.query('COMMIT');
    await feed.catchUp();
    expect(indexed(slowWord)).toEqual([slowId]);
  });

  it('never indexes a text that was rolled back', async () => {
    const client = await connect();
    const word = aWord();
    await client.query('BEGIN');
    await insertClaim(client, `Rolled back ${word}`);
    await client.query('ROLLBACK');
    await feed.catchUp();
    expect(indexed(word)).toEqual([]);
  });

  it('follows an edited text, forgetting its old words', async () => {
    const client = await connect();
    const before = aWord();
    const after = aWord();
    const id = await insertClaim(client, `Edited claim ${before}`);
    await feed.catchUp();
    expect(indexed(before)).toEqual([id]);
    await client.query(`UPDATE claims SET text = $2 WHERE id = $1`, [id, `Edited claim ${after}`]);
    await feed.catchUp();
    expect(indexed(before)).toEqual([]);
    expect(indexed(after)).toEqual([id]);
  });

  it('gives every caller of a concurrent burst of lookups what was committed before it asked', async () => {
    const client = await connect();
    const words = Array.from({ length: 20 }, aWord);
    const results = await Promise.all(
      words.map(async (word) => {
        const id = await insertClaim(client, `Burst claim about ${word}`);
        const found = await matching.match(`burst ${word}`, { limit: 3 });
        return found.map((match) => match.claim.id).includes(id);
      }),
    );
    expect(results).toEqual(words.map(() => true));
  });

  it('loads claims written before the process started in pages', async () => {
    const client = await connect();
    const word = aWord();
    // More than one page of the feed (5,000 rows).
    await client.query(
      `INSERT INTO claims (text, normalized_text, text_hash, fingerprint)
       SELECT 'Bulk claim ' || g || ' ' || $1, 'x', md5(g::text || $1), '{}' FROM generate_series(1, 6000) g`,
      [word],
    );
    const fresh = new ClaimIndexFeed(context.get(ClaimsService));
    await fresh.catchUp();
    expect(fresh.index.size).toBeGreaterThanOrEqual(6000);
    expect(fresh.index.search(`bulk claim 5999 ${word}`, 1)).toHaveLength(1);
  });
});
