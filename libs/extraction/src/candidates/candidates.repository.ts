import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import type { FetchStatus } from '@claimdesk/sources';
import type { RuleFeatures, StatementKind } from '../statement';
import type { CandidatePosition } from './candidate-cursor';

/** The event actions that record extraction on a source. */
export const extractionActions = {
  requested: 'source.extraction_requested',
  extracted: 'source.claims_extracted',
  failed: 'source.extraction_failed',
} as const;

/**
 * What the extraction state of a source is computed from: its flag, its
 * latest snapshot (kept by libs/sources), the latest outcome recorded for
 * that snapshot and the latest request (events). Event ids are bigints, as text.
 */
export interface ExtractionStateRow {
  extractClaims: boolean;
  fetchStatus: FetchStatus;
  snapshotId: string | null;
  outcomeId: string | null;
  outcomeAction: (typeof extractionActions)['extracted' | 'failed'] | null;
  outcomeAt: Date | null;
  requestId: string | null;
  /** The BullMQ job id the latest request queued, when it queued one. */
  requestJobId: string | null;
}

export interface CandidateRow {
  id: string;
  sourceId: string;
  snapshotId: string;
  kind: StatementKind;
  text: string;
  start: number;
  end: number;
  sentenceStart: number;
  sentenceEnd: number;
  speakerName: string | null;
  speakerRole: string | null;
  speakerAnonymous: boolean | null;
  score: number;
  features: RuleFeatures;
  rank: number;
  promotedClaimId: string | null;
  createdAt: Date;
}

export type NewCandidate = Omit<CandidateRow, 'id' | 'sourceId' | 'snapshotId' | 'promotedClaimId' | 'createdAt'>;

const candidateColumns = `id, source_id AS "sourceId", snapshot_id AS "snapshotId", kind, text, start, "end",
  sentence_start AS "sentenceStart", sentence_end AS "sentenceEnd", speaker_name AS "speakerName",
  speaker_role AS "speakerRole", speaker_anonymous AS "speakerAnonymous", score, features, rank,
  promoted_claim_id AS "promotedClaimId", created_at AS "createdAt"`;

/** SQL of claim extraction's candidates. */
@Injectable()
export class CandidatesRepository {
  constructor(private readonly db: Database) {}

  /**
   * Drops the candidates of the source's other snapshots that nobody
   * promoted; returns how many it dropped.
   */
  async dropUnpromotedExcept(sourceId: string, snapshotId: string): Promise<number> {
    const [, count] = await this.db.manager.query<[unknown[], number]>(
      `DELETE FROM claim_candidates WHERE source_id = $1 AND snapshot_id <> $2 AND promoted_claim_id IS NULL`,
      [sourceId, snapshotId],
    );
    return count;
  }

  /**
   * Inserts the snapshot's candidates in one statement, leaving out spans
   * already stored and statements a kept (promoted) candidate of the source
   * already stands for (same kind and text). Returns how many it inserted.
   */
  async insertCandidates(sourceId: string, snapshotId: string, candidates: readonly NewCandidate[]): Promise<number> {
    if (candidates.length === 0) return 0;
    const column = <T>(pick: (candidate: NewCandidate) => T): T[] => candidates.map(pick);
    const rows = await this.db.manager.query<{ id: string }[]>(
      `INSERT INTO claim_candidates (source_id, snapshot_id, kind, text, start, "end", sentence_start, sentence_end,
                                     speaker_name, speaker_role, speaker_anonymous, score, features, rank)
       SELECT $1, $2, c.kind, c.text, c.start, c.end, c.sentence_start, c.sentence_end,
              c.speaker_name, c.speaker_role, c.speaker_anonymous, c.score, c.features, c.rank
         FROM unnest($3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::text[], $10::text[],
                     $11::boolean[], $12::real[], $13::jsonb[], $14::int[])
              AS c(kind, text, start, "end", sentence_start, sentence_end, speaker_name, speaker_role,
                   speaker_anonymous, score, features, rank)
        WHERE NOT EXISTS (SELECT 1 FROM claim_candidates kept
                           WHERE kept.source_id = $1 AND kept.promoted_claim_id IS NOT NULL
                             AND kept.kind = c.kind AND kept.text = c.text)
       ON CONFLICT (snapshot_id, kind, start, "end") DO NOTHING
       RETURNING id`,
      [
        sourceId,
        snapshotId,
        column((c) => c.kind),
        column((c) => c.text),
        column((c) => c.start),
        column((c) => c.end),
        column((c) => c.sentenceStart),
        column((c) => c.sentenceEnd),
        column((c) => c.speakerName),
        column((c) => c.speakerRole),
        column((c) => c.speakerAnonymous),
        column((c) => c.score),
        column((c) => JSON.stringify(c.features)),
        column((c) => c.rank),
      ],
    );
    return rows.length;
  }

  /** A page of the source's candidates, best first, after `after`. */
  listBestFirst(sourceId: string, after: CandidatePosition | null, limit: number): Promise<CandidateRow[]> {
    // The score is compared as the real it is stored as: as a double, 0.7 would not equal the stored 0.7.
    return this.db.manager.query<CandidateRow[]>(
      `SELECT ${candidateColumns} FROM claim_candidates
        WHERE source_id = $1
          AND ($2::real IS NULL OR score < $2::real OR (score = $2::real AND (rank, id) > ($3::int, $4::uuid)))
        ORDER BY score DESC, rank, id
        LIMIT $5`,
      [sourceId, after?.score ?? null, after?.rank ?? null, after?.id ?? null, limit],
    );
  }

  /** The candidate of the source, locked for the rest of the transaction; null when the source has no such candidate. */
  async lockCandidate(sourceId: string, candidateId: string): Promise<CandidateRow | null> {
    const [row] = await this.db.manager.query<CandidateRow[]>(
      `SELECT ${candidateColumns} FROM claim_candidates WHERE id = $1 AND source_id = $2 FOR UPDATE`,
      [candidateId, sourceId],
    );
    return row ?? null;
  }

  async markPromoted(candidateId: string, claimId: string): Promise<void> {
    await this.db.manager.query(`UPDATE claim_candidates SET promoted_claim_id = $2 WHERE id = $1`, [
      candidateId,
      claimId,
    ]);
  }
}
