import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { Role } from '@claimdesk/accounts';
import { ReviewsService } from '@claimdesk/reviews';
import { queueBackends } from '@claimdesk/testing';
import { type ApiResponse, TestApi } from '../support/api-harness';

// Model-based test of the review workflow (PRODUCT.md "Statuses", CONTRACT.md
// transitions, verdicts and ClaimReview). fast-check generates sequences of
// transitions, verdicts and runs of the status-change job by random actors;
// each command first asks a small in-memory model what the API must answer,
// sends the request to the real API (no worker: the consensus job is run in
// process, deterministically, exactly as the worker would run it), applies the
// command to the model, then compares the whole observable state with the
// model: GET /claims/{id} and its events (each as the editor and as a
// reviewer, for blind review) and its ClaimReview. Every run starts on a fresh
// claim submitted by the submitter (some first walk it along the happy path,
// see happyPathTo). fast-check prints the seed and the shrunk command list of
// a failure; WORKFLOW_MODEL_RUNS=500 makes a longer soak.
//
// The model is written from the documents, not from the library's transition
// map, so that the two are checked against each other.

const numRuns = Number(process.env.WORKFLOW_MODEL_RUNS ?? 100);
const maxCommands = 15;

type Status = 'submitted' | 'in_review' | 'awaiting_approval' | 'published' | 'rejected';
const statuses: readonly Status[] = ['submitted', 'in_review', 'awaiting_approval', 'published', 'rejected'];

type Rating = 'true' | 'false' | 'misleading';
const ratingNames: Record<Rating, string> = { true: 'True', false: 'False', misleading: 'Misleading' };

type ActorName = 'submitter' | 'reviewer1' | 'reviewer2' | 'reviewer3' | 'editor' | 'admin';
const actorRoles: Record<ActorName, Role> = {
  submitter: 'submitter',
  reviewer1: 'reviewer',
  reviewer2: 'reviewer',
  reviewer3: 'reviewer',
  editor: 'editor',
  admin: 'admin',
};
const actorNames = Object.keys(actorRoles) as ActorName[];
const roleRank: Record<Role, number> = { submitter: 0, reviewer: 1, editor: 2, admin: 3 };
const atLeast = (actor: ActorName, role: Role): boolean => roleRank[actorRoles[actor]] >= roleRank[role];

/** The moves a person (editor and above) may make; in_review → awaiting_approval is the job's alone. */
const editorMoves: Record<Status, { to: Status; name: string }[]> = {
  submitted: [
    { to: 'in_review', name: 'triage' },
    { to: 'rejected', name: 'reject' },
  ],
  in_review: [{ to: 'rejected', name: 'reject' }],
  awaiting_approval: [
    { to: 'published', name: 'publish' },
    { to: 'in_review', name: 'send_back' },
    { to: 'rejected', name: 'reject' },
  ],
  published: [{ to: 'in_review', name: 'reopen' }],
  rejected: [{ to: 'submitted', name: 'reopen' }],
};

/** Agreeing verdicts the job needs (CONSENSUS_MIN_VERDICTS, default 2). */
const consensusMinVerdicts = 2;

/** How a transition sends If-Match: not at all, the current ETag (strong or weak), `*`, a stale one, or junk. */
type IfMatch = 'none' | 'current' | 'weak' | 'star' | 'stale' | 'garbage';

// ---------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------

/** An event as compared: what the audit trail must say, minus generated ids, times and URLs. */
interface EventShape {
  action: string;
  from: Status | null;
  to: Status | null;
  actor: ActorName | null;
  data: Record<string, unknown>;
}

/** What the API must answer: a success, or a problem with this status (and code, fields, allowed moves). */
interface Expected {
  status: number;
  code?: string;
  fields?: string[];
  allowed?: Status[];
}

type ConsensusOutcome =
  | { outcome: 'consensus'; rating: Rating; verdicts: number }
  | { outcome: 'disagreement'; ratings: Partial<Record<Rating, number>> }
  | { outcome: 'waiting'; verdicts: number }
  | { outcome: 'not_in_review'; status: Status };

interface PublishedVersion {
  version: number;
  rating: Rating;
  summary: string;
  note: string | null;
}

