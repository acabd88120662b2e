import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, fieldProblem } from '@claimdesk/errors';
import { EventLog } from '@claimdesk/events';
import { Database } from '@claimdesk/persistence';
import { JobOutbox } from '@claimdesk/queue';
import type { SourceSnapshot } from './source-snapshot.entity';
import { normalizeSourceUrl } from './source-url';
import type { FetchStatus, Source } from './source.entity';
import { compareTexts } from './compare-texts';
import type { SnapshotChangesView, SnapshotSummaryView, SnapshotView, SourceInput, SourceView } from './source.views';
import {
  type ExtractionFacts,
  type NewSnapshot,
  type SnapshotSummary,
  SourcesRepository,
  type TextRead,
} from './sources.repository';

/** What a fetch of a source starts from. */
export interface SourceToFetch {
  id: string;
  url: string;
  fetchStatus: FetchStatus;
}

/** Sources, their snapshots, and the jobs that fetch them. */
@Injectable()
export class SourcesService {
  constructor(
    private readonly db: Database,
    private readonly sources: SourcesRepository,
    private readonly events: EventLog,
    private readonly outbox: JobOutbox,
  ) {}

  /**
   * Registers a source, or finds the one with the same canonical URL. A new
   * source without text is queued for fetching; text given becomes a snapshot.
   * With `extractClaims`, claims are extracted from its latest snapshot and
   * from every new one. `actorId` is null for an operator's command.
   */
  async register(actorId: string | null, input: SourceInput): Promise<{ source: SourceView; created: boolean }> {
    return this.db.transaction(async () => {
      const { source, created } = await this.findOrCreate(actorId, input);
      let added = false;
      if (input.text !== undefined)
        added = await this.addSubmittedText(actorId, source, input.text, input.title ?? null);
      else if (created) await this.queueFetch(source.id);
      // New text of a source whose snapshots are extracted is extracted too, as a fetched one is. The flag
      // is read after adding the snapshot, which locked the source row (see requestExtraction).
      if (input.extractClaims === true || (added && (await this.sources.extractsClaims(source.id)))) {
        await this.requestExtraction(actorId, source.id);
      }
      return { source: await this.viewOf(source.id), created };
    });
  }

  /**
   * The source a claim's appearance cites: found by canonical URL or created
   * and queued for fetching, in the caller's transaction.
   */
  async cite(actorId: string, url: string): Promise<{ id: string; url: string; created: boolean }> {
    const normalizedUrl = this.canonical(url);
    const source = await this.sources.citeOrCreate({
      url: url.trim(),
      normalizedUrl,
      title: null,
      publisher: null,
      publishedAt: null,
      createdBy: actorId,
    });
    if (source.created) {
      await this.recordCreated(actorId, source.id, source.url, 'pending');
      await this.queueFetch(source.id);
    }
    return source;
  }

  async get(id: string): Promise<SourceView> {
    return this.viewOf(id);
  }

  /** The URL of a known source, for a citation by id. */
  async urlOf(id: string): Promise<string> {
    const source = await this.sources.findById(id);
    if (source === null) throw sourceNotFound(id);
    return source.url;
  }

  /** The URLs of these sources (of claims' appearances, say), by id, in one query; unknown ids are left out. */
  async urlsOf(ids: readonly string[]): Promise<Map<string, string>> {
    return ids.length === 0 ? new Map() : this.sources.findUrls([...new Set(ids)]);
  }

  async getSnapshot(sourceId: string, snapshotId: string): Promise<SnapshotView> {
    const snapshot = await this.sources.findSnapshot(sourceId, snapshotId);
    if (snapshot === null) {
      throw DomainError.notFound('snapshot.not_found', `Source ${sourceId} has no snapshot ${snapshotId}.`);
    }
    return {
      ...toSnapshotSummary(snapshot),
      sourceId: snapshot.sourceId,
      headers: snapshot.headers,
      text: snapshot.text,
    };
  }

  /** How a snapshot's text differs from the snapshot before it, word by word. */
  async getChanges(sourceId: string, snapshotId: string): Promise<SnapshotChangesView> {
    const snapshot = await this.sources.findSnapshot(sourceId, snapshotId);
    if (snapshot === null) {
      throw DomainError.notFound('snapshot.not_found', `Source ${sourceId} has no snapshot ${snapshotId}.`);
    }
    const previous = await this.sources.findSnapshotBefore(snapshot);
    return {
      sourceId,
      snapshotId,
      previousSnapshotId: previous?.id ?? null,
      ...compareTexts(previous?.text ?? '', snapshot.text),
    };
  }

  // ----- for the jobs that fetch sources (libs/checking) ---------------------

