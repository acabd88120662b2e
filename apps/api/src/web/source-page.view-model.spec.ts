import type { SnapshotSummaryView, SourceView } from '@claimdesk/sources';
import { changesPageView, snapshotPageView, sourcePageView } from './source-page.view-model';

const sourceId = '11111111-1111-4111-8111-111111111111';

function aSnapshot(id: string, overrides: Partial<SnapshotSummaryView> = {}): SnapshotSummaryView {
  return {
    id,
    fetchedAt: new Date('2026-01-02T10:00:00Z'),
    httpStatus: 200,
    finalUrl: 'https://news.example.org/a',
    contentType: 'text/html',
    sha256: 'ab'.repeat(32),
    title: 'A title',
    publisher: 'The Ledger',
    publishedAt: null,
    textSha256: 'cd'.repeat(32),
    textLength: 1234,
    ...overrides,
  };
}

function aSource(overrides: Partial<SourceView> = {}): SourceView {
  return {
    id: sourceId,
    url: 'https://news.example.org/a',
    title: 'A title',
    publisher: 'The Ledger',
    publishedAt: null,
    fetchStatus: 'fetched',
    error: null,
    errorDetail: null,
    fetchAttempts: 1,
    lastFetchedAt: new Date('2026-01-02T10:00:00Z'),
    lastAttemptAt: new Date('2026-01-02T10:00:00Z'),
    extractClaims: false,
    snapshots: [],
    createdAt: new Date('2026-01-02T09:00:00Z'),
    updatedAt: new Date('2026-01-02T10:00:00Z'),
    ...overrides,
  };
}

describe('the source page', () => {
  it('numbers the snapshots oldest first and links the changes of each but the first', () => {
    const view = sourcePageView(aSource({ snapshots: [aSnapshot('s3'), aSnapshot('s2'), aSnapshot('s1')] }), []);

    expect(view.snapshots.map((row) => [row.number, row.changesHref])).toEqual([
      [3, `/sources/${sourceId}/snapshots/s3/changes`],
      [2, `/sources/${sourceId}/snapshots/s2/changes`],
      [1, null],
    ]);
    expect(view.snapshots[0]).toMatchObject({
      href: `/sources/${sourceId}/snapshots/s3`,
      previousNumber: 2,
      sha256Short: 'abababababab',
      textLength: '1,234',
    });
  });

  it('titles the page with the source title, or its URL while it has none', () => {
    expect(sourcePageView(aSource(), []).pageTitle).toBe('Source: A title');
    expect(sourcePageView(aSource({ title: null, fetchStatus: 'pending' }), [])).toMatchObject({
      pageTitle: 'Source: https://news.example.org/a',
      pending: true,
      fetchStatusLabel: 'Pending',
    });
  });

  it('links only http and https URLs', () => {
    expect(sourcePageView(aSource(), []).urlIsLink).toBe(true);
    expect(sourcePageView(aSource({ url: 'javascript:alert(1)' }), []).urlIsLink).toBe(false);
  });

  it('lists the claims citing the source with links', () => {
    const view = sourcePageView(aSource(), [
      {
        id: 'c1',
        text: 'A claim.',
        headline: null,
        status: 'submitted',
        version: 1,
        claimant: null,
        claimDate: null,
        language: 'en',
        tags: [],
        createdAt: new Date('2026-01-02T10:00:00Z'),
        updatedAt: new Date('2026-01-02T10:00:00Z'),
        statusChangedAt: new Date('2026-01-02T10:00:00Z'),
      },
    ]);

    expect(view.citing).toEqual([
      {
        href: '/claims/c1',
        text: 'A claim.',
        claimant: null,
        status: 'submitted',
        createdAt: expect.any(Date) as Date,
      },
    ]);
  });
});

describe('the snapshot page', () => {
  it('sorts the headers by name and links back to the source', () => {
    const view = snapshotPageView({
      ...aSnapshot('s1', { finalUrl: 'data:text/html,x' }),
      sourceId,
      headers: { 'last-modified': 'Tue', 'content-language': 'en' },
      text: 'The text.',
    });

    expect(view.headers).toEqual([
      { name: 'content-language', text: 'en' },
      { name: 'last-modified', text: 'Tue' },
    ]);
    expect(view).toMatchObject({ sourceHref: `/sources/${sourceId}`, text: 'The text.', finalUrlIsLink: false });
  });
});

describe('the changes page', () => {
  it('keeps short runs whole and shortens long unchanged ones, with context next to the changes', () => {
    const long = 'x'.repeat(1000);
    const view = changesPageView({
      sourceId,
      snapshotId: 's2',
      previousSnapshotId: 's1',
      removedWords: 1,
      addedWords: 1,
      granularity: 'word',
      changes: [
        { op: 'equal', text: long },
        { op: 'removed', text: 'old' },
        { op: 'added', text: 'new' },
        { op: 'equal', text: `a${long}b` },
        { op: 'added', text: 'end' },
        { op: 'equal', text: long },
      ],
    });

    expect(view.segments[0]).toEqual({ op: 'equal', text: '', after: 'x'.repeat(200), skipped: 800 });
    expect(view.segments.slice(1, 3)).toEqual([
      { op: 'removed', text: 'old' },
      { op: 'added', text: 'new' },
    ]);
    expect(view.segments[3]).toEqual({
      op: 'equal',
      text: `a${'x'.repeat(199)}`,
      after: `${'x'.repeat(199)}b`,
      skipped: 602,
    });
    expect(view.segments[5]).toEqual({ op: 'equal', text: 'x'.repeat(200), after: '', skipped: 800 });
    expect(view).toMatchObject({
      summary: '1 word removed, 1 word added.',
      previousHref: `/sources/${sourceId}/snapshots/s1`,
      snapshotHref: `/sources/${sourceId}/snapshots/s2`,
      unchanged: false,
      byParagraph: false,
    });
  });

  it('says when nothing changed, and when the first snapshot has no previous one', () => {
    const view = changesPageView({
      sourceId,
      snapshotId: 's1',
      previousSnapshotId: null,
      removedWords: 0,
      addedWords: 2,
      granularity: 'paragraph',
      changes: [{ op: 'equal', text: 'same' }],
    });

    expect(view).toMatchObject({ previousHref: null, unchanged: true, byParagraph: true });
    expect(view.summary).toBe('0 words removed, 2 words added.');
  });
});