class WorkflowModel {
  status: Status = 'submitted';
  /** The claim version (and ETag): bumped by every status change. */
  version: number;
  /** Verdicts per claim version, per actor (one per actor per version, a second replaces the first). */
  readonly verdicts = new Map<number, Map<ActorName, Rating>>();
  /** The version the job last flagged a disagreement on. */
  disagreementVersion: number | null = null;
  /** The published review versions, oldest first. */
  readonly reviews: PublishedVersion[] = [];
  /** The expected audit trail, oldest first. */
  readonly events: EventShape[] = [];
  /** What the run got to, for the coverage summary. */
  readonly reached = new Set<string>();

  constructor(version: number) {
    this.version = version;
    this.events.push({ action: 'claim.submitted', from: null, to: 'submitted', actor: 'submitter', data: {} });
  }

  /** The moves an editor has now: the status's, and publishing over split verdicts while they are split. */
  editorMoves(): { to: Status; name: string }[] {
    const split = this.status === 'in_review' && this.disagreementVersion === this.version;
    return split ? [...editorMoves.in_review, { to: 'published', name: 'publish_split' }] : editorMoves[this.status];
  }

  transition(
    actor: ActorName,
    request: { to: Status; ifMatch: IfMatch; summary?: string; reason?: string; rating?: Rating },
  ): Expected {
    if (!atLeast(actor, 'editor')) return { status: 403, code: 'auth.role_too_low' };
    if (request.ifMatch === 'stale' || request.ifMatch === 'garbage') {
      return { status: 412, code: 'claim.version_mismatch' };
    }
    const move = this.editorMoves().find((candidate) => candidate.to === request.to);
    if (move === undefined) {
      return {
        status: 409,
        code: 'claim.illegal_transition',
        allowed: this.editorMoves().map((candidate) => candidate.to),
      };
    }
    const split = move.name === 'publish_split';
    let review: PublishedVersion | null = null;
    if (request.to === 'published') {
      const fields: string[] = [];
      if (request.summary === undefined) fields.push('summary');
      const version = this.reviews.length + 1;
      if ((split || version > 1) && request.reason === undefined) fields.push('reason');
      const rating = request.rating ?? (split ? null : this.consensusRating());
      if (rating === null) fields.push('rating');
      if (fields.length > 0) return { status: 400, code: 'transition.invalid', fields };
      review = { version, rating: rating!, summary: request.summary!, note: version > 1 ? request.reason! : null };
    }
    const from = this.status;
    this.status = request.to;
    this.version += 1;
    this.events.push({
      action: 'claim.status_changed',
      from,
      to: request.to,
      actor,
      data: {
        transition: move.name,
        version: this.version,
        ...(request.reason === undefined ? {} : { reason: request.reason }),
      },
    });
    this.reached.add(move.name);
    if (split) {
      const ratings: Partial<Record<Rating, number>> = {};
      for (const given of this.verdicts.get(this.version - 1)?.values() ?? []) {
        ratings[given] = (ratings[given] ?? 0) + 1;
      }
      this.events.push({
        action: 'claim.split_decided',
        from: null,
        to: null,
        actor,
        data: { claimVersion: this.version - 1, rating: review!.rating, rationale: request.reason!, ratings },
      });
    }
    if (review !== null) {
      this.reviews.push(review);
      this.events.push({
        action: review.version === 1 ? 'claim.published' : 'claim.corrected',
        from: null,
        to: null,
        actor,
        data: {
          reviewVersion: review.version,
          rating: review.rating,
          summary: review.summary,
          ...(review.note === null ? {} : { correction: review.note }),
        },
      });
      this.reached.add(review.version === 1 ? 'published' : 'corrected');
    }
    return { status: 200 };
  }

  verdict(actor: ActorName, rating: Rating, valid: boolean): Expected {
    if (!atLeast(actor, 'reviewer')) return { status: 403, code: 'auth.role_too_low' };
    if (!valid) return { status: 400 };
    if (this.status !== 'in_review') return { status: 409, code: 'claim.not_in_review' };
    let round = this.verdicts.get(this.version);
    if (round === undefined) {
      round = new Map();
      this.verdicts.set(this.version, round);
    }
    const previous = round.get(actor);
    round.set(actor, rating);
    this.events.push({
      action: 'verdict.given',
      from: null,
      to: null,
      actor,
      data: {
        claimVersion: this.version,
        rating,
        ...(previous === undefined ? {} : { replaced: true, previousRating: previous }),
      },
    });
    if (previous !== undefined) this.reached.add('verdict replaced');
    return { status: 201 };
  }

