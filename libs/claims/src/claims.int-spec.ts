import { randomBytes, randomUUID } from 'node:crypto';
import { AccountsModule, type Principal } from '@claimdesk/accounts';
import type { Database } from '@claimdesk/persistence';
import { SourcesService } from '@claimdesk/sources';
import { aClaim, aPrincipal, rejectionOf, useTestContext } from '@claimdesk/testing';
import type { ClaimFilters, ClaimSubmission, ClaimSummaryView, ClaimView } from './claim.views';
import { ClaimsModule } from './claims.module';
import { ClaimsService } from './claims.service';

interface EventTableRow {
  claim_id: string | null;
  actor_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  data: Record<string, unknown>;
}

/** A tag of its own, so a test lists only the claims it submitted. */
const aTag = (): string => `t${randomBytes(5).toString('hex')}`;

/** A name no other test uses. */
const aName = (prefix: string): string => `${prefix} ${randomBytes(4).toString('hex')}`;

const idsOf = (items: readonly { id: string }[]): string[] => items.map((item) => item.id);

describe('ClaimsService against PostgreSQL', () => {
  const context = useTestContext([ClaimsModule, AccountsModule]);
  let claims: ClaimsService;
  let db: Database;
  let actor: Principal;

  beforeAll(async () => {
    claims = context.get(ClaimsService);
    db = context.db;
    actor = await aPrincipal(context.app, { name: 'Clara Claimdesk' });
  });

  /** Submits the claims one after the other (each in its own transaction, so each newer than the last). */
  async function submitAll(...inputs: ClaimSubmission[]): Promise<ClaimView[]> {
    const submitted: ClaimView[] = [];
    for (const input of inputs) submitted.push(await claims.submit(actor, input));
    return submitted;
  }

  /** Every page of a list, following nextCursor. */
  async function allPages(filters: ClaimFilters, limit: number): Promise<ClaimSummaryView[][]> {
    const pages: ClaimSummaryView[][] = [];
    let cursor: string | undefined;
    do {
      const page = await claims.list(filters, cursor, limit);
      pages.push(page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && pages.length < 20);
    return pages;
  }

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const [row] = await db.manager.query<{ count: string }[]>(sql, params);
    return Number(row!.count);
  };

  const eventsOf = (claimId: string): Promise<EventTableRow[]> =>
    db.manager.query<EventTableRow[]>(
      `SELECT claim_id, actor_id, action, from_status, to_status, data FROM events WHERE claim_id = $1 ORDER BY id`,
      [claimId],
    );

  const setStatus = async (claimId: string, status: string): Promise<void> => {
    await db.manager.query(`UPDATE claims SET status = $2 WHERE id = $1`, [claimId, status]);
  };

  describe('submit', () => {
    it('records the claim as submitted, with normalised tags, and returns it', async () => {
      const input = aClaim({ claimDate: '2024-03-05', language: 'fr', tags: [' Health ', 'health', 'BUDGET', ' '] });

      const claim = await claims.submit(actor, input);

      expect(claim).toMatchObject({
        text: input.text,
        status: 'submitted',
        version: 1,
        claimant: null,
        claimDate: '2024-03-05',
        language: 'fr',
        tags: ['health', 'budget'],
        checkWorthiness: null,
        appearances: [],
      });
      const [row] = await db.manager.query<{ created_by: string; normalized_text: string }[]>(
        `SELECT created_by, normalized_text FROM claims WHERE id = $1`,
        [claim.id],
      );
      expect(row).toEqual({ created_by: actor.userId, normalized_text: input.text.toLowerCase().replace(/\.$/, '') });
    });

    it('records claim.submitted with the claim, in the same transaction', async () => {
      const claimantName = aName('Senator');
      const claim = await claims.submit(actor, aClaim({ claimant: { name: claimantName } }));

      expect(await eventsOf(claim.id)).toEqual([
        {
          claim_id: claim.id,
          actor_id: actor.userId,
          action: 'claim.submitted',
          from_status: null,
          to_status: 'submitted',
          data: { text: claim.text, claimantId: claim.claimant!.id, appearance: null },
        },
      ]);
    });

    it('writes neither claim, claimant, source nor job when recording its event fails', async () => {
      const marker = `poison${randomBytes(4).toString('hex')}`;
      // A trigger that refuses this one claim's event, so the failure comes after every other write.
      await db.manager.query(`
        CREATE FUNCTION refuse_marked_event() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.data->>'text' LIKE '%${marker}%' THEN RAISE EXCEPTION 'event refused by the spec'; END IF;
          RETURN NEW;
        END $$`);
      await db.manager.query(
        `CREATE TRIGGER refuse_marked_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_marked_event()`,
      );
      const claimantName = aName('Poisoned Claimant');
      const url = `https://poison.example.org/${marker}`;
      const tables = ['claims', 'claimants', 'appearances', 'sources', 'outbox_job', 'events'];
      const counts = async (): Promise<number[]> =>
        Promise.all(tables.map(async (table) => count(`SELECT count(*) FROM ${table}`)));
      const before = await counts();
      try {
        await expect(
          claims.submit(
            actor,
            aClaim({ text: `A claim marked ${marker}.`, claimant: { name: claimantName }, appearance: { url } }),
          ),
        ).rejects.toThrow('event refused by the spec');
      } finally {
        await db.manager.query(`DROP TRIGGER refuse_marked_event ON events`);
        await db.manager.query(`DROP FUNCTION refuse_marked_event()`);
      }

      expect(await counts()).toEqual(before);
      expect(await count(`SELECT count(*) FROM claimants WHERE name = $1`, [claimantName])).toBe(0);
      expect(await count(`SELECT count(*) FROM sources WHERE url = $1`, [url])).toBe(0);
    });

    it('refuses a text without letters or digits as invalid', async () => {
      const error = await rejectionOf(claims.submit(actor, aClaim({ text: ' … !? ' })));

      expect(error.kind).toBe('invalid');
      expect(error.details.errors).toEqual([expect.objectContaining({ field: 'text' })]);
    });

    it('refuses an appearance naming both url and sourceId, or neither, as invalid', async () => {
      for (const appearance of [{ url: 'https://example.org/a', sourceId: randomUUID() }, { quote: 'no source' }]) {
        const error = await rejectionOf(claims.submit(actor, aClaim({ appearance })));
        expect(error.kind).toBe('invalid');
        expect(error.details.errors).toEqual([expect.objectContaining({ field: 'appearance' })]);
      }
    });

    describe('claimant', () => {
      it('finds the claimant by normalised name rather than creating a second one', async () => {
        const name = aName('Governor Ada Lovelace');

        const [first, second] = await submitAll(
          aClaim({ claimant: { name: `  ${name}  ` } }),
          aClaim({ claimant: { name: `GOVERNOR ada lovelace, ${name.split(' ').at(-1)!}.` } }),
        );

        expect(first!.claimant).toEqual({ id: expect.any(String) as string, name, role: null });
        expect(second!.claimant?.id).toBe(first!.claimant!.id);
        expect(second!.claimant?.name).toBe(name);
        expect(await count(`SELECT count(*) FROM claimants WHERE id = $1`, [first!.claimant!.id])).toBe(1);
      });

      it("keeps each claim's role, and records the claimant's first known role for claims without one", async () => {
        const name = aName('Mayor Grace');

        const [noRole, withRole, otherRole] = await submitAll(
          aClaim({ claimant: { name } }),
          aClaim({ claimant: { name, role: ' Mayor of Springfield ' } }),
          aClaim({ claimant: { name, role: 'Former mayor' } }),
        );

        expect(noRole!.claimant?.role).toBeNull();
        expect(withRole!.claimant).toEqual({ id: noRole!.claimant!.id, name, role: 'Mayor of Springfield' });
        expect(otherRole!.claimant?.role).toBe('Former mayor');
        expect((await claims.get(noRole!.id)).claimant?.role).toBe('Mayor of Springfield');
        const [row] = await db.manager.query<{ role: string | null }[]>(`SELECT role FROM claimants WHERE id = $1`, [
          noRole!.claimant!.id,
        ]);
        expect(row?.role).toBe('Mayor of Springfield');
      });
    });

    describe('appearance', () => {
      it('cites a new URL: creates the source, queues its fetch, records the quote as pending', async () => {
        const url = `https://news.example.org/${randomBytes(5).toString('hex')}/article`;

        const claim = await claims.submit(actor, aClaim({ appearance: { url, quote: 'we spent less than ever' } }));

        expect(claim.appearances).toEqual([
          expect.objectContaining({
            url,
            quote: 'we spent less than ever',
            quoteCheck: expect.objectContaining({ status: 'pending', score: null }) as object,
          }),
        ]);
        const sourceId = claim.appearances[0]!.sourceId;
        const [source] = await db.manager.query<{ normalized_url: string; created_by: string }[]>(
          `SELECT normalized_url, created_by FROM sources WHERE id = $1`,
          [sourceId],
        );
        expect(source).toEqual({ normalized_url: url, created_by: actor.userId });
        expect(await count(`SELECT count(*) FROM outbox_job WHERE job_id = $1`, [`source.fetch.${sourceId}`])).toBe(1);
        expect((await eventsOf(claim.id))[0]?.data).toMatchObject({
          appearance: { sourceId, quote: 'we spent less than ever' },
        });
      });

      it('reuses the source of a URL already known, in any spelling, without a second fetch', async () => {
        const path = randomBytes(5).toString('hex');
        const first = await claims.submit(actor, aClaim({ appearance: { url: `https://news.example.org/${path}` } }));

        const second = await claims.submit(
          actor,
          aClaim({ appearance: { url: `https://NEWS.example.org:443/${path}#section-2` } }),
        );

        expect(second.appearances[0]!.sourceId).toBe(first.appearances[0]!.sourceId);
        expect(second.appearances[0]!.quoteCheck).toBeNull();
        expect(
          await count(`SELECT count(*) FROM sources WHERE normalized_url = $1`, [`https://news.example.org/${path}`]),
        ).toBe(1);
        expect(
          await count(`SELECT count(*) FROM outbox_job WHERE data->>'sourceId' = $1`, [first.appearances[0]!.sourceId]),
        ).toBe(1);
      });

      it('cites a registered source by id without creating it, and queues the check of its quote', async () => {
        const { source } = await context.get(SourcesService).register(actor.userId, {
          url: `https://archive.example.org/${randomBytes(5).toString('hex')}`,
          text: 'Archived.',
        });
        const sourcesBefore = await count(`SELECT count(*) FROM sources`);
        const jobsBefore = await count(`SELECT count(*) FROM outbox_job`);

        const claim = await claims.submit(actor, aClaim({ appearance: { sourceId: source.id, quote: 'Archived' } }));

        expect(claim.appearances).toEqual([
          expect.objectContaining({ sourceId: source.id, url: source.url, quote: 'Archived' }),
        ]);
        expect(await count(`SELECT count(*) FROM sources`)).toBe(sourcesBefore);
        expect(await count(`SELECT count(*) FROM outbox_job`)).toBe(jobsBefore + 1);
        expect(
          await count(`SELECT count(*) FROM outbox_job WHERE name = 'quote.check' AND data->>'appearanceId' = $1`, [
            claim.appearances[0]!.id,
          ]),
        ).toBe(1);
      });

      it('refuses an unknown sourceId as not found and writes nothing', async () => {
        const claimantName = aName('Rolled Back');
        const input = aClaim({ claimant: { name: claimantName }, appearance: { sourceId: randomUUID() } });
        const eventsBefore = await count(`SELECT count(*) FROM events`);

        const error = await rejectionOf(claims.submit(actor, input));

        expect(error.kind).toBe('not_found');
        expect(error.code).toBe('source.not_found');
        expect(await count(`SELECT count(*) FROM claims WHERE text = $1`, [input.text])).toBe(0);
        expect(await count(`SELECT count(*) FROM claimants WHERE name = $1`, [claimantName])).toBe(0);
        expect(await count(`SELECT count(*) FROM events`)).toBe(eventsBefore);
      });
    });

    describe('similar claims', () => {
      const base = 'The city council spent 4.2 million dollars on the new harbour bridge in 2023.';
      let original: ClaimView;
      let unrelated: ClaimView;
      let exact: ClaimView;
      let near: ClaimView;

      beforeAll(async () => {
        [original, unrelated] = (await submitAll(
          aClaim({ text: base }),
          aClaim({ text: 'Vaccination rates among teenagers doubled since last spring.' }),
        )) as [ClaimView, ClaimView];
        [exact] = (await submitAll(
          aClaim({ text: 'the CITY council spent 4.2 million dollars on the new harbour-bridge, in 2023!' }),
        )) as [ClaimView];
        [near] = (await submitAll(
          aClaim({ text: 'The city council spent 4.2 million dollars on the new harbour tunnel in 2023.' }),
        )) as [ClaimView];
      });

      it('lists an exact duplicate (other case and punctuation) with match exact and score 1', () => {
        expect(exact.similar).toEqual([
          expect.objectContaining({ id: original.id, text: base, match: 'exact', score: 1, status: 'submitted' }),
        ]);
      });

      it('lists a near duplicate (one word changed) with match near and a score of at least 0.5', () => {
        expect(near.similar.map((similar) => [similar.id, similar.match])).toEqual(
          expect.arrayContaining([
            [original.id, 'near'],
            [exact.id, 'near'],
          ]),
        );
        for (const similar of near.similar) {
          expect(similar.score).toBeGreaterThanOrEqual(0.5);
          expect(similar.score).toBeLessThan(1);
        }
      });

      it('does not list an unrelated claim, and lists exact matches before near ones', async () => {
        expect(idsOf(near.similar)).not.toContain(unrelated.id);
        expect(unrelated.similar).toEqual([]);

        const reread = await claims.get(original.id);

        expect(reread.similar.map((similar) => [similar.id, similar.match])).toEqual([
          [exact.id, 'exact'],
          [near.id, 'near'],
        ]);
      });
    });
  });

  describe('listCitingSource', () => {
    it('lists the claims with an appearance on the source, newest first, up to the limit', async () => {
      const url = `https://citing.example.org/${randomBytes(4).toString('hex')}`;
      const [first, , second] = await submitAll(
        aClaim({ appearance: { url } }),
        aClaim({ appearance: { url: `${url}-elsewhere` } }),
        aClaim({ appearance: { url, quote: 'one quote' } }),
      );
      const sourceId = first!.appearances[0]!.sourceId;

      expect(idsOf(await claims.listCitingSource(sourceId, 50))).toEqual([second!.id, first!.id]);
      expect(idsOf(await claims.listCitingSource(sourceId, 1))).toEqual([second!.id]);
      expect(await claims.listCitingSource(randomUUID(), 50)).toEqual([]);
    });
  });

  describe('list', () => {
    it('lists newest first', async () => {
      const tag = aTag();
      const submitted = await submitAll(aClaim({ tags: [tag] }), aClaim({ tags: [tag] }), aClaim({ tags: [tag] }));

      const unfiltered = await claims.list({}, undefined, 3);
      const tagged = await claims.list({ tag }, undefined, 10);

      expect(idsOf(unfiltered.items)).toEqual(idsOf(submitted).reverse());
      expect(idsOf(tagged.items)).toEqual(idsOf(submitted).reverse());
      expect(tagged.nextCursor).toBeNull();
    });

    it('filters by status', async () => {
      const tag = aTag();
      const [inReview, submitted] = await submitAll(aClaim({ tags: [tag] }), aClaim({ tags: [tag] }));
      await setStatus(inReview!.id, 'in_review');

      expect(idsOf((await claims.list({ tag, status: 'in_review' }, undefined, 10)).items)).toEqual([inReview!.id]);
      expect(idsOf((await claims.list({ tag, status: 'submitted' }, undefined, 10)).items)).toEqual([submitted!.id]);
      expect((await claims.list({ tag, status: 'published' }, undefined, 10)).items).toEqual([]);
    });

    it('filters by tag, in any case', async () => {
      const tag = aTag();
      const [tagged] = await submitAll(aClaim({ tags: [tag.toUpperCase(), 'economy'] }), aClaim({ tags: ['economy'] }));

      expect(idsOf((await claims.list({ tag: tag.toUpperCase() }, undefined, 10)).items)).toEqual([tagged!.id]);
    });

    it('filters by claimant id and by claimant name, and lists nothing for an unknown claimant', async () => {
      const name = aName("Dr. Jane O'Neil");
      const [first, , second] = await submitAll(
        aClaim({ claimant: { name } }),
        aClaim({ claimant: { name: aName('Someone Else') } }),
        aClaim({ claimant: { name } }),
      );
      const claimantId = first!.claimant!.id;

      expect(idsOf((await claims.list({ claimant: claimantId }, undefined, 10)).items)).toEqual([
        second!.id,
        first!.id,
      ]);
      expect(
        idsOf((await claims.list({ claimant: ` dr jane ONEIL ${name.split(' ').at(-1)!} ` }, undefined, 10)).items),
      ).toEqual([second!.id, first!.id]);
      expect(await claims.list({ claimant: aName('Nobody') }, undefined, 10)).toEqual({
        items: [],
        nextCursor: null,
        prevCursor: null,
      });
      expect(await claims.list({ claimant: randomUUID() }, undefined, 10)).toEqual({
        items: [],
        nextCursor: null,
        prevCursor: null,
      });
    });

    it('filters by a claimant id written in upper case', async () => {
      const [claim] = await submitAll(aClaim({ claimant: { name: aName('Upper Case') } }));

      const page = await claims.list({ claimant: claim!.claimant!.id.toUpperCase() }, undefined, 10);

      expect(idsOf(page.items)).toEqual([claim!.id]);
    });

    it('pages with cursors, newest first, without repeats or gaps', async () => {
      const tag = aTag();
      const submitted = await submitAll(...Array.from({ length: 5 }, () => aClaim({ tags: [tag] })));

      const pages = await allPages({ tag }, 2);

      expect(pages.map(idsOf)).toEqual([
        [submitted[4]!.id, submitted[3]!.id],
        [submitted[2]!.id, submitted[1]!.id],
        [submitted[0]!.id],
      ]);
    });

    it('pages claims created in the same instant by id', async () => {
      const tag = aTag();
      // One transaction: every claim gets the same created_at, so only the id orders them.
      const submitted = await db.transaction(async () =>
        submitAll(...Array.from({ length: 5 }, () => aClaim({ tags: [tag] }))),
      );

      const pages = await allPages({ tag }, 2);

      const expected = idsOf(submitted).sort().reverse();
      expect(pages.flatMap(idsOf)).toEqual(expected);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    });

    it('refuses a cursor it did not give out as invalid, naming the cursor field', async () => {
      const searchCursor = Buffer.from(JSON.stringify({ s: 0.5, i: randomUUID() })).toString('base64url');
      for (const cursor of ['not a cursor', Buffer.from('[1,2]').toString('base64url'), searchCursor]) {
        const error = await rejectionOf(claims.list({}, cursor, 10));
        expect(error.kind).toBe('invalid');
        expect(error.code).toBe('cursor.invalid');
        expect(error.details.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
      }
    });

    describe('search with q', () => {
      it('finds claims containing every word asked for', async () => {
        const tag = aTag();
        const [both] = await submitAll(
          aClaim({
            tags: [tag],
            text: 'Wind turbines produced forty percent of the region’s electricity last winter.',
          }),
          aClaim({ tags: [tag], text: 'Wind turbines kill more birds than domestic cats do.' }),
          aClaim({ tags: [tag], text: 'Solar farms produced forty percent of the electricity in July.' }),
        );

        const found = await claims.list({ q: 'Turbines, electricity!', tag }, undefined, 10);

        expect(idsOf(found.items)).toEqual([both!.id]);
        expect(found.items[0]!.score).toBeGreaterThan(0);
      });

      it('ranks the better match first', async () => {
        const tag = aTag();
        const [loose, close] = await submitAll(
          aClaim({
            tags: [tag],
            text: 'The ferry was late because of the strong northerly wind, while the old harbour cranes and the turbines by the pier stood still all week.',
          }),
          aClaim({ tags: [tag], text: 'Ferry wind turbines cut harbour emissions.' }),
        );

        const found = await claims.list({ q: 'ferry wind turbines', tag }, undefined, 10);

        expect(idsOf(found.items)).toEqual([close!.id, loose!.id]);
        expect(found.items[0]!.score).toBeGreaterThan(found.items[1]!.score!);
      });

      it('respects the status, tag and claimant filters', async () => {
        const tag = aTag();
        const claimant = aName('Minister Quill');
        const text = `Quillfeather tariffs raised bread prices ${randomBytes(3).toString('hex')}.`;
        const [kept, otherTag, reviewed, otherClaimant] = await submitAll(
          aClaim({ text, tags: [tag], claimant: { name: claimant } }),
          aClaim({ text, tags: [aTag()], claimant: { name: claimant } }),
          aClaim({ text, tags: [tag], claimant: { name: claimant } }),
          aClaim({ text, tags: [tag], claimant: { name: aName('Someone Else') } }),
        );
        await setStatus(reviewed!.id, 'in_review');

        const found = await claims.list(
          { q: 'quillfeather tariffs', tag, status: 'submitted', claimant },
          undefined,
          10,
        );

        expect(idsOf(found.items)).toEqual([kept!.id]);
        expect(idsOf((await claims.list({ q: 'quillfeather tariffs' }, undefined, 10)).items).sort()).toEqual(
          [kept!.id, otherTag!.id, reviewed!.id, otherClaimant!.id].sort(),
        );
      });

      it('pages search results with cursors, best first, without repeats', async () => {
        const tag = aTag();
        const texts = [
          'Dredging the harbour cost the port authority twelve million.',
          'Dredging the harbour cost the port authority twelve million.',
          'Harbour dredging.',
          'Harbour dredging resumed after the storm damaged the northern quay and the old lighthouse.',
          'The harbour needs dredging every other year, engineers say.',
          'Dredging the harbour, dredging the river: the budget for both doubled.',
        ];
        const submitted = await submitAll(...texts.map((text) => aClaim({ text, tags: [tag] })));

        const whole = await claims.list({ q: 'harbour dredging', tag }, undefined, 50);
        const pages = await allPages({ q: 'harbour dredging', tag }, 2);

        const paged = pages.flat();
        expect(new Set(idsOf(paged)).size).toBe(paged.length);
        expect(idsOf(paged).sort()).toEqual(idsOf(submitted).sort());
        expect(idsOf(paged)).toEqual(idsOf(whole.items));
        const scores = paged.map((item) => item.score!);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      });

      it('refuses a newest-first cursor as invalid', async () => {
        const tag = aTag();
        await submitAll(aClaim({ tags: [tag] }), aClaim({ tags: [tag] }));
        const { nextCursor } = await claims.list({ tag }, undefined, 1);

        const error = await rejectionOf(claims.list({ q: 'spec claim', tag }, nextCursor!, 1));

        expect(error.code).toBe('cursor.invalid');
      });
    });
  });

  describe('listEvents', () => {
    it('lists the claim’s audit trail with the actor named', async () => {
      const claim = await claims.submit(actor, aClaim());

      const page = await claims.listEvents(claim.id, undefined, 10);

      expect(page).toEqual({
        items: [
          expect.objectContaining({
            actor: { id: actor.userId, name: 'Clara Claimdesk' },
            action: 'claim.submitted',
            from: null,
            to: 'submitted',
          }),
        ],
        nextCursor: null,
      });
    });

    it('refuses an unknown claim as not found', async () => {
      const error = await rejectionOf(claims.listEvents(randomUUID(), undefined, 10));

      expect(error.kind).toBe('not_found');
      expect(error.code).toBe('claim.not_found');
    });

    it('refuses an unknown claim on get as not found', async () => {
      const error = await rejectionOf(claims.get(randomUUID()));

      expect(error.kind).toBe('not_found');
      expect(error.code).toBe('claim.not_found');
    });
  });
});
