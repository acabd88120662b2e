import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccountsService, type Principal } from '@claimdesk/accounts';
import { QuoteChecks, type QuoteCheckView } from '@claimdesk/checking';
import { DomainError, fieldProblem } from '@claimdesk/errors';
import { EventLog } from '@claimdesk/events';
import { Database, decodeCursor, encodeCursor, isUuid, type Page, CursorErrors } from '@claimdesk/persistence';
import { JobOutbox } from '@claimdesk/queue';
import { normalizeSourceUrl, SourcesService } from '@claimdesk/sources';
import { claimFingerprint } from './claim-fingerprint';
import type {
  AppearanceInput,
  AppearanceView,
  ClaimEdit,
  ClaimFilters,
  ClaimSubmission,
  ClaimSummaryView,
  ClaimView,
  EventView,
  ReviewedClaimView,
  SimilarClaimView,
} from './claim.views';
import { ClaimantsRepository } from './claimants.repository';
import {
  type AppearanceRow,
  type ClaimEditColumns,
  type ClaimDetailRow,
  type ClaimRow,
  type ClaimState,
  ClaimsRepository,
  type ListBound,
  type MatchKeys,
  type SimilarRow,
} from './claims.repository';
import type { ClaimListTerms } from './claim-list-terms';
import type { ClaimStatus } from './claim-status';
import { findTransition } from './claim-transitions';
import { normalizeText } from './normalize-text';
import { claimNotFound, ClaimErrors, claimVersionMismatch } from './claim-errors';

const similarLimit = 5;

/** An appearance with its quote's check (null when it cites no quote). */
type CheckedAppearance = AppearanceRow & { quoteCheck: QuoteCheckView | null };