  /** What the status-change job does: consensus, a disagreement flagged once per version, or nothing. */
  runConsensusJob(): ConsensusOutcome {
    if (this.status !== 'in_review') return { outcome: 'not_in_review', status: this.status };
    const verdicts = [...(this.verdicts.get(this.version)?.values() ?? [])];
    const counts: Partial<Record<Rating, number>> = {};
    for (const rating of verdicts) counts[rating] = (counts[rating] ?? 0) + 1;
    const ratings = Object.keys(counts) as Rating[];
    if (ratings.length > 1) {
      if (this.disagreementVersion !== this.version) {
        this.disagreementVersion = this.version;
        this.events.push({
          action: 'claim.disagreement_flagged',
          from: null,
          to: null,
          actor: null,
          data: { claimVersion: this.version, ratings: counts },
        });
        this.reached.add('disagreement');
      }
      return { outcome: 'disagreement', ratings: counts };
    }
    if (verdicts.length < consensusMinVerdicts) return { outcome: 'waiting', verdicts: verdicts.length };
    const rating = ratings[0]!;
    this.status = 'awaiting_approval';
    this.version += 1;
    this.events.push({
      action: 'claim.status_changed',
      from: 'in_review',
      to: 'awaiting_approval',
      actor: null,
      data: { transition: 'consensus', version: this.version, rating, verdicts: verdicts.length },
    });
    this.reached.add('consensus');
    return { outcome: 'consensus', rating, verdicts: verdicts.length };
  }

  /** The round of verdicts on show: the current version in review, else the last version that had verdicts. */
  shownRound(): ReadonlyMap<ActorName, Rating> {
    const none = new Map<ActorName, Rating>();
    if (this.status === 'in_review') return this.verdicts.get(this.version) ?? none;
    const rounds = [...this.verdicts.keys()].filter((version) => version <= this.version);
    return rounds.length === 0 ? none : this.verdicts.get(Math.max(...rounds))!;
  }

  /** The rating the last round of verdicts agrees on, if it does (what publishing defaults to). */
  consensusRating(): Rating | null {
    const rounds = [...this.verdicts.keys()].filter((version) => version <= this.version);
    if (rounds.length === 0) return null;
    const ratings = new Set(this.verdicts.get(Math.max(...rounds))!.values());
    return ratings.size === 1 ? [...ratings][0]! : null;
  }

  /**
   * Blind review: whether `viewer` may see the ratings of the round on show (in
   * the claim and in its events): editors always, everyone once published, a
   * reviewer once they have given a verdict in that round.
   */
  maySeeRatings(viewer: ActorName): boolean {
    if (atLeast(viewer, 'editor') || this.status === 'published') return true;
    return atLeast(viewer, 'reviewer') && this.shownRound().has(viewer);
  }

  /** The verdicts a viewer sees on GET /claims/{id}: the round on show, if they may see its ratings. */
  visibleVerdicts(viewer: ActorName): { reviewer: ActorName; rating: Rating }[] {
    if (!this.maySeeRatings(viewer)) return [];
    return [...this.shownRound().entries()]
      .map(([reviewer, rating]) => ({ reviewer, rating }))
      .sort((a, b) => a.reviewer.localeCompare(b.reviewer));
  }

  toString(): string {
    return `${this.status}@v${this.version}`;
  }
}

// ---------------------------------------------------------------------------
// The system under test, and the comparison of it with the model
// ---------------------------------------------------------------------------

interface Actor {
  id: string;
  token: string;
}

interface Real {
  api: TestApi;
  claimId: string;
  actors: Record<ActorName, Actor>;
  names: Map<string, ActorName>;
}

interface VerdictBody {
  reviewer: { id: string };
  rating: string;
  claimVersion: number;
}

interface ClaimBody {
  id: string;
  status: string;
  version: number;
  verdicts: VerdictBody[];
  review: {
    version: number;
    rating: string;
    summary: string;
    corrections: { version: number; note: string }[];
  } | null;
  allowedTransitions: string[];
  disagreement: boolean;
}

interface EventBody {
  action: string;
  from: string | null;
  to: string | null;
  actor: { id: string } | null;
  data: Record<string, unknown>;
}