  /** The source as a fetch needs it, or null for an unknown one. */
  async findForFetch(id: string): Promise<SourceToFetch | null> {
    const source = await this.sources.findById(id);
    if (source === null) return null;
    return { id: source.id, url: source.url, fetchStatus: source.fetchStatus };
  }

  /**
   * Locks the source for the rest of the transaction; returns its status, or
   * null for an unknown source. `update` conflicts with the key-share lock a
   * citation (an appearance or evidence) takes on its source, so a citation
   * commits either before the holder reads the citations or after it has
   * written the snapshot they will be checked against. `share` lets a check
   * wait for a fetch recording a snapshot. `no key update` serialises
   * extraction with requests and fetches but leaves citations alone.
   */
  lockForFetch(id: string, mode: 'update' | 'share' | 'no key update'): Promise<FetchStatus | null> {
    return this.sources.lock(id, mode);
  }

  /** Whether the job run with this key (job id and attempt) wrote a snapshot: a run repeated after a crash finds it. */
  snapshotWrittenBy(fetchKey: string): Promise<boolean> {
    return this.sources.snapshotWrittenBy(fetchKey);
  }

  /** The latest snapshot's id and the SHA-256 of its text: what tells new text from text already archived. */
  latestSnapshot(sourceId: string): Promise<{ id: string; textSha256: string } | null> {
    return this.sources.latestSnapshot(sourceId);
  }

  latestSnapshotText(sourceId: string): Promise<{ id: string; text: string } | null> {
    return this.sources.latestSnapshotText(sourceId);
  }

  /**
   * Archives what the source says as a new snapshot and records the read on
   * the source (now `status`), in the caller's transaction: the one way a
   * snapshot is written, whether fetched or submitted.
   */
  async recordSnapshot(
    snapshot: NewSnapshot,
    status: FetchStatus,
    read: TextRead,
  ): Promise<{ id: string; fetchedAt: Date }> {
    const recorded = await this.sources.insertSnapshot(snapshot);
    await this.sources.markFetched(snapshot.sourceId, status, read);
    return recorded;
  }

  /** Records a read that found the text of the latest snapshot again. */
  markFetched(id: string, status: FetchStatus, read: TextRead): Promise<void> {
    return this.sources.markFetched(id, status, read);
  }

  /** Records a failed attempt: the source turns `failed` when no retry follows (`final`). */
  markFailed(id: string, error: { code: string; detail: string }, final: boolean): Promise<void> {
    return this.sources.markFailed(id, error, final);
  }

  /** Whether claims are extracted from the source's new snapshots. */
  extractsClaims(id: string): Promise<boolean> {
    return this.sources.extractsClaims(id);
  }

  /** Sources still `pending` whose last attempt (or creation) was before `before`, oldest first, at most `limit`. */
  pendingFetchesBefore(before: Date, limit: number): Promise<string[]> {
    return this.sources.pendingFetchesBefore(before, limit);
  }

  /**
   * Sources fetched from the web with a fetch outcome, last attempted before
   * `olderThan`, oldest attempt first, after the keyset position `after`:
   * those a re-check may be due for.
   */
  staleSources(
    olderThan: Date,
    after: { attemptKey: string; id: string } | null,
    limit: number,
  ): Promise<{ id: string; attemptKey: string }[]> {
    return this.sources.staleSources(olderThan, after, limit);
  }

  /** Those of the sources still `pending`: no fetch has had an outcome yet. */
  stillPending(ids: readonly string[]): Promise<string[]> {
    return this.sources.stillPending(ids);
  }

  // ----- for claim extraction (libs/extraction) -------------------------------

  async exists(id: string): Promise<boolean> {
    return (await this.sources.findById(id)) !== null;
  }

  /** Whether claims are extracted, the fetch status and the latest snapshot's id; null for an unknown source. */
  extractionFacts(id: string): Promise<ExtractionFacts | null> {
    return this.sources.extractionFacts(id);
  }

  /** Turns claim extraction on, in the caller's transaction; true when it was off. */
  turnOnExtraction(id: string): Promise<boolean> {
    return this.sources.enableExtraction(id);
  }

  /** Sources with extraction on and a snapshot, each with its latest, in id order after `afterId`. */
  extractingSources(
    afterId: string | null,
    limit: number,
  ): Promise<{ sourceId: string; snapshotId: string; fetchedAt: Date }[]> {
    return this.sources.extractingSources(afterId, limit);
  }

  /** The texts of the snapshots, by id. */
  snapshotTexts(ids: readonly string[]): Promise<Map<string, string>> {
    return this.sources.snapshotTexts(ids);
  }

  private async findOrCreate(
    actorId: string | null,
    input: SourceInput,
  ): Promise<{ source: Source; created: boolean }> {
    const result = await this.sources.insertOrFind({
      url: input.url.trim(),
      normalizedUrl: this.canonical(input.url),
      title: input.title ?? null,
      publisher: input.publisher ?? null,
      publishedAt: input.publishedAt ?? null,
      createdBy: actorId,
    });
    if (result.created)
      await this.recordCreated(actorId, result.source.id, result.source.url, result.source.fetchStatus);
    return result;
  }

