import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import type { EventAction } from './event-action';

export interface NewEvent {
  claimId?: string | null;
  sourceId?: string | null;
  /** The account the event is about. */
  userId?: string | null;
  actorId: string | null;
  action: EventAction;
  fromStatus?: string | null;
  toStatus?: string | null;
  data?: Record<string, unknown>;
}

/** An event of a source, as what happened to it last is read. */
export interface SourceEventRow {
  id: string;
  action: string;
  at: Date;
  data: Record<string, unknown>;
}

export interface EventRow {
  id: string;
  at: Date;
  actorId: string | null;
  action: EventAction;
  fromStatus: string | null;
  toStatus: string | null;
  data: Record<string, unknown>;
}

@Injectable()
export class EventsRepository {
  constructor(private readonly db: Database) {}

  async insert(event: NewEvent): Promise<{ id: string; at: Date }> {
    const [row] = await this.db.manager.query<{ id: string; at: Date }[]>(
      `INSERT INTO events (claim_id, source_id, user_id, actor_id, action, from_status, to_status, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id, at`,
      [
        event.claimId ?? null,
        event.sourceId ?? null,
        event.userId ?? null,
        event.actorId,
        event.action,
        event.fromStatus ?? null,
        event.toStatus ?? null,
        JSON.stringify(event.data ?? {}),
      ],
    );
    return row!;
  }

  /**
   * The latest event with one of `actions` of each source, by source id (ids
   * are bigints, as text); with `snapshotIds` (one per source, null for
   * none), only events whose data names that snapshot.
   */
  async latestOfSources(
    sourceIds: readonly string[],
    actions: readonly string[],
    snapshotIds?: readonly (string | null)[],
  ): Promise<Map<string, SourceEventRow>> {
    if (sourceIds.length === 0) return new Map();
    const rows = await this.db.manager.query<(SourceEventRow & { sourceId: string })[]>(
      `SELECT k.source_id AS "sourceId", e.id::text AS id, e.action, e.at, e.data
         FROM unnest($1::uuid[], $2::text[]) AS k(source_id, snapshot_id)
         JOIN LATERAL (SELECT id, action, at, data FROM events
                        WHERE source_id = k.source_id AND action = ANY($3::text[])
                          AND (NOT $4 OR data->>'snapshotId' = k.snapshot_id)
                        ORDER BY id DESC LIMIT 1) e ON true`,
      [sourceIds, snapshotIds ?? sourceIds.map(() => null), actions, snapshotIds !== undefined],
    );
    return new Map(rows.map(({ sourceId, ...event }) => [sourceId, event]));
  }

  /** Inserts the events in one statement; returns their ids and times, in order. */
  async insertMany(events: readonly NewEvent[]): Promise<{ id: string; at: Date }[]> {
    const rows = await this.db.manager.query<{ id: string; at: Date }[]>(
      `INSERT INTO events (claim_id, source_id, user_id, actor_id, action, from_status, to_status, data)
       SELECT claim_id, source_id, user_id, actor_id, action, from_status, to_status, data
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
              WITH ORDINALITY AS e(claim_id, source_id, user_id, actor_id, action, from_status, to_status, data, n)
        ORDER BY n
       RETURNING id::text AS id, at`,
      [
        events.map((event) => event.claimId ?? null),
        events.map((event) => event.sourceId ?? null),
        events.map((event) => event.userId ?? null),
        events.map((event) => event.actorId),
        events.map((event) => event.action),
        events.map((event) => event.fromStatus ?? null),
        events.map((event) => event.toStatus ?? null),
        events.map((event) => JSON.stringify(event.data ?? {})),
      ],
    );
    // Ids are assigned in insertion order, which is the order given.
    return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** A claim's events, oldest first, after the event id `afterId` (the actor by id: accounts knows their name). */
  listForClaim(claimId: string, afterId: string | null, limit: number): Promise<EventRow[]> {
    return this.db.manager.query<EventRow[]>(
      `SELECT e.id::text AS id, e.at, e.actor_id AS "actorId", e.action,
              e.from_status AS "fromStatus", e.to_status AS "toStatus", e.data
         FROM events e
        WHERE e.claim_id = $1 AND ($2::bigint IS NULL OR e.id > $2::bigint)
        ORDER BY e.id
        LIMIT $3`,
      [claimId, afterId, limit],
    );
  }
}
