import type { ExtractedStatement } from '../statement';
import { extractionActions, type ExtractionStateRow } from './candidates.repository';
import {
  claimTextOf,
  extractionStateOf,
  maxCandidateLength,
  pendingJobIdOf,
  toNewCandidates,
} from './extraction-state';

const sourceId = '11111111-1111-4111-8111-111111111111';
const snapshotId = '22222222-2222-4222-8222-222222222222';
const at = new Date('2026-03-01T10:00:00Z');

function aRow(overrides: Partial<ExtractionStateRow> = {}): ExtractionStateRow {
  return {
    extractClaims: true,
    fetchStatus: 'fetched',
    snapshotId,
    outcomeId: null,
    outcomeAction: null,
    outcomeAt: null,
    requestId: null,
    requestJobId: null,
    ...overrides,
  };
}

describe('the extraction state of a source', () => {
  it('is not_requested while extraction is off and nothing was extracted', () => {
    expect(extractionStateOf(aRow({ extractClaims: false }))).toEqual({
      status: 'not_requested',
      snapshotId: null,
      at: null,
    });
    expect(extractionStateOf(aRow({ extractClaims: false, snapshotId: null })).status).toBe('not_requested');
  });

  it('is pending while the latest snapshot waits for its extraction, or the source for its first snapshot', () => {
    expect(extractionStateOf(aRow())).toEqual({ status: 'pending', snapshotId, at: null });
    expect(extractionStateOf(aRow({ snapshotId: null, fetchStatus: 'pending' }))).toEqual({
      status: 'pending',
      snapshotId: null,
      at: null,
    });
  });

  it('is failed when the fetch failed before there was a snapshot', () => {
    expect(extractionStateOf(aRow({ snapshotId: null, fetchStatus: 'failed' })).status).toBe('failed');
  });

  it('is done once the latest snapshot was extracted, even when asked again since', () => {
    const done = aRow({ outcomeId: '7', outcomeAction: extractionActions.extracted, outcomeAt: at });
    expect(extractionStateOf(done)).toEqual({ status: 'done', snapshotId, at });
    expect(extractionStateOf({ ...done, requestId: '9' }).status).toBe('done');
  });

  it('is failed after a failure, and pending again once asked for after it', () => {
    const failed = aRow({ outcomeId: '7', outcomeAction: extractionActions.failed, outcomeAt: at, requestId: '3' });
    expect(extractionStateOf(failed)).toEqual({ status: 'failed', snapshotId, at });
    // Event ids are compared as numbers, not as text ('10' > '9').
    expect(extractionStateOf({ ...failed, outcomeId: '9', requestId: '10' })).toEqual({
      status: 'pending',
      snapshotId,
      at: null,
    });
  });

  it('names the job a pending extraction waits on: the one asked for since the last outcome, or the snapshot’s', () => {
    expect(pendingJobIdOf(sourceId, aRow())).toBe(`source.extract.${sourceId}.${snapshotId}`);
    expect(pendingJobIdOf(sourceId, aRow({ requestId: '4', requestJobId: 'source.extract.retry' }))).toBe(
      'source.extract.retry',
    );
    expect(
      pendingJobIdOf(
        sourceId,
        aRow({ outcomeId: '5', outcomeAction: extractionActions.failed, requestId: '4', requestJobId: 'old' }),
      ),
    ).toBeNull();
    expect(pendingJobIdOf(sourceId, aRow({ snapshotId: null }))).toBeNull();
  });
});

describe('candidates from extracted statements', () => {
  const text = 'Rents rose 14 percent. "We will build 300 homes," said Ana Ruiz, the mayor.';

  function aStatement(start: number, end: number, overrides: Partial<ExtractedStatement> = {}): ExtractedStatement {
    return {
      span: { start, end, text: text.slice(start, end) },
      sentence: { start: 0, end: 22, text: text.slice(0, 22) },
      kind: 'statement',
      speaker: null,
      features: { numbers: 1, comparison: 0, date: 0, attribution: 0 },
      score: 0.8,
      ...overrides,
    };
  }

  it('ranks them in the order given and keeps speaker, offsets and features', () => {
    const quote = aStatement(24, 48, {
      kind: 'quote',
      sentence: { start: 23, end: text.length, text: text.slice(23) },
      speaker: { name: 'Ana Ruiz', role: 'the mayor', anonymous: false },
      score: 0.9,
    });

    const candidates = toNewCandidates(text, [quote, aStatement(0, 22)]);

    expect(candidates).toEqual([
      {
        kind: 'quote',
        text: 'We will build 300 homes,',
        start: 24,
        end: 48,
        sentenceStart: 23,
        sentenceEnd: text.length,
        speakerName: 'Ana Ruiz',
        speakerRole: 'the mayor',
        speakerAnonymous: false,
        score: 0.9,
        features: { numbers: 1, comparison: 0, date: 0, attribution: 0 },
        rank: 1,
      },
      expect.objectContaining({ text: 'Rents rose 14 percent.', rank: 2, speakerAnonymous: null, speakerName: null }),
    ]);
  });

  it('leaves out statements whose offsets do not give their text back, or too long for a claim', () => {
    const wrong = { ...aStatement(0, 22), span: { start: 1, end: 23, text: 'Rents rose 14 percent.' } };
    const long = 'x'.repeat(maxCandidateLength + 1);

    expect(toNewCandidates(text, [wrong])).toEqual([]);
    expect(
      toNewCandidates(long, [
        aStatement(0, long.length, {
          sentence: { start: 0, end: long.length, text: long },
          span: { start: 0, end: long.length, text: long },
        }),
      ]),
    ).toEqual([]);
  });

  it('keeps scores within 0..1', () => {
    const [high, low, nan] = toNewCandidates(text, [
      aStatement(0, 22, { score: 1.2 }),
      aStatement(0, 5, { score: -0.1 }),
      aStatement(6, 10, { score: Number.NaN }),
    ]);
    expect([high!.score, low!.score, nan!.score]).toEqual([1, 0, 0]);
  });
});

describe('a candidate as a claim', () => {
  it('leaves out the comma a quote breaks off at, and keeps a full stop', () => {
    expect(claimTextOf('We cannot keep covering that from the harbour budget,')).toBe(
      'We cannot keep covering that from the harbour budget',
    );
    expect(claimTextOf('Fares rose by 12 percent.')).toBe('Fares rose by 12 percent.');
    expect(claimTextOf(',')).toBe(',');
  });
});
