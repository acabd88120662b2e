import { randomBytes } from 'node:crypto';
import { AccountsModule } from '@claimdesk/accounts';
import type { Database } from '@claimdesk/persistence';
import { aPrincipal, useTestContext } from '@claimdesk/testing';
import type { EventAction } from './event-action';
import { EventLog } from './event-log';
import type { NewEvent } from './events.repository';
import { EventsModule } from './events.module';

interface EventTableRow {
  id: string;
  claim_id: string | null;
  source_id: string | null;
  user_id: string | null;
  actor_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  data: Record<string, unknown>;
  at: Date;
}

describe('EventLog against PostgreSQL', () => {
  const context = useTestContext([EventsModule, AccountsModule]);
  let events: EventLog;
  let db: Database;
  let actor: { id: string; name: string };

  beforeAll(async () => {
    events = context.get(EventLog);
    db = context.db;
    actor = await aUser('Ida Auditor');
  });

  /** A user to act; events reference users by foreign key. */
  async function aUser(name: string): Promise<{ id: string; name: string }> {
    const user = await aPrincipal(context.app, { name, role: 'reviewer' });
    return { id: user.userId, name: user.name };
  }

  /** A bare claim row for events to point at (the claims lib is not under test here). */
  async function aClaim(text = `Claim ${randomBytes(4).toString('hex')}`): Promise<string> {
    const [row] = await db.manager.query<{ id: string }[]>(
      `INSERT INTO claims (text, normalized_text, text_hash, fingerprint)
       VALUES ($1, lower($1), md5(lower($1)), '{}') RETURNING id`,
      [text],
    );
    return row!.id;
  }

  /** A claim event with defaults; override what the test is about. */
  function anEvent(claimId: string, overrides: Partial<NewEvent> = {}): NewEvent {
    return {
      claimId,
      actorId: actor.id,
      action: 'claim.submitted',
      toStatus: 'submitted',
      data: { note: 'built by the spec' },
      ...overrides,
    };
  }

  const rowsOf = (claimId: string): Promise<EventTableRow[]> =>
    db.manager.query<EventTableRow[]>(`SELECT * FROM events WHERE claim_id = $1 ORDER BY id`, [claimId]);

  describe('record', () => {
    it('writes every field of the event', async () => {
      const claimId = await aClaim();

      await events.record(
        anEvent(claimId, {
          action: 'claim.status_changed',
          fromStatus: 'submitted',
          toStatus: 'in_review',
          data: { reason: 'picked up', nested: { n: 1, list: [true, null] } },
        }),
      );

      const rows = await rowsOf(claimId);
      expect(rows).toEqual([
        {
          id: expect.stringMatching(/^\d+$/) as string,
          claim_id: claimId,
          source_id: null,
          user_id: null,
          actor_id: actor.id,
          action: 'claim.status_changed',
          from_status: 'submitted',
          to_status: 'in_review',
          data: { reason: 'picked up', nested: { n: 1, list: [true, null] } },
          at: expect.any(Date) as Date,
        },
      ]);
    });

    it('writes an event without actor, data or statuses', async () => {
      const claimId = await aClaim();

      await events.record({ claimId, actorId: null, action: 'claim.assigned' });

      expect(await rowsOf(claimId)).toEqual([
        expect.objectContaining({ actor_id: null, from_status: null, to_status: null, data: {} }),
      ]);
    });

    it('writes the account an event is about, one at a time and several at once', async () => {
      await events.record({ userId: actor.id, actorId: null, action: 'user.role_changed', data: { to: 'editor' } });
      await events.recordMany([
        { userId: actor.id, actorId: actor.id, action: 'user.password_reset' },
        { userId: actor.id, actorId: null, action: 'user.deactivated' },
      ]);

      const rows = await db.manager.query<EventTableRow[]>(`SELECT * FROM events WHERE user_id = $1 ORDER BY id`, [
        actor.id,
      ]);
      expect(rows.map((row) => [row.action, row.actor_id, row.claim_id])).toEqual([
        ['user.role_changed', null, null],
        ['user.password_reset', actor.id, null],
        ['user.deactivated', null, null],
      ]);
    });

    it('writes nothing when the transaction it joined rolls back', async () => {
      const claimId = await aClaim();

      await expect(
        db.transaction(async () => {
          await events.record(anEvent(claimId));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');

      expect(await rowsOf(claimId)).toEqual([]);
    });

    it('is refused by the database for an action that is not a dotted name', async () => {
      const claimId = await aClaim();

      // Past the type, which refuses it first: the database is the last guard.
      const action = 'Claim Submitted' as EventAction;
      await expect(events.record(anEvent(claimId, { action }))).rejects.toThrow(/events_action_check/);
      expect(await rowsOf(claimId)).toEqual([]);
    });
  });

  describe('listForClaim', () => {
    it('lists a claim’s events oldest first with the actor’s id, and no other claim’s', async () => {
      const claimId = await aClaim();
      const otherClaimId = await aClaim();
      const editor = await aUser('Eda Editor');
      await events.record(anEvent(claimId, { action: 'claim.submitted' }));
      await events.record(anEvent(otherClaimId, { action: 'claim.submitted' }));
      await events.record(
        anEvent(claimId, {
          action: 'claim.status_changed',
          actorId: editor.id,
          fromStatus: 'submitted',
          toStatus: 'in_review',
        }),
      );
      await events.record(anEvent(claimId, { action: 'claim.edited', actorId: null, data: { tags: ['health'] } }));

      const listed = await events.listForClaim(claimId, null, 10);

      expect(listed.map((event) => event.action)).toEqual(['claim.submitted', 'claim.status_changed', 'claim.edited']);
      expect(listed.map((event) => BigInt(event.id))).toEqual(
        listed.map((event) => BigInt(event.id)).sort((a, b) => (a < b ? -1 : 1)),
      );
      expect(listed[0]).toMatchObject({ actorId: actor.id, toStatus: 'submitted' });
      expect(listed[1]).toMatchObject({
        actorId: editor.id,
        fromStatus: 'submitted',
        toStatus: 'in_review',
      });
      expect(listed[2]).toMatchObject({ actorId: null, data: { tags: ['health'] } });
      expect(listed[0]!.at).toBeInstanceOf(Date);
      expect(listed[2]!.at.getTime()).toBeGreaterThanOrEqual(listed[0]!.at.getTime());
    });

    it('pages after an event id, up to the limit', async () => {
      const claimId = await aClaim();
      const steps = [
        'claim.submitted',
        'claim.assigned',
        'claim.status_changed',
        'verdict.given',
        'claim.published',
      ] as const;
      for (const action of steps) await events.record(anEvent(claimId, { action }));

      const first = await events.listForClaim(claimId, null, 2);
      const second = await events.listForClaim(claimId, first.at(-1)!.id, 2);
      const third = await events.listForClaim(claimId, second.at(-1)!.id, 2);
      const beyond = await events.listForClaim(claimId, third.at(-1)!.id, 2);

      expect([first, second, third].map((page) => page.map((event) => event.action))).toEqual([
        ['claim.submitted', 'claim.assigned'],
        ['claim.status_changed', 'verdict.given'],
        ['claim.published'],
      ]);
      expect(beyond).toEqual([]);
    });

    it('lists nothing for a claim without events', async () => {
      expect(await events.listForClaim(await aClaim(), null, 10)).toEqual([]);
    });
  });

  describe('the events table is append-only', () => {
    let claimId: string;

    beforeAll(async () => {
      claimId = await aClaim();
      await events.record(anEvent(claimId, { data: { original: true } }));
    });

    it('refuses UPDATE', async () => {
      await expect(
        db.manager.query(`UPDATE events SET action = 'claim.forged', data = '{}' WHERE claim_id = $1`, [claimId]),
      ).rejects.toThrow(/events is append-only: UPDATE refused/);
      expect(await rowsOf(claimId)).toEqual([
        expect.objectContaining({ action: 'claim.submitted', data: { original: true } }),
      ]);
    });

    it('refuses DELETE', async () => {
      await expect(db.manager.query(`DELETE FROM events WHERE claim_id = $1`, [claimId])).rejects.toThrow(
        /events is append-only: DELETE refused/,
      );
      expect(await rowsOf(claimId)).toHaveLength(1);
    });

    it('refuses TRUNCATE', async () => {
      await expect(db.manager.query(`TRUNCATE events`)).rejects.toThrow(/events is append-only: TRUNCATE refused/);
      expect(await rowsOf(claimId)).toHaveLength(1);
    });
  });
});