interface ProblemBody {
  status: number;
  code: string;
  errors?: { field: string }[];
  allowed?: string[];
}

interface ClaimReviewBody {
  version: number;
  reviewRating: { alternateName: string };
  correction?: { text: string }[];
}

const trackedActions = [
  'claim.submitted',
  'claim.status_changed',
  'verdict.given',
  'claim.published',
  'claim.corrected',
  'claim.disagreement_flagged',
  'claim.split_decided',
] as const;

function countByAction(actions: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(trackedActions.map((action) => [action, 0]));
  for (const action of actions) counts[action] = (counts[action] ?? 0) + 1;
  return counts;
}

/** Words no other claim has, so each run's claim is unlike the others (and similarity search stays cheap). */
function randomWords(): string {
  return Array.from(randomBytes(8), (byte) => `w${byte.toString(36)}${randomBytes(3).toString('hex')}`).join(' ');
}

const claimPath = (real: Real): string => `/api/v1/claims/${real.claimId}`;

function expectOutcome(response: ApiResponse<unknown>, expected: Expected, context: string): void {
  const problem = response.body as ProblemBody;
  const seen = { status: response.status, ...(response.status >= 400 ? { code: problem.code } : {}) };
  expect({ context, ...seen }).toEqual({
    context,
    status: expected.status,
    ...(expected.status >= 400 ? { code: expected.code ?? problem.code } : {}),
  });
  if (expected.status < 400) return;
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
  expect(problem.status).toBe(expected.status);
  if (expected.fields !== undefined) {
    expect((problem.errors ?? []).map((error) => error.field).sort()).toEqual([...expected.fields].sort());
  }
  if (expected.allowed !== undefined) expect([...(problem.allowed ?? [])].sort()).toEqual([...expected.allowed].sort());
}

/** The claim as `viewer` must see it, compared with what GET /claims/{id} (or a transition) returned. */
function expectClaim(body: ClaimBody, model: WorkflowModel, real: Real, viewer: ActorName): void {
  const latest = model.reviews.at(-1);
  expect({
    viewer,
    status: body.status,
    version: body.version,
    disagreement: body.disagreement,
    allowedTransitions: [...body.allowedTransitions].sort(),
    review:
      body.review === null
        ? null
        : {
            version: body.review.version,
            rating: body.review.rating,
            summary: body.review.summary,
            corrections: body.review.corrections.map(({ version, note }) => ({ version, note })),
          },
    verdicts: body.verdicts
      .map((verdict) => ({ reviewer: real.names.get(verdict.reviewer.id), rating: verdict.rating }))
      .sort((a, b) => String(a.reviewer).localeCompare(String(b.reviewer))),
  }).toEqual({
    viewer,
    status: model.status,
    version: model.version,
    disagreement: model.disagreementVersion === model.version,
    allowedTransitions: atLeast(viewer, 'editor')
      ? model
          .editorMoves()
          .map((move) => move.to)
          .sort()
      : [],
    review:
      latest === undefined
        ? null
        : {
            version: latest.version,
            rating: latest.rating,
            summary: latest.summary,
            corrections: model.reviews
              .filter((review) => review.note !== null)
              .map((review) => ({ version: review.version, note: review.note })),
          },
    verdicts: model.visibleVerdicts(viewer),
  });
}

function eventShape(event: EventBody, real: Real): EventShape {
  const { verdictId: _verdictId, publishedAt: _publishedAt, url: _url, ...data } = event.data;
  return {
    action: event.action,
    from: event.from as Status | null,
    to: event.to as Status | null,
    actor: event.actor === null ? null : (real.names.get(event.actor.id) ?? null),
    data: event.action === 'claim.submitted' ? {} : data,
  };
}

/** Events whose data tells verdict ratings, and the keys that tell them. */
const ratingEvents = new Set([
  'verdict.given',
  'claim.status_changed',
  'claim.disagreement_flagged',
  'claim.split_decided',
]);
const ratingKeys = ['rating', 'previousRating', 'ratings'];

/** The events as someone blind review keeps from the ratings must see them: the same, less every verdict rating. */
function withoutRatings(event: EventShape): EventShape {
  if (!ratingEvents.has(event.action)) return event;
  return {
    ...event,
    data: Object.fromEntries(Object.entries(event.data).filter(([key]) => !ratingKeys.includes(key))),
  };
}