  private canonical(url: string): string {
    const normalizedUrl = normalizeSourceUrl(url);
    if (normalizedUrl === null) {
      throw DomainError.invalid('source.invalid_url', 'The URL cannot be used as a source.', [
        fieldProblem('url', 'must be an http or https URL without credentials'),
      ]);
    }
    return normalizedUrl;
  }

  private recordCreated(actorId: string | null, sourceId: string, url: string, status: FetchStatus): Promise<void> {
    return this.events.record({ sourceId, actorId, action: 'source.created', toStatus: status, data: { url } });
  }

  /** Adds the text as a snapshot unless it is the latest snapshot's text; true when it added one. */
  private async addSubmittedText(
    actorId: string | null,
    source: Source,
    text: string,
    title: string | null,
  ): Promise<boolean> {
    const sha256 = createHash('sha256').update(text).digest('hex');
    // Compared with the text of the latest snapshot, fetched or given: its body hash would differ for fetched HTML.
    if ((await this.sources.latestSnapshot(source.id))?.textSha256 === sha256) return false;
    const snapshot = await this.recordSnapshot(
      {
        sourceId: source.id,
        httpStatus: null,
        finalUrl: null,
        contentType: 'text/plain',
        sha256,
        textSha256: sha256,
        fetchKey: null,
        headers: {},
        publisher: source.publisher,
        publishedAt: source.publishedAt,
        title: title ?? source.title,
        text,
      },
      'fetched',
      { origin: 'submitted' },
    );
    await this.events.record({
      sourceId: source.id,
      actorId,
      action: 'source.snapshot_added',
      fromStatus: source.fetchStatus,
      toStatus: 'fetched',
      data: { snapshotId: snapshot.id, sha256, textLength: text.length, origin: 'submitted' },
    });
    return true;
  }

  /**
   * Turns claim extraction on and queues the extraction of the latest
   * snapshot, if there is one (the fetch that stores the first queues it
   * otherwise). The update locks the source row, so a fetch storing a
   * snapshot meanwhile either sees extraction on or commits first, and then
   * its snapshot is the latest read here. The job id is the one a fetch
   * gives it (`source.extract.<source id>.<snapshot id>`): queued once per snapshot.
   */
  private async requestExtraction(actorId: string | null, sourceId: string): Promise<void> {
    const turnedOn = await this.sources.enableExtraction(sourceId);
    const snapshotId = await this.sources.latestSnapshotId(sourceId);
    const jobId =
      snapshotId === null
        ? null
        : await this.outbox.enqueue(
            { name: 'source.extract', data: { sourceId } },
            { key: `${sourceId}.${snapshotId}` },
          );
    if (turnedOn) {
      await this.events.record({
        sourceId,
        actorId,
        action: 'source.extraction_requested',
        data: { snapshotId, jobId },
      });
    }
  }

  private async queueFetch(sourceId: string): Promise<void> {
    await this.outbox.enqueue({ name: 'source.fetch', data: { sourceId } }, { key: sourceId });
  }

  private async viewOf(id: string): Promise<SourceView> {
    const source = await this.sources.findById(id);
    if (source === null) throw sourceNotFound(id);
    const snapshots = await this.sources.listSnapshots(id);
    return {
      id: source.id,
      url: source.url,
      title: source.title,
      publisher: source.publisher,
      publishedAt: source.publishedAt,
      fetchStatus: source.fetchStatus,
      error: source.fetchError,
      errorDetail: source.fetchErrorDetail,
      fetchAttempts: source.fetchAttempts,
      lastFetchedAt: source.lastFetchedAt,
      lastAttemptAt: source.lastAttemptAt,
      extractClaims: source.extractClaims,
      snapshots: snapshots.map(toSnapshotSummary),
      createdAt: source.createdAt,
      updatedAt: source.updatedAt,
    };
  }
}

function sourceNotFound(id: string): DomainError {
  return DomainError.notFound('source.not_found', `No source has the id ${id}.`);
}

function toSnapshotSummary(snapshot: SnapshotSummary | SourceSnapshot): SnapshotSummaryView {
  return {
    id: snapshot.id,
    fetchedAt: snapshot.fetchedAt,
    httpStatus: snapshot.httpStatus,
    finalUrl: snapshot.finalUrl,
    contentType: snapshot.contentType,
    sha256: snapshot.sha256,
    title: snapshot.title,
    publisher: snapshot.publisher,
    publishedAt: snapshot.publishedAt,
    textSha256: snapshot.textSha256,
    textLength: snapshot.textLength,
  };
}
