import type { Principal } from '@claimdesk/accounts';
import type { EventView, QuoteCheckView, VerdictView } from '@claimdesk/claims';
import type { ClaimCapabilities, ClaimDetailView } from '@claimdesk/reviews';
import {
  type ChecksData,
  diffParts,
  passageAround,
  pendingPhase,
  toChecks,
  toProgress,
  toRuns,
} from './checks-panel.view-model';
import { type ClaimPageData, toClaimPage } from './claim-page.view-model';
import { describeEvent } from './history-panel.view-model';

const claimId = '0b8e8a0e-7c1a-4c53-9d0b-3f5f0d6a1a01';
const sourceId = '1c2d3e4f-0000-4000-8000-000000000001';
const appearanceId = '2c2d3e4f-0000-4000-8000-000000000002';
const at = new Date('2026-03-01T10:00:00Z');

function principal(role: Principal['role'], userId = `user-${role}`): Principal {
  return { userId, name: `A ${role}`, email: `${role}@example.org`, role, sessionId: 'session' };
}

function check(overrides: Partial<QuoteCheckView> = {}): QuoteCheckView {
  return {
    status: 'found',
    score: 1,
    snapshotId: 'snap-1',
    start: 10,
    end: 20,
    excerpt: 'the quote!',
    diff: [{ op: 'equal', text: 'the quote!' }],
    checkedAt: at,
    ...overrides,
  };
}

