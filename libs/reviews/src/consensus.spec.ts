import { decideConsensus } from './consensus';

const agreement = { minVerdicts: 2, tiebreak: false };
const tiebreak = { minVerdicts: 2, tiebreak: true };

describe('decideConsensus', () => {
  it('waits while nobody has given a verdict', () => {
    expect(decideConsensus([], agreement)).toEqual({ outcome: 'waiting', verdicts: 0 });
  });

  it('waits for the second agreeing verdict', () => {
    expect(decideConsensus(['false'], agreement)).toEqual({ outcome: 'waiting', verdicts: 1 });
  });

  it('agrees when every verdict gives the same rating, enough of them', () => {
    expect(decideConsensus(['false', 'false'], agreement)).toEqual({
      outcome: 'consensus',
      rating: 'false',
      verdicts: 2,
      split: false,
      ratings: { false: 2 },
    });
  });

  it('follows CONSENSUS_MIN_VERDICTS', () => {
    expect(decideConsensus(['true', 'true'], { minVerdicts: 3, tiebreak: false }).outcome).toBe('waiting');
    expect(decideConsensus(['true'], { minVerdicts: 1, tiebreak: false }).outcome).toBe('consensus');
  });

  it('is split by one conflicting rating, however many agree', () => {
    expect(decideConsensus(['false', 'false', 'false', 'mostly_false'], agreement)).toEqual({
      outcome: 'disagreement',
      verdicts: 4,
      ratings: { false: 3, mostly_false: 1 },
    });
  });

  it('settles a split by the leading rating once a tie-break was asked for', () => {
    expect(decideConsensus(['true', 'false', 'false'], tiebreak)).toEqual({
      outcome: 'consensus',
      rating: 'false',
      verdicts: 3,
      split: true,
      ratings: { true: 1, false: 2 },
    });
  });

  it('stays split on a tie-break that ties', () => {
    expect(decideConsensus(['true', 'false'], tiebreak).outcome).toBe('disagreement');
    expect(decideConsensus(['true', 'false', 'half_true'], tiebreak).outcome).toBe('disagreement');
  });

  it('needs CONSENSUS_MIN_VERDICTS for the leading rating even on a tie-break', () => {
    expect(decideConsensus(['true', 'false', 'false'], { minVerdicts: 3, tiebreak: true }).outcome).toBe(
      'disagreement',
    );
  });

  it('agrees without a split when a tie-break round ends unanimous', () => {
    expect(decideConsensus(['true', 'true'], tiebreak)).toMatchObject({ outcome: 'consensus', split: false });
  });
});