/** Claims: submission, reading, listing and search, and their audit trail. */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly db: Database,
    private readonly claims: ClaimsRepository,
    private readonly claimants: ClaimantsRepository,
    private readonly sources: SourcesService,
    private readonly accounts: AccountsService,
    private readonly quoteChecks: QuoteChecks,
    private readonly events: EventLog,
    private readonly outbox: JobOutbox,
  ) {}

  /**
   * Records a claim in `submitted` with its claimant and appearance, queues the
   * fetch of a newly cited source (or the check of a quote from a known one), and returns it with the earlier claims it
   * matches, all in one transaction.
   */
  async submit(actor: Principal, input: ClaimSubmission): Promise<ClaimView> {
    const keys = this.matchKeys(input.text, 'text');
    if (input.claimant !== undefined) mustHaveLetters(input.claimant.name, 'claimant.name');
    if (
      input.appearance !== undefined &&
      (input.appearance.url === undefined) === (input.appearance.sourceId === undefined)
    ) {
      throw DomainError.invalid(ClaimErrors.invalid, 'The claim is not valid.', [
        fieldProblem('appearance', 'must name either url or sourceId'),
      ]);
    }
    if (input.appearance?.url !== undefined && normalizeSourceUrl(input.appearance.url) === null) {
      throw DomainError.invalid(ClaimErrors.invalid, 'The claim is not valid.', [
        fieldProblem('appearance.url', 'must be an http or https URL without credentials'),
      ]);
    }
    return this.db.transaction(async () => {
      const claimantRole = input.claimant?.role?.trim() || null;
      const claimant = input.claimant
        ? await this.claimantNamed(input.claimant.name, claimantRole, 'claimant.name')
        : null;
      const tags = normalizeTags(input.tags ?? []);
      const claimDate = input.claimDate ?? null;
      const language = input.language ?? 'en';
      const headline = input.headline?.trim() || null;
      const inserted = await this.claims.insert({
        text: input.text,
        headline,
        ...keys,
        claimantId: claimant?.id ?? null,
        claimantRole,
        claimDate,
        language,
        tags,
        createdBy: actor.userId,
      });
      const appearances: CheckedAppearance[] = [];
      if (input.appearance !== undefined) appearances.push(await this.attach(actor, inserted.id, input.appearance));
      await this.events.record({
        claimId: inserted.id,
        actorId: actor.userId,
        action: 'claim.submitted',
        toStatus: 'submitted',
        data: {
          text: input.text,
          claimantId: claimant?.id ?? null,
          appearance: appearances[0] ? { sourceId: appearances[0].sourceId, quote: appearances[0].quote } : null,
        },
      });
      // Built from what was just written: reading it back would cost three more queries.
      const row: ClaimRow = {
        ...inserted,
        text: input.text,
        headline,
        claimantId: claimant?.id ?? null,
        claimantName: claimant?.name ?? null,
        claimantRole: claimantRole ?? claimant?.role ?? null,
        claimDate,
        language,
        tags,
        checkWorthiness: null,
        duplicateOf: null,
      };
      return toView(row, appearances, await this.claims.findSimilar(keys, inserted.id, similarLimit));
    });
  }

  /**
   * Records another place the claim was made (a restatement found later, or a
   * duplicate submission folded into it), and queues its quote check.
   */
  async addAppearance(actor: Principal, claimId: string, input: AppearanceInput): Promise<AppearanceView> {
    if ((input.url === undefined) === (input.sourceId === undefined)) {
      throw DomainError.invalid(ClaimErrors.appearanceInvalid, 'The appearance is not valid.', [
        fieldProblem('appearance', 'must name either url or sourceId'),
      ]);
    }
    if (input.url !== undefined && normalizeSourceUrl(input.url) === null) {
      throw DomainError.invalid(ClaimErrors.appearanceInvalid, 'The appearance is not valid.', [
        fieldProblem('url', 'must be an http or https URL without credentials'),
      ]);
    }
    return this.db.transaction(async () => {
      if (!(await this.claims.exists(claimId))) throw claimNotFound(claimId);
      const appearance = await this.attach(actor, claimId, input);
      await this.events.record({
        claimId,
        actorId: actor.userId,
        action: 'claim.appearance_added',
        data: { appearanceId: appearance.id, sourceId: appearance.sourceId, quote: appearance.quote },
      });
      return toAppearanceView(appearance);
    });
  }

  /**
   * An editor's edit before publication: the fields given replace the
   * claim's, the version moves on (a stale `ifMatch` is 412), and one
   * `claim.edited` event records each changed field's old and new value. An
   * edit that changes nothing changes nothing, not even the version.
   */
  async edit(
    actor: Principal,
    claimId: string,
    edit: ClaimEdit,
    ifMatch: number | undefined,
  ): Promise<{ version: number; changed: string[] }> {
    if (Object.values(edit).every((value) => value === undefined)) {
      throw DomainError.invalid(ClaimErrors.invalid, 'The edit is not valid.', [
        fieldProblem('(body)', 'names no field to change: give text, headline, claimant, claimDate or tags'),
      ]);
    }
    return this.db.transaction(async () => {
      const row = await this.claims.lockForEdit(claimId);
      if (row === null) throw claimNotFound(claimId);
      if (ifMatch !== undefined && ifMatch !== row.version) {
        throw claimVersionMismatch(row, ifMatch);
      }
      if (row.status === 'published' || row.status === 'rejected') {
        throw DomainError.conflict(
          ClaimErrors.notEditable,
          row.status === 'published'
            ? 'A published claim is edited by reopening it for correction first.'
            : 'A rejected claim is edited by reopening it first.',
          { claimStatus: row.status },
        );
      }
      const { columns, changes } = await this.editColumns(row, edit);
      const changed = Object.keys(changes);
      if (changed.length === 0) return { version: row.version, changed };
      // Under the row lock the version cannot have moved since it was read.
      const version = (await this.claims.applyEdit(claimId, row.version, columns))!;
      await this.events.record({ claimId, actorId: actor.userId, action: 'claim.edited', data: { version, changes } });
      return { version, changed };
    });
  }

  /** What an edit writes, and each field it changes as `{from, to}` (the event's record). */
  private async editColumns(
    row: ClaimDetailRow,
    edit: ClaimEdit,
  ): Promise<{ columns: ClaimEditColumns; changes: Record<string, { from: unknown; to: unknown }> }> {
    const columns: ClaimEditColumns = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (edit.text !== undefined && edit.text !== row.text) {
      columns.text = { text: edit.text, ...this.matchKeys(edit.text, 'text') };
      changes.text = { from: row.text, to: edit.text };
    }
    const headline = edit.headline === undefined ? undefined : edit.headline?.trim() || null;
    if (headline !== undefined && headline !== row.headline) {
      columns.headline = headline;
      changes.headline = { from: row.headline, to: headline };
    }
    const tags = edit.tags === undefined ? undefined : normalizeTags(edit.tags);
    if (tags !== undefined && tags.join('\n') !== row.tags.join('\n')) {
      columns.tags = tags;
      changes.tags = { from: row.tags, to: tags };
    }
    if (edit.claimDate !== undefined && edit.claimDate !== row.claimDate) {
      columns.claimDate = edit.claimDate;
      changes.claimDate = { from: row.claimDate, to: edit.claimDate };
    }
    if (edit.claimant !== undefined) {
      const role = edit.claimant?.role?.trim() || null;
      const claimant =
        edit.claimant === null ? null : await this.claimantNamed(edit.claimant.name, role, 'claimant.name');
      const before = row.claimantId === null ? null : { name: row.claimantName, role: row.claimantRole };
      const after = claimant === null ? null : { name: claimant.name, role: role ?? claimant.role };
      if (claimant?.id !== (row.claimantId ?? undefined) || before?.role !== after?.role) {
        columns.claimant = { id: claimant?.id ?? null, role };
        changes.claimant = { from: before, to: after };
      }
    }
    return { columns, changes };
  }

  /** What similarity lookups compare for `text`; refused when it has no letter or digit. */
  private matchKeys(text: string, field: string): MatchKeys {
    const normalizedText = mustHaveLetters(text, field);
    return {
      normalizedText,
      textHash: createHash('sha256').update(normalizedText).digest('hex'),
      fingerprint: claimFingerprint(normalizedText),
    };
  }

  /** The claimant with this name, created when new (with `role` as their first known one). */
  private claimantNamed(name: string, role: string | null, field: string) {
    return this.claimants.findOrCreate(name.trim(), mustHaveLetters(name, field), role);
  }

  /** Cites the source (registering and queueing a new one) and records the appearance, in the caller's transaction. */
  private async attach(actor: Principal, claimId: string, input: AppearanceInput): Promise<CheckedAppearance> {
    const { url, sourceId, quote } = input;
    const source =
      sourceId !== undefined
        ? { id: sourceId, url: await this.sources.urlOf(sourceId), created: false }
        : await this.sources.cite(actor.userId, url!);
    const appearance = await this.claims.insertAppearance(
      { claimId, sourceId: source.id, quote: quote ?? null },
      source.url,
    );
    if (quote === undefined) return { ...appearance, quoteCheck: null };
    const quoteCheck = await this.quoteChecks.open({
      kind: 'appearance',
      id: appearance.id,
      claimId,
      sourceId: source.id,
      quote,
    });
    // A new source's fetch checks its quotes; a known one may already have
    // the snapshot this quote is checked against.
    if (!source.created) {
      await this.outbox.enqueue({ name: 'quote.check', data: { appearanceId: appearance.id } }, { key: appearance.id });
    }
    return { ...appearance, quoteCheck };
  }

  /** The claim's appearances, each with its quote's check. */
  private async listAppearances(claimId: string): Promise<CheckedAppearance[]> {
    const appearances = await this.withUrls(await this.claims.listAppearances(claimId));
    const checks = await this.quoteChecks.of(
      'appearance',
      appearances.filter((row) => row.quote !== null).map((row) => row.id),
    );
    return appearances.map((row) => ({ ...row, quoteCheck: checks.get(row.id) ?? null }));
  }

  /** The claim, its appearances and the claims like it; the review workflow's part is added by its claim detail. */
  async get(id: string): Promise<ClaimView> {
    return (await this.getWithState(id)).claim;
  }

  /** The claim as {@link get} gives it, with the workflow state read in the same query. */
  async getWithState(id: string): Promise<{ claim: ClaimView; state: ClaimState }> {
    const row = await this.claims.findById(id);
    if (row === null) throw claimNotFound(id);
    // One after the other: inside a transaction both share one connection.
    const appearances = await this.listAppearances(id);
    const similar = await this.claims.findSimilar(row, id, similarLimit);
    const { status, version, disagreementVersion, tiebreakVersion } = row;
    return {
      claim: toView(row, appearances, similar),
      state: { id, status, version, disagreementVersion, tiebreakVersion },
    };
  }

  /** The appearances with their sources' URLs, in one query for any number. */
  private async withUrls(appearances: Omit<AppearanceRow, 'url'>[]): Promise<AppearanceRow[]> {
    const urls = await this.sources.urlsOf(appearances.map((appearance) => appearance.sourceId));
    return appearances.map((appearance) => ({ ...appearance, url: urls.get(appearance.sourceId)! }));
  }

  /**
   * Newest first, or in the order `filters.sort` names; with `q` and no sort,
   * best match first (full-text rank plus trigram similarity). Pages go both
   * ways: `nextCursor` after the last item, `prevCursor` before the first
   * (null on the first page). The review workflow's `terms` (see
   * ReviewsService.listClaims) add its filters and each claim's verdict count
   * and split flag to the same query.
   */
  async list(
    filters: Omit<ClaimFilters, 'assignee' | 'needsVerdictOf' | 'split'>,
    cursor: string | undefined,
    limit: number,
    terms?: ClaimListTerms,
  ): Promise<Page<ClaimSummaryView>> {
    const empty = { items: [], nextCursor: null, prevCursor: null };
    const speaker = filters.speaker === undefined ? undefined : normalizeText(filters.speaker);
    if (speaker === '') return empty;
    const query = {
      status: filters.status,
      tag: filters.tag?.toLowerCase(),
      speaker,
      terms,
      limit: limit + 1,
      claimantId: await this.claimantIdOf(filters.claimant),
    };
    if (query.claimantId === null) return empty;
    const listQuery = { ...query, claimantId: query.claimantId };
    const normalizedQuery = filters.q === undefined ? '' : normalizeText(filters.q);
    const order = filters.sort ?? (normalizedQuery !== '' ? 'relevance' : 'newest');

    let rows: ClaimRow[];
    let bound: ListBound<unknown> | null;
    if (order === 'relevance') {
      const position = cursor === undefined ? null : decodeCursor(cursor, isScoreCursor);
      bound = position && { position, direction: position.b === 1 ? 'before' : 'after' };
      rows = await this.claims.search(
        normalizedQuery,
        listQuery,
        position && { position: { score: position.s, id: position.i }, direction: bound!.direction },
      );
    } else {
      const position = cursor === undefined ? null : decodeCursor(cursor, isTimeCursor);
      if (position !== null && (position.o ?? 'newest') !== order) throw cursorOfAnotherOrder();
      bound = position && { position, direction: position.b === 1 ? 'before' : 'after' };
      rows = await this.claims.listOrdered(
        listQuery,
        order,
        position && { position: { key: position.t, id: position.i }, direction: bound!.direction },
        normalizedQuery === '' ? undefined : normalizedQuery,
      );
    }
    // Rows read backwards come nearest first: one more than a page means more before them.
    const backwards = bound?.direction === 'before';
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    if (backwards) items.reverse();
    const first = items[0];
    const last = items.at(-1);
    const positionOf = (row: ClaimRow, before: boolean): string => {
      const position: Record<string, string | number> =
        order === 'relevance'
          ? { s: row.score ?? 0, i: row.id }
          : { t: order === 'status_age' ? row.statusKey : row.createdKey, i: row.id };
      if (order !== 'relevance' && order !== 'newest') position.o = order;
      if (before) position.b = 1;
      return encodeCursor(position);
    };
    // Forwards, there is a page before whenever this one was reached from a cursor;
    // backwards, there is a page after (the one the cursor came from).
    const hasNext = backwards ? true : more;
    const hasPrev = backwards ? more : bound !== null;
    return {
      items: items.map(toSummary),
      nextCursor: hasNext && last !== undefined ? positionOf(last, false) : null,
      prevCursor: hasPrev && first !== undefined ? positionOf(first, true) : null,
    };
  }

  /** The claims with these ids, in the order given; unknown ids are left out. */
  async summaries(ids: readonly string[]): Promise<ClaimSummaryView[]> {
    if (ids.length === 0) return [];
    const rows = new Map((await this.claims.listByIds(ids)).map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = rows.get(id);
      return row === undefined ? [] : [toSummary(row)];
    });
  }

  /**
   * Claims with the same normalised text as `text` (score 1), then near
   * copies of it (fingerprint candidates scored by trigram similarity), up to
   * `limit` of each kind.
   */
  async exactAndNear(text: string, excludeId: string | null, limit: number): Promise<SimilarClaimView[]> {
    const normalizedText = normalizeText(text);
    if (normalizedText === '') return [];
    const keys: MatchKeys = {
      normalizedText,
      textHash: createHash('sha256').update(normalizedText).digest('hex'),
      fingerprint: claimFingerprint(normalizedText),
    };
    return (await this.claims.findSimilar(keys, excludeId, limit)).map(toSimilar);
  }

  /** The text feed's mark now: see {@link textChanges}. */
  textFeedHorizon(): Promise<string> {
    return this.claims.textFeedHorizon();
  }

  /**
   * Claim texts (with their headlines) written since the feed's mark `since` (a transaction id), in
   * pages: what a process's in-memory index needs to catch up.
   */
  textChanges(
    since: string,
    after: { xid: string; id: string } | null,
    limit: number,
  ): Promise<{ id: string; text: string; headline: string | null; xid: string }[]> {
    return this.claims.readTextChanges(since, after, limit);
  }

  /** The ids of the claims with an appearance on the source, each once. */
  idsCitingSource(sourceId: string): Promise<string[]> {
    return this.claims.idsCitingSource(sourceId);
  }

  /** Those of the sources with an appearance of a claim in one of `statuses`. */
  sourcesCitedIn(sourceIds: readonly string[], statuses: readonly string[]): Promise<string[]> {
    return this.claims.sourcesCitedIn(sourceIds, statuses);
  }

  /** Those of the claims (by id) in one of `statuses`. */
  idsIn(ids: readonly string[], statuses: readonly string[]): Promise<string[]> {
    return this.claims.idsIn(ids, statuses);
  }

  /** The claims citing the source (with an appearance on it), newest first, at most `limit`. */
  async listCitingSource(sourceId: string, limit: number): Promise<ClaimSummaryView[]> {
    return (await this.claims.listCitingSource(sourceId, limit)).map(toSummary);
  }

  /** The claim's audit trail, oldest first. */
  async listEvents(claimId: string, cursor: string | undefined, limit: number): Promise<Page<EventView>> {
    if (!(await this.claims.exists(claimId))) throw claimNotFound(claimId);
    const after = cursor === undefined ? null : decodeCursor(cursor, isEventCursor).e;
    const rows = await this.events.listForClaim(claimId, after, limit + 1);
    const page = rows.slice(0, limit);
    const names = await this.accounts.namesOf(page.map((row) => row.actorId));
    const items = page.map((row): EventView => ({
      id: row.id,
      at: row.at,
      actor: row.actorId === null ? null : { id: row.actorId, name: names.get(row.actorId) ?? '' },
      action: row.action,
      from: row.fromStatus,
      to: row.toStatus,
      data: row.data,
    }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ e: last.id }) : null };
  }

  /** Whether there is a claim with this id. */
  exists(id: string): Promise<boolean> {
    return this.claims.exists(id);
  }

  /** Where the claim stands in the review workflow, unlocked; null when there is no such claim. */
  findState(id: string): Promise<ClaimState | null> {
    return this.claims.findState(id);
  }

  /**
   * The claim's workflow state, locked until the caller's transaction ends:
   * `update` before changing its status (or anything that must not race a
   * change of it), `share` for work that needs the status to hold but may run
   * beside other such work (verdicts). `ifMatch` is the version the caller
   * saw (its ETag): a stale one is refused with 412. Null when there is no
   * such claim.
   */
  async lockState(id: string, mode: 'update' | 'share', ifMatch?: number): Promise<ClaimState | null> {
    const claim = await this.claims.findState(id, mode);
    if (claim !== null && ifMatch !== undefined && ifMatch !== claim.version)
      throw claimVersionMismatch(claim, ifMatch);
    return claim;
  }

  /**
   * Moves the claim, locked with {@link lockState} in the caller's
   * transaction, from the status it had then to `to`, along the transition
   * map: the version moves on, and the update is conditional on the version
   * and status locked, so no change is silently lost. The caller (the review
   * workflow) decides who may make the move and records its event in the same
   * transaction. Null when another change got there first.
   */
  async transition(
    claim: ClaimState,
    to: ClaimStatus,
    duplicateOf: string | null = null,
  ): Promise<{ version: number; updatedAt: Date } | null> {
    if (findTransition(claim.status, to) === undefined) {
      throw DomainError.conflict(ClaimErrors.illegalTransition, `A claim in ${claim.status} cannot move to ${to}`, {
        from: claim.status,
        to,
      });
    }
    return this.claims.changeStatus(claim.id, claim.version, claim.status, to, duplicateOf);
  }

  /** Marks the verdicts on this version of the claim as split (the consensus job found them disagreeing). */
  async flagDisagreement(id: string, version: number): Promise<void> {
    await this.claims.setDisagreementVersion(id, version);
  }

  /** Marks this version's split verdicts as to be settled by the most common rating once another reviewer gives theirs. */
  async requestTiebreak(id: string, version: number): Promise<void> {
    await this.claims.setTiebreakVersion(id, version);
  }

  /**
   * Claims in review, with their version and flags (the rounds whose verdicts
   * may call for a change of status), `limit` at a time by id after `afterId`.
   */
  listInReview(afterId: string | null, limit: number): Promise<ClaimState[]> {
    return this.claims.listInReview(afterId, limit);
  }

  /** The claims as a published ClaimReview describes them, in no particular order; unknown ids are left out. */
  async reviewedClaims(ids: readonly string[]): Promise<ReviewedClaimView[]> {
    const rows = await this.claims.findReviewed(ids);
    const urls = await this.sources.urlsOf(rows.flatMap((row) => row.appearanceSourceIds));
    return rows.map(({ appearanceSourceIds, ...row }) => ({
      ...row,
      appearanceUrls: appearanceSourceIds.map((id) => urls.get(id)!),
    }));
  }

  /** undefined: no filter; null: a claimant that does not exist (the list is empty). */
  private async claimantIdOf(claimant: string | undefined): Promise<string | undefined | null> {
    if (claimant === undefined) return undefined;
    if (isUuid(claimant)) return claimant.toLowerCase();
    return (await this.claimants.findByNormalizedName(normalizeText(claimant)))?.id ?? null;
  }
}