function verdict(overrides: Partial<VerdictView> = {}): VerdictView {
  return {
    id: 'verdict-1',
    reviewer: { id: 'user-reviewer', name: 'Ada Reviewer' },
    rating: 'mostly_false',
    rationale: 'The figures say otherwise.',
    evidenceIds: [],
    claimVersion: 2,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

function claim(overrides: Partial<ClaimDetailView> = {}): ClaimDetailView {
  return {
    id: claimId,
    text: 'We will deliver 107 homes by 2027.',
    headline: null,
    status: 'in_review',
    version: 2,
    claimant: { id: 'c1', name: 'Mayor Jo Bloggs', role: null },
    claimDate: null,
    language: 'en',
    tags: ['housing'],
    createdAt: at,
    updatedAt: at,
    checkWorthiness: null,
    duplicateOf: null,
    appearances: [{ id: appearanceId, sourceId, url: 'http://example.org/a', quote: 'the quote', quoteCheck: check() }],
    evidence: [],
    verdicts: [],
    review: null,
    similar: [],
    assignees: [],
    allowedTransitions: [],
    disagreement: false,
    tiebreakRequested: false,
    mayGiveVerdict: true,
    ...overrides,
  };
}

function checksData(overrides: Partial<ChecksData> = {}): ChecksData {
  return {
    sources: {
      [sourceId]: { title: 'Council plans', fetchStatus: 'fetched', error: null, errorDetail: null, fetchAttempts: 1 },
    },
    appearances: {},
    evidence: {},
    ...overrides,
  };
}

/** What an unassigned reviewer who has given no verdict may do with a claim in review, unless told otherwise. */
function capabilities(overrides: Partial<ClaimCapabilities> = {}): ClaimCapabilities {
  return {
    mayGiveVerdict: true,
    verdictRefusal: null,
    ratingsHidden: true,
    ratingsHiddenReason: 'blind_review',
    allowedTransitions: [],
    mayAddEvidence: true,
    mayEdit: false,
    mayAssign: false,
    mayRequestVerdict: false,
    ...overrides,
  };
}

const seesRatings = { ratingsHidden: false, ratingsHiddenReason: null } as const;

function page(detail: ClaimDetailView, can: ClaimCapabilities = capabilities()): ClaimPageData {
  return { claim: detail, capabilities: can, checks: checksData(), events: { items: [], nextCursor: null } };
}

describe('passageAround', () => {
  const text = 'First words here. Then the quote itself, said at the meeting. And some more words after it.';
  const start = text.indexOf('the quote');
  const end = start + 'the quote itself'.length;

  it('marks the match and keeps whole words of context on either side', () => {
    expect(passageAround(text, start, end, 12)).toEqual({
      before: 'here. Then ',
      match: 'the quote itself',
      after: ', said at',
      clippedBefore: true,
      clippedAfter: true,
    });
  });

  it('keeps the whole text when it is short', () => {
    expect(passageAround(text, start, end)).toMatchObject({
      before: 'First words here. Then ',
      after: ', said at the meeting. And some more words after it.',
      clippedBefore: false,
      clippedAfter: false,
    });
  });

  it('refuses offsets that do not fit the text', () => {
    expect(passageAround(text, 5, 2)).toBeNull();
    expect(passageAround(text, 0, text.length + 1)).toBeNull();
  });
});

describe('toRuns', () => {
  it('turns newlines into break flags, so that no newline reaches the page', () => {
    const passage = {
      before: 'One paragraph.\n\n  "',
      match: 'A quote\nover two lines',
      after: '" she said.\n',
      clippedBefore: true,
      clippedAfter: false,
    };
    expect(toRuns(passage)).toEqual({
      runs: [
        { text: 'One paragraph.', marked: false, lineBreak: false, paragraphBreak: false },
        { text: '"', marked: false, lineBreak: false, paragraphBreak: true },
        { text: 'A quote', marked: true, lineBreak: false, paragraphBreak: false },
        { text: 'over two lines', marked: true, lineBreak: true, paragraphBreak: false },
        { text: '" she said.', marked: false, lineBreak: false, paragraphBreak: false },
      ],
      clippedBefore: true,
      clippedAfter: false,
    });
  });
});

describe('diffParts', () => {
  it('keeps the parts quote checking writes', () => {
    expect(
      diffParts([
        { op: 'equal', text: 'a' },
        { op: 'removed', text: 'b' },
      ]),
    ).toEqual([
      { op: 'equal', text: 'a' },
      { op: 'removed', text: 'b' },
    ]);
  });

  it('refuses anything of another shape', () => {
    expect(diffParts(null)).toBeNull();
    expect(diffParts([])).toBeNull();
    expect(
      diffParts([
        { op: 'equal', text: 'a' },
        { op: 'script', text: 'b' },
      ]),
    ).toBeNull();
    expect(diffParts([{ op: 'equal', text: 1 }])).toBeNull();
  });
});

describe('the live part of the page', () => {
  it('polls while a fetch is pending, with a key of the state shown', () => {
    const pending = claim({ appearances: [{ ...claim().appearances[0]!, quoteCheck: check({ status: 'pending' }) }] });
    const data = checksData({
      sources: {
        [sourceId]: { title: null, fetchStatus: 'pending', error: null, errorDetail: null, fetchAttempts: 0 },
      },
      appearances: {
        [appearanceId]: {
          passage: null,
          job: {
            phase: 'fetch',
            state: { state: 'active', progress: 50, attemptsMade: 0, attempts: 5, failedReason: null },
          },
        },
      },
    });
    const view = toChecks(pending, data);
    expect(view.pending).toBe(true);
    expect(view.pollUrl).toBe(`/claims/${claimId}/checks?seen=${view.stateKey}`);
    expect(view.appearances[0]!.progress).toMatchObject({ text: 'Fetching the source…', percentDone: 50 });
    expect(view.appearances[0]!.sourceName).toBe('http://example.org/a');
    expect(view.liveMessage).toBe('Fetching the source…');
    expect(toChecks(pending, data).stateKey).toBe(view.stateKey);
  });

  it('stops polling once everything is settled, and shows the passage with the match marked', () => {
    const passage = {
      before: 'He said ',
      match: 'the quote!',
      after: ' loudly',
      clippedBefore: false,
      clippedAfter: true,
    };
    const view = toChecks(claim(), checksData({ appearances: { [appearanceId]: { passage, job: null } } }));
    expect(view.pending).toBe(false);
    expect(view.pollUrl).toBeNull();
    expect(view.appearances[0]!.check).toMatchObject({
      statusText: 'Found',
      score: '100%',
      passage: {
        runs: [
          { text: 'He said ', marked: false },
          { text: 'the quote!', marked: true },
          { text: ' loudly', marked: false },
        ],
        clippedBefore: false,
        clippedAfter: true,
      },
      diff: null,
    });
    expect(view.appearances[0]!.sourceName).toBe('Council plans');
    expect(view.liveMessage).toBe('All checks are done. quote: found.');
  });

  it('shows the excerpt alone when the snapshot is not at hand', () => {
    const view = toChecks(claim(), checksData());
    expect(view.appearances[0]!.check!.passage).toEqual({
      runs: [{ text: 'the quote!', marked: true, lineBreak: false, paragraphBreak: false }],
      clippedBefore: false,
      clippedAfter: false,
    });
  });

  it('shows the word difference of an approximate match only', () => {
    const diff = [
      { op: 'equal', text: 'we will' },
      { op: 'removed', text: 'build' },
      { op: 'added', text: 'deliver' },
    ];
    const approximate = claim({
      appearances: [{ ...claim().appearances[0]!, quoteCheck: check({ status: 'approximate', score: 0.83, diff }) }],
    });
    expect(toChecks(approximate, checksData()).appearances[0]!.check).toMatchObject({
      statusText: 'Approximate match',
      score: '83%',
      diff,
    });
    const notFound = claim({
      appearances: [
        {
          ...claim().appearances[0]!,
          quoteCheck: check({ status: 'not_found', score: 0, excerpt: null, start: null, end: null, diff }),
        },
      ],
    });
    expect(toChecks(notFound, checksData()).appearances[0]!.check).toMatchObject({ passage: null, diff: null });
  });

  it('knows what a pending check waits for', () => {
    const source = { title: null, error: null, errorDetail: null, fetchAttempts: 0 };
    expect(pendingPhase(null, { ...source, fetchStatus: 'pending' })).toBe('fetch');
    expect(pendingPhase(check({ status: 'pending' }), { ...source, fetchStatus: 'fetched' })).toBe('check');
    expect(pendingPhase(check(), { ...source, fetchStatus: 'fetched' })).toBeNull();
  });

  it('tells a retried fetch from a queued one', () => {
    const source = {
      title: null,
      fetchStatus: 'pending' as const,
      error: 'timeout',
      errorDetail: 'no answer in 30 s',
      fetchAttempts: 1,
    };
    const retrying = { state: 'delayed', progress: null, attemptsMade: 1, attempts: 5, failedReason: 'timeout' };
    expect(toProgress('fetch', retrying, source, 'quote', 'x')).toMatchObject({
      text: 'Fetch attempt 1 of 5 failed; trying again shortly',
      detail: 'Last attempt: no answer in 30 s',
      percentDone: null,
    });
    expect(toProgress('fetch', null, undefined, 'quote', 'x')).toMatchObject({
      text: 'Queued: waiting for a worker to fetch the source',
      state: 'not queued yet',
    });
    expect(toProgress('check', null, undefined, 'excerpt', 'x').text).toBe(
      'Queued: checking the excerpt against the source',
    );
  });
});

describe('the claim page', () => {
  it('keeps a reviewer blind until they give their verdict', () => {
    const view = toClaimPage(page(claim()), principal('reviewer'));
    expect(view.verdicts).toMatchObject({ blind: true, mine: null, list: [] });
    expect(view.verdicts.form).toMatchObject({ replaces: false, rationale: '' });
    expect(view.transitions).toEqual([]);
    expect(view.assignForm).toBeNull();
  });

  it('shows the reviewer their own verdict, which the form then replaces', () => {
    const other = verdict({ id: 'v2', reviewer: { id: 'someone', name: 'Bo' }, rating: 'false' });
    const view = toClaimPage(
      page(claim({ verdicts: [verdict(), other] }), capabilities(seesRatings)),
      principal('reviewer'),
    );
    expect(view.verdicts.blind).toBe(false);
    expect(view.verdicts.mine).toMatchObject({ ratingText: 'Mostly false', mine: true });
    expect(view.verdicts.list.map((item) => item.ratingText)).toEqual(['Mostly false', 'False']);
    expect(view.verdicts.form).toMatchObject({ replaces: true, rationale: 'The figures say otherwise.' });
    expect(view.verdicts.form!.ratings.find((rating) => rating.checked)?.value).toBe('mostly_false');
  });

  it('still shows the round a reviewer took part in once consensus moved the claim on', () => {
    const other = verdict({ id: 'v2', reviewer: { id: 'someone', name: 'Bo' }, rating: 'mostly_false' });
    const moved = claim({ status: 'awaiting_approval', version: 3, verdicts: [verdict(), other] });
    const can = capabilities({ ...seesRatings, mayGiveVerdict: false, verdictRefusal: 'not_in_review' });
    const view = toClaimPage(page(moved, can), principal('reviewer'));
    expect(view.verdicts).toMatchObject({ blind: false, form: null, mine: { ratingText: 'Mostly false' } });
    expect(view.verdicts.list).toHaveLength(2);
  });

  it('offers no verdict form outside review, and none to a submitter', () => {
    const submitted = capabilities({ mayGiveVerdict: false, verdictRefusal: 'not_in_review_yet' });
    expect(toClaimPage(page(claim({ status: 'submitted' }), submitted), principal('reviewer')).verdicts).toMatchObject({
      form: null,
      closedNote: 'Verdicts are given once an editor moves the claim into review.',
    });
    const submitter = capabilities({
      mayGiveVerdict: false,
      verdictRefusal: 'not_a_reviewer',
      ratingsHiddenReason: 'until_published',
      mayAddEvidence: false,
    });
    expect(toClaimPage(page(claim(), submitter), principal('submitter'))).toMatchObject({
      verdicts: { form: null, hiddenForRole: true },
      evidenceForm: null,
    });
  });

  it('tells an unassigned reviewer why there is no verdict form when assignment is required', () => {
    const unassigned = capabilities({ mayGiveVerdict: false, verdictRefusal: 'not_assigned' });
    expect(
      toClaimPage(page(claim({ mayGiveVerdict: false }), unassigned), principal('reviewer')).verdicts,
    ).toMatchObject({
      form: null,
      closedNote: 'Only reviewers assigned to this claim give verdicts on it. Ask an editor to assign you.',
    });
  });

  it('gives an editor one form per move, each with the version it was made from', () => {
    const detail = claim({ status: 'awaiting_approval', version: 4, allowedTransitions: ['published', 'in_review'] });
    const can = capabilities({
      ...seesRatings,
      mayGiveVerdict: false,
      verdictRefusal: 'not_in_review',
      allowedTransitions: [
        { to: 'published', name: 'publish', label: 'Publish', reasonLabel: 'Reason', correction: false },
        {
          to: 'in_review',
          name: 'send_back',
          label: 'Send back to review',
          reasonLabel: 'Reason for sending it back',
          correction: false,
        },
      ],
      mayEdit: true,
      mayAssign: true,
    });
    const view = toClaimPage(page(detail, can), principal('editor'));
    expect(view.transitions.map((form) => [form.to, form.button, form.version])).toEqual([
      ['published', 'Publish', 4],
      ['in_review', 'Send back to review', 4],
    ]);
    expect(view.transitions[0]!.inputs.map((input) => input.id)).toEqual([
      'transition-published-summary',
      'transition-published-rating',
    ]);
    expect(view.assignForm).not.toBeNull();
  });

  it('keeps the values and errors of the form that failed only', () => {
    const view = toClaimPage(page(claim()), principal('reviewer'), {
      form: {
        form: 'verdict',
        values: { rationale: 'Typed text', evidenceIds: [] },
        errors: {
          list: [{ id: 'verdict-rating', message: 'Rating is needed' }],
          byField: { rating: 'Rating is needed' },
        },
      },
    });
    expect(view.hasErrors).toBe(true);
    expect(view.verdicts.form).toMatchObject({ rationale: 'Typed text', errors: { rating: 'Rating is needed' } });
    expect(view.evidenceForm).toMatchObject({ values: {}, errors: {} });
  });

  it('confirms known outcomes only, never echoing the query', () => {
    expect(toClaimPage(page(claim()), principal('reviewer'), { done: 'verdict' }).done).toBe('Verdict recorded');
    expect(toClaimPage(page(claim()), principal('reviewer'), { done: '<b>hi</b>' }).done).toBeNull();
    expect(toClaimPage(page(claim()), principal('reviewer'), { done: ['verdict'] }).done).toBeNull();
  });
});

describe('describeEvent', () => {
  const event = (overrides: Partial<EventView>): EventView => ({
    id: 'e',
    at,
    actor: { id: 'u', name: 'Ada' },
    action: 'claim.submitted',
    from: null,
    to: 'submitted',
    data: {},
    ...overrides,
  });

  it('says who did what, with the status change', () => {
    expect(
      describeEvent(event({ action: 'claim.status_changed', from: 'submitted', to: 'in_review', data: {} })),
    ).toMatchObject({ actor: 'Ada', what: 'Moved the claim to in review', from: 'Submitted', to: 'In review' });
    expect(
      describeEvent(event({ actor: null, action: 'appearance.quote_checked', from: 'pending', to: 'found' })),
    ).toMatchObject({ actor: 'Claimdesk', what: 'Checked the quote: found', from: null, to: null });
  });

  it('keeps a hidden rating hidden', () => {
    expect(describeEvent(event({ action: 'verdict.given', data: { ratingHidden: true } })).what).toBe(
      'Gave a verdict (its rating stays hidden until you give yours)',
    );
    expect(describeEvent(event({ action: 'verdict.given', data: { rating: 'false' } })).what).toBe(
      'Gave a verdict: False',
    );
  });
});