/** Compares everything observable about the claim with the model. */
async function expectAgreement(model: WorkflowModel, real: Real): Promise<void> {
  const { api } = real;
  const eventsAs = (actor: ActorName) =>
    api.request<{ items: EventBody[]; nextCursor: string | null }>('GET', `${claimPath(real)}/events?limit=100`, {
      token: real.actors[actor].token,
    });
  const [asEditor, asReviewer, events, reviewerEvents, claimReview] = await Promise.all([
    api.request<ClaimBody>('GET', claimPath(real), { token: real.actors.editor.token }),
    api.request<ClaimBody>('GET', claimPath(real), { token: real.actors.reviewer1.token }),
    eventsAs('editor'),
    eventsAs('reviewer1'),
    api.request<ClaimReviewBody>('GET', `${claimPath(real)}/claim-review`),
  ]);

  expect(asEditor.status).toBe(200);
  expect(asEditor.headers.get('etag')).toBe(`"${model.version}"`);
  expectClaim(asEditor.body, model, real, 'editor');
  expect(asReviewer.status).toBe(200);
  expectClaim(asReviewer.body, model, real, 'reviewer1');

  expect(events.status).toBe(200);
  expect(events.body.nextCursor).toBeNull();
  const actions = events.body.items.map((event) => event.action);
  expect(countByAction(actions)).toEqual(countByAction(model.events.map((event) => event.action)));
  expect(events.body.items.map((event) => eventShape(event, real))).toEqual(model.events);

  // The same trail as reviewer1 sees it: every rating hidden until they may see the round's.
  expect(reviewerEvents.status).toBe(200);
  if (model.maySeeRatings('reviewer1')) {
    expect(reviewerEvents.body.items.map((event) => eventShape(event, real))).toEqual(model.events);
  } else {
    const shapes = reviewerEvents.body.items.map((event) => {
      const { ratingHidden: _hidden, ...data } = event.data;
      return eventShape({ ...event, data }, real);
    });
    expect(shapes).toEqual(model.events.map(withoutRatings));
    const verdictEvents = reviewerEvents.body.items.filter((event) => event.action === 'verdict.given');
    expect(verdictEvents.every((event) => event.data.ratingHidden === true)).toBe(true);
  }

  const latest = model.reviews.at(-1);
  if (latest === undefined) {
    expect(claimReview.status).toBe(404);
  } else {
    expect(claimReview.status).toBe(200);
    const notes = model.reviews.flatMap((review) => (review.note === null ? [] : [review.note]));
    expect({
      version: claimReview.body.version,
      rating: claimReview.body.reviewRating.alternateName,
      corrections: (claimReview.body.correction ?? []).map((correction) => correction.text),
    }).toEqual({ version: latest.version, rating: ratingNames[latest.rating], corrections: notes });
  }
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

interface TransitionSpec {
  actor: ActorName;
  ifMatch: IfMatch;
  withSummary: boolean;
  withReason: boolean;
  rating: Rating | undefined;
}

function ifMatchHeader(ifMatch: IfMatch, version: number): Record<string, string> {
  switch (ifMatch) {
    case 'none':
      return {};
    case 'current':
      return { 'if-match': `"${version}"` };
    case 'weak':
      return { 'if-match': `W/"${version}"` };
    case 'star':
      return { 'if-match': '*' };
    case 'stale':
      return { 'if-match': `"${version - 1}"` };
    case 'garbage':
      return { 'if-match': 'not-a-version' };
  }
}

abstract class TransitionBase implements fc.AsyncCommand<WorkflowModel, Real> {
  constructor(protected readonly spec: TransitionSpec) {}

  check(): boolean {
    return true;
  }

  protected abstract target(model: WorkflowModel): Status;

  async run(model: WorkflowModel, real: Real): Promise<void> {
    const to = this.target(model);
    const { actor, ifMatch } = this.spec;
    const summary = this.spec.withSummary ? `Summary written at v${model.version}.` : undefined;
    const reason = this.spec.withReason ? `Reason given at v${model.version}.` : undefined;
    const headers = ifMatchHeader(ifMatch, model.version);
    const body = {
      to,
      ...(summary === undefined ? {} : { summary }),
      ...(reason === undefined ? {} : { reason }),
      ...(this.spec.rating === undefined ? {} : { rating: this.spec.rating }),
    };
    const expected = model.transition(actor, { to, ifMatch, summary, reason, rating: this.spec.rating });
    model.reached.add(`transition ${expected.status}`);
    const response = await real.api.request<ClaimBody>('POST', `${claimPath(real)}/transitions`, {
      token: real.actors[actor].token,
      body,
      headers,
    });
    expectOutcome(response, expected, `${actor} ${model.toString()} → ${to}`);
    if (response.status === 200) {
      expect(response.headers.get('etag')).toBe(`"${model.version}"`);
      expectClaim(response.body, model, real, actor);
    }
    await expectAgreement(model, real);
  }

  protected describe(to: string): string {
    const { actor, ifMatch, withSummary, withReason, rating } = this.spec;
    const extras = [
      ifMatch === 'none' ? '' : `if-match:${ifMatch}`,
      withSummary ? 'summary' : '',
      withReason ? 'reason' : '',
      rating === undefined ? '' : `rating:${rating}`,
    ].filter((extra) => extra !== '');
    return `${actor} transition → ${to}${extras.length === 0 ? '' : ` (${extras.join(', ')})`}`;
  }
}

/** A transition to any status, legal or not. */
class TransitionCommand extends TransitionBase {
  constructor(
    private readonly to: Status,
    spec: TransitionSpec,
  ) {
    super(spec);
  }

  protected target(): Status {
    return this.to;
  }

  override toString(): string {
    return this.describe(this.to);
  }
}

/** The next status along the happy path (in review, that is the job's move, which people are refused). */
const forwardMove: Record<Status, Status> = {
  submitted: 'in_review',
  in_review: 'awaiting_approval',
  awaiting_approval: 'published',
  published: 'in_review',
  rejected: 'submitted',
};

/**
 * A transition chosen from the current status, so that runs get somewhere:
 * the next step along the happy path, or else one of the moves open to editors.
 */
class MoveOnCommand extends TransitionBase {
  constructor(
    private readonly pick: number | 'forward',
    spec: TransitionSpec,
  ) {
    super(spec);
  }

  protected target(model: WorkflowModel): Status {
    if (this.pick === 'forward') return forwardMove[model.status];
    const moves = model.editorMoves();
    return moves[this.pick % moves.length]!.to;
  }

  override toString(): string {
    return this.describe(this.pick === 'forward' ? 'next status' : `open move #${this.pick}`);
  }
}

/** A verdict's rating: a fixed one, or `agree`: the rating of the round's first verdict ('true' when none). */
type RatingChoice = 'true' | 'false' | 'agree';

/** Who gives a verdict: anyone, or `next reviewer`: the first reviewer without a verdict in this round. */
type VerdictActor = ActorName | 'next reviewer';

const reviewers: readonly ActorName[] = ['reviewer1', 'reviewer2', 'reviewer3'];

/**
 * A verdict; with `runQueuedJob` the status-change job it queues runs right
 * after it (as a worker would), else only when a later command runs the job.
 */
class VerdictCommand implements fc.AsyncCommand<WorkflowModel, Real> {
  constructor(
    private readonly who: VerdictActor,
    private readonly choice: RatingChoice,
    private readonly valid: boolean,
    private readonly runQueuedJob: boolean,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: WorkflowModel, real: Real): Promise<void> {
    const version = model.version;
    const round = model.verdicts.get(version);
    const actor =
      this.who === 'next reviewer'
        ? (reviewers.find((reviewer) => round?.has(reviewer) !== true) ?? 'reviewer1')
        : this.who;
    const rating: Rating = this.choice === 'agree' ? ([...(round?.values() ?? [])][0] ?? 'true') : this.choice;
    const expected = model.verdict(actor, rating, this.valid);
    model.reached.add(`verdict ${expected.status}`);
    const response = await real.api.request<VerdictBody>('POST', `${claimPath(real)}/verdicts`, {
      token: real.actors[actor].token,
      body: this.valid ? { rating, rationale: `${actor} thinks so.` } : { rating },
    });
    expectOutcome(response, expected, `${actor} verdict ${rating} on ${model.toString()}`);
    if (response.status === 201) {
      expect(response.body).toMatchObject({ reviewer: { id: real.actors[actor].id }, rating, claimVersion: version });
    }
    await expectAgreement(model, real);
    if (this.runQueuedJob && response.status === 201) await runConsensusJob(model, real);
  }

  toString(): string {
    const rating = this.choice === 'agree' ? 'agreeing with the round' : this.choice;
    const extras = [this.valid ? '' : 'no rationale', this.runQueuedJob ? 'then its job' : ''].filter(Boolean);
    return `${this.who} verdict ${rating}${extras.length === 0 ? '' : ` (${extras.join(', ')})`}`;
  }
}

/** Runs the status-change job (`claim.evaluate`) for the claim in process, as the worker would, and checks it. */
async function runConsensusJob(model: WorkflowModel, real: Real): Promise<void> {
  const expected = model.runConsensusJob();
  const outcome = await real.api.app.get(ReviewsService).evaluateConsensus(real.claimId);
  expect(outcome).toEqual(expected);
  await expectAgreement(model, real);
}

/** A run of the status-change job at any moment (a late, repeated or needless one). */
class ConsensusJobCommand implements fc.AsyncCommand<WorkflowModel, Real> {
  check(): boolean {
    return true;
  }

  async run(model: WorkflowModel, real: Real): Promise<void> {
    await runConsensusJob(model, real);
  }

  toString(): string {
    return 'status-change job';
  }
}

const transitionSpec = (
  actor: fc.Arbitrary<ActorName>,
  ifMatch: fc.Arbitrary<IfMatch>,
  withSummary: fc.Arbitrary<boolean>,
  withReason: fc.Arbitrary<boolean>,
): fc.Arbitrary<TransitionSpec> =>
  fc.record({
    actor,
    ifMatch,
    withSummary,
    withReason,
    rating: fc.option(fc.constantFrom<Rating>('true', 'false', 'misleading'), { nil: undefined, freq: 3 }),
  });

const anyActor = fc.constantFrom(...actorNames);
const editorOrAdmin = fc.constantFrom<ActorName>('editor', 'admin');
const anyIfMatch = fc.constantFrom<IfMatch>('none', 'current', 'weak', 'star', 'stale', 'garbage');
const mostlyFreshIfMatch = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<IfMatch>('none', 'current', 'weak', 'star') },
  { weight: 1, arbitrary: fc.constantFrom<IfMatch>('stale', 'garbage') },
);
const mostly = (weight: number): fc.Arbitrary<boolean> =>
  fc.oneof({ weight, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const verdictActor = fc.oneof(
  { weight: 4, arbitrary: fc.constant<VerdictActor>('next reviewer') },
  { weight: 3, arbitrary: fc.constantFrom<VerdictActor>('reviewer1', 'reviewer2', 'reviewer3') },
  { weight: 1, arbitrary: fc.constantFrom<VerdictActor>('editor', 'admin', 'submitter') },
);

const commands = fc.commands(
  [
    fc.oneof(
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom(...statuses), transitionSpec(anyActor, anyIfMatch, fc.boolean(), fc.boolean()))
          .map(([to, spec]) => new TransitionCommand(to, spec)),
      },
      {
        weight: 5,
        arbitrary: fc
          .tuple(
            fc.oneof({ weight: 2, arbitrary: fc.constant('forward' as const) }, { weight: 1, arbitrary: fc.nat(5) }),
            transitionSpec(editorOrAdmin, mostlyFreshIfMatch, mostly(4), mostly(3)),
          )
          .map(([pick, spec]) => new MoveOnCommand(pick, spec)),
      },
      {
        weight: 7,
        arbitrary: fc
          .tuple(
            verdictActor,
            fc.oneof(
              { weight: 2, arbitrary: fc.constantFrom<RatingChoice>('true', 'false') },
              { weight: 3, arbitrary: fc.constant<RatingChoice>('agree') },
            ),
            mostly(9),
            mostly(2),
          )
          .map(([who, choice, valid, runQueuedJob]) => new VerdictCommand(who, choice, valid, runQueuedJob)),
      },
      { weight: 2, arbitrary: fc.constant(new ConsensusJobCommand()) },
    ),
  ],
  { maxCommands, size: 'max' },
);