/** The text normalised for matching; refused (400 on `field`) when nothing is left of it. */
function mustHaveLetters(text: string, field: string): string {
  const normalized = normalizeText(text);
  if (normalized === '') {
    throw DomainError.invalid(ClaimErrors.invalid, 'The claim is not valid.', [
      fieldProblem(field, 'must contain at least one letter or digit'),
    ]);
  }
  return normalized;
}

function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== ''))];
}

function toSummary(row: ClaimRow): ClaimSummaryView {
  return {
    id: row.id,
    text: row.text,
    headline: row.headline,
    status: row.status,
    version: row.version,
    claimant:
      row.claimantId === null ? null : { id: row.claimantId, name: row.claimantName ?? '', role: row.claimantRole },
    claimDate: row.claimDate,
    language: row.language,
    tags: row.tags,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    statusChangedAt: row.statusChangedAt,
    ...(row.score === undefined ? {} : { score: row.score }),
    ...(row.verdictCount === undefined ? {} : { verdictCount: row.verdictCount }),
    ...(row.split === undefined ? {} : { split: row.split }),
  };
}

/** Exact duplicates first, then near matches, {@link similarLimit} in all. */
function toView(row: ClaimRow, appearances: CheckedAppearance[], similar: SimilarRow[]): ClaimView {
  return {
    ...toSummary(row),
    checkWorthiness: row.checkWorthiness,
    duplicateOf: row.duplicateOf,
    appearances: appearances.map(toAppearanceView),
    similar: similar.slice(0, similarLimit).map(toSimilar),
  };
}

