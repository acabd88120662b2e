import type { CandidatePage, CandidateView } from '@claimdesk/extraction';
import { candidatesPanelView, sentenceContext, speakerText, toProgress } from './source-candidates.view-model';

const sourceId = '11111111-1111-4111-8111-111111111111';
const snapshotId = '22222222-2222-4222-8222-222222222222';

function aCandidate(overrides: Partial<CandidateView> = {}): CandidateView {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    text: 'We will build 300 homes',
    kind: 'quote',
    quote: true,
    speaker: { name: 'Ana Ruiz', role: 'the mayor', anonymous: false },
    start: 11,
    end: 34,
    sentence: { start: 10, end: 55, text: '"We will build 300 homes," said Ana Ruiz.' },
    snapshotId,
    score: 0.834,
    features: { numbers: 1, comparison: 0, date: 0, attribution: 1 },
    matches: [],
    promotedClaimId: null,
    createdAt: new Date('2026-03-01T10:00:00Z'),
    ...overrides,
  };
}

function aPage(overrides: Partial<CandidatePage> = {}): CandidatePage {
  return {
    items: [aCandidate()],
    nextCursor: null,
    extraction: { status: 'done', snapshotId, at: new Date('2026-03-01T10:00:00Z') },
    ...overrides,
  };
}

describe('the candidate claims panel', () => {
  it('names the speaker, an anonymous one by role, or says nobody could be named', () => {
    expect(speakerText({ name: 'Ana Ruiz', role: 'the mayor', anonymous: false })).toBe('Ana Ruiz, the mayor');
    expect(speakerText({ name: 'Ana Ruiz', role: null, anonymous: false })).toBe('Ana Ruiz');
    expect(speakerText({ name: null, role: 'a senior official', anonymous: true })).toBe(
      'Anonymous: a senior official',
    );
    expect(speakerText(null)).toBe('Speaker unknown');
  });

  it('marks the statement within its sentence, or shows it alone when the offsets do not fit', () => {
    expect(sentenceContext(aCandidate())).toEqual({
      before: '"',
      match: 'We will build 300 homes',
      after: '," said Ana Ruiz.',
    });
    expect(sentenceContext(aCandidate({ start: 40, end: 63 }))).toEqual({
      before: '',
      match: 'We will build 300 homes',
      after: '',
    });
  });

  it('lists the candidates with their score, kind, matches and the promote form', () => {
    const view = candidatesPanelView({
      sourceId,
      job: null,
      page: aPage({
        items: [
          aCandidate({
            matches: [
              {
                claim: {
                  id: 'c1',
                  text: 'They will build 300 homes',
                  status: 'published',
                  rating: 'false',
                  ratingName: 'False',
                },
                score: 0.8,
                reason: 'near_duplicate',
              },
            ],
          }),
          aCandidate({ id: 'x2', kind: 'statement', quote: false, promotedClaimId: 'c9', speaker: null }),
        ],
      }),
    });

    expect(view).toMatchObject({
      status: 'done',
      statusText: 'Done',
      pending: false,
      pollUrl: null,
      extractForm: null,
    });
    expect(view.items[0]).toMatchObject({
      position: 1,
      kindText: 'Quote',
      scoreText: '83%',
      speaker: 'Ana Ruiz, the mayor',
      speakerKnown: true,
      promoteAction: `/sources/${sourceId}/candidates/33333333-3333-4333-8333-333333333333/promote`,
      promotedHref: null,
      matches: [
        {
          href: '/claims/c1',
          statusText: 'Published',
          ratingName: 'False',
          how: 'Near copy (80%)',
        },
      ],
    });
    expect(view.items[1]).toMatchObject({
      position: 2,
      promoteAction: null,
      promotedHref: '/claims/c9',
      speakerKnown: false,
    });
  });

  it('polls while extraction is pending, with a key of the state shown', () => {
    const pending = candidatesPanelView({
      sourceId,
      job: { state: 'active', progress: 60, attemptsMade: 0, attempts: 5, failedReason: null },
      page: aPage({ items: [], extraction: { status: 'pending', snapshotId, at: null } }),
    });

    expect(pending.pollUrl).toBe(`/sources/${sourceId}/candidates?seen=${pending.stateKey}`);
    expect(pending.progress).toMatchObject({ text: 'Extracting claims from the latest snapshot…', percentDone: 60 });
    expect(pending.extractForm).toBeNull();
    expect(pending.liveMessage).toBe('Extracting claims from the latest snapshot…');
  });

  it('offers to extract when nobody asked, and to try again after a failure', () => {
    const none = candidatesPanelView({
      sourceId,
      job: null,
      page: aPage({ items: [], extraction: { status: 'not_requested', snapshotId: null, at: null } }),
    });
    const failed = candidatesPanelView({
      sourceId,
      job: null,
      page: aPage({ items: [], extraction: { status: 'failed', snapshotId, at: new Date() } }),
    });

    expect(none.extractForm).toEqual({ action: `/sources/${sourceId}/extractions`, button: 'Extract claims' });
    expect(failed.extractForm?.button).toBe('Extract claims again');
  });

  it('numbers a later page from where the previous one ended, and links the next', () => {
    const view = candidatesPanelView({
      sourceId,
      job: null,
      cursor: 'abc',
      from: 51,
      page: aPage({ nextCursor: 'n/x' }),
    });

    expect(view.from).toBe(51);
    expect(view.items[0]!.position).toBe(51);
    expect(view.nextHref).toBe(`/sources/${sourceId}?candidates=n%2Fx&from=52#candidates`);
    expect(view.firstHref).toBe(`/sources/${sourceId}#candidates`);
  });

  it('says what a pending extraction waits for', () => {
    expect(toProgress(null, null).text).toBe('Waiting for the source to be fetched');
    expect(toProgress(snapshotId, null)).toMatchObject({
      text: 'Queued: waiting for a worker to extract claims',
      state: 'not queued yet',
    });
    expect(
      toProgress(snapshotId, { state: 'delayed', progress: null, attemptsMade: 2, attempts: 5, failedReason: 'x' })
        .text,
    ).toBe('Extraction attempt 2 of 5 failed; trying again shortly');
  });
});
