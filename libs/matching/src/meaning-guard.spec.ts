import { meaningConflicts } from './meaning-guard';

describe('meaningConflicts', () => {
  it('flags numbers both texts state differently', () => {
    expect(meaningConflicts('The council hired 600 nurses', 'The council hired 6 nurses')).toEqual([
      { kind: 'number', query: '600', claim: '6' },
    ]);
  });

  it('treats the same number written with separators or trailing zeros as the same', () => {
    expect(meaningConflicts('It cost 1,200 dollars, up 3.50%', 'It cost 1200 dollars, up 3.5%')).toEqual([]);
  });

  it('does not flag a number only one text states', () => {
    expect(meaningConflicts('The council hired nurses', 'The council hired 600 nurses')).toEqual([]);
  });

  it('flags a negation only one text carries, naming it', () => {
    expect(meaningConflicts('The mayor did not raise taxes', 'The mayor raised taxes')).toEqual([
      { kind: 'negation', query: 'did not', claim: null },
    ]);
    expect(meaningConflicts('The mayor raised taxes', 'The mayor didn\u2019t raise taxes')).toEqual([
      { kind: 'negation', query: null, claim: 'didn\u2019t' },
    ]);
    expect(meaningConflicts('Never again', 'Again')).toEqual([{ kind: 'negation', query: 'Never', claim: null }]);
  });

  it('finds no conflict when both negate, or a double negation cancels', () => {
    expect(meaningConflicts('He never paid taxes', 'He did not pay taxes')).toEqual([]);
    expect(meaningConflicts('Not without reason, taxes rose', 'Taxes rose')).toEqual([]);
  });

  it('reports both kinds at once', () => {
    expect(meaningConflicts('Crime did not fall 20% in 2023', 'Crime fell 12% in 2023').map((c) => c.kind)).toEqual([
      'number',
      'negation',
    ]);
  });
});