function toAppearanceView(row: CheckedAppearance): AppearanceView {
  return {
    id: row.id,
    sourceId: row.sourceId,
    url: row.url,
    quote: row.quote,
    quoteCheck: row.quoteCheck,
  };
}

function toSimilar(row: SimilarRow): SimilarClaimView {
  return {
    id: row.id,
    text: row.text,
    status: row.status,
    score: Math.round(row.score * 1000) / 1000,
    match: row.match,
    claimant: row.claimantName,
    createdAt: row.createdAt,
  };
}

function cursorOfAnotherOrder(): DomainError {
  return DomainError.invalid(CursorErrors.invalid, 'The cursor is not one this list gave out.', [
    fieldProblem('cursor', 'was given out for another sort order'),
  ]);
}

/** `b: 1` marks a position to read backwards from (a prevCursor). */
function isBackwardsMark(value: unknown): value is 1 | undefined {
  return value === undefined || value === 1;
}

function isScoreCursor(value: Record<string, unknown>): value is { s: number; i: string; b?: 1 } {
  return typeof value.s === 'number' && Number.isFinite(value.s) && isUuid(value.i) && isBackwardsMark(value.b);
}

/** A time position; `o` names the order (newest when absent, as cursors given out before sorting were). */
function isTimeCursor(
  value: Record<string, unknown>,
): value is { t: string; i: string; o?: 'oldest' | 'status_age'; b?: 1 } {
  return (
    typeof value.t === 'string' &&
    isExistingTimestamp(value.t) &&
    isUuid(value.i) &&
    (value.o === undefined || value.o === 'oldest' || value.o === 'status_age') &&
    isBackwardsMark(value.b)
  );
}

/**
 * A timestamp as PostgreSQL prints timestamptz (`2026-11-27 13:02:43.825123+00`)
 * naming a time that exists: the shape alone would let `2024-02-30` or an hour
 * of 99 through, which PostgreSQL refuses when the cursor is used.
 */
function isExistingTimestamp(text: string): boolean {
  const match = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.\d{1,6})?([+-])(\d\d)(?::(\d\d))?$/.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day, hour, minute, second));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month ?? 0) - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second &&
    (offsetHours ?? 99) <= 15 &&
    (offsetMinutes === undefined || Number.isNaN(offsetMinutes) || offsetMinutes < 60)
  );
}

function isEventCursor(value: Record<string, unknown>): value is { e: string } {
  return typeof value.e === 'string' && /^\d{1,19}$/.test(value.e) && BigInt(value.e) <= 9_223_372_036_854_775_807n;
}