/**
 * Where a run's random commands start. The claim is always fresh, submitted by
 * the submitter; a run may first take it along the happy path with the same
 * (checked) commands, so that 15 random commands also reach send-backs,
 * reopenings and corrections, which need a published claim first.
 */
type Start = 'submitted' | 'in_review' | 'awaiting_approval' | 'published' | 'reopened' | 'correction_agreed';
const start = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Start>('submitted') },
  { weight: 3, arbitrary: fc.constantFrom<Start>('in_review', 'awaiting_approval', 'published') },
  { weight: 2, arbitrary: fc.constantFrom<Start>('reopened', 'correction_agreed') },
);

function happyPathTo(target: Start): fc.AsyncCommand<WorkflowModel, Real>[] {
  const editorMove = (withSummary: boolean, withReason = false) =>
    new MoveOnCommand('forward', { actor: 'editor', ifMatch: 'current', withSummary, withReason, rating: undefined });
  const path: fc.AsyncCommand<WorkflowModel, Real>[] = [];
  if (target === 'submitted') return path;
  path.push(editorMove(false));
  if (target === 'in_review') return path;
  path.push(
    new VerdictCommand('reviewer1', 'false', true, false),
    new VerdictCommand('reviewer2', 'agree', true, true),
  );
  if (target === 'awaiting_approval') return path;
  path.push(editorMove(true));
  if (target === 'published') return path;
  path.push(editorMove(false, true));
  if (target === 'reopened') return path;
  path.push(new VerdictCommand('reviewer2', 'true', true, false), new VerdictCommand('reviewer3', 'agree', true, true));
  return path;
}

// ---------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------

describe('the review workflow against its model (postgresql backend, status-change job run in process)', () => {
  let api: TestApi;
  let actors: Record<ActorName, Actor>;
  let names: Map<string, ActorName>;
  let claims = 0;
  const coverage = new Map<string, number>();

  beforeAll(async () => {
    api = await TestApi.start(queueBackends()[0]!, { worker: false });
    const entries: [ActorName, Actor][] = [];
    for (const name of actorNames) {
      const user = await api.newUser(actorRoles[name]);
      entries.push([name, { id: user.id, token: user.token }]);
    }
    actors = Object.fromEntries(entries) as Record<ActorName, Actor>;
    names = new Map(entries.map(([name, actor]) => [actor.id, name]));
  });

  afterAll(async () => {
    const summary = [...coverage.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([what, runs]) => `${what}: ${runs}`)
      .join(', ');
    process.stdout.write(`workflow model coverage (runs that reached each): ${summary}\n`);
    await api?.close();
  });

  const setup = async (): Promise<{ model: WorkflowModel; real: Real }> => {
    claims += 1;
    const submitted = await api.request<ClaimBody>('POST', '/api/v1/claims', {
      token: actors.submitter.token,
      body: {
        text: `Model run ${claims}: ${randomWords()}.`,
        claimant: { name: 'Harbour Master' },
      },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('submitted');
    const model = new WorkflowModel(submitted.body.version);
    const real: Real = { api, claimId: submitted.body.id, actors, names };
    await expectAgreement(model, real);
    return { model, real };
  };

  it(
    'keeps status, version, verdicts, events and published versions in step with the model',
    async () => {
      await fc.assert(
        fc.asyncProperty(start, commands, async (from, sequence) => {
          let reached: Set<string> | undefined;
          const prefix = happyPathTo(from);
          // The random commands are iterated as given, so fast-check still knows which ones ran (for shrinking).
          const all = function* () {
            yield* prefix;
            yield* sequence;
          };
          await fc.asyncModelRun(async () => {
            const run = await setup();
            reached = run.model.reached;
            return run;
          }, all());
          for (const what of reached ?? []) coverage.set(what, (coverage.get(what) ?? 0) + 1);
        }),
        { numRuns },
      );
    },
    Math.max(170_000, numRuns * 2_000),
  );

  // Found by the model: the problem's `status` was overwritten by the error's
  // details ({ status: 'submitted' }), and Fastify answered 500.
  it('refuses a verdict on a claim that is not in review with 409, not 500', async () => {
    const { real } = await setup();
    const response = await api.request<ProblemBody>('POST', `${claimPath(real)}/verdicts`, {
      token: actors.reviewer1.token,
      body: { rating: 'false', rationale: 'Too early.' },
    });
    expect({ status: response.status, code: response.body.code, problemStatus: response.body.status }).toEqual({
      status: 409,
      code: 'claim.not_in_review',
      problemStatus: 409,
    });
  });
});
