import { ruleFeatures } from './rule-features';

describe('ruleFeatures', () => {
  it('counts figures, percentages and money, but not years, days or times of day', () => {
    expect(ruleFeatures('Sales rose 12% to $4.5 million in 2023.').numbers).toBe(2);
    expect(ruleFeatures('The plant employed 1,240 people.').numbers).toBe(1);
    expect(ruleFeatures('It closed in 2019.').numbers).toBe(0);
    expect(ruleFeatures('The vote was held on 4 May, and doors opened at 7 p.m.').numbers).toBe(0);
  });

  it('counts quantities written in words, a run of them once', () => {
    expect(ruleFeatures('About three thousand people signed, nearly half of them nurses.').numbers).toBe(2);
    expect(ruleFeatures('Two hundred and fifty people came.').numbers).toBe(1);
    expect(ruleFeatures('Turnout was 63 percent.').numbers).toBe(1);
  });

  it('counts comparison and trend words', () => {
    expect(ruleFeatures('Crime fell to its lowest level since 2004.').comparison).toBe(3);
    expect(ruleFeatures('Exports more than doubled.').comparison).toBe(3);
    expect(ruleFeatures('A record crowd watched.').comparison).toBe(1);
  });

  it('counts years, months, weekdays and relative dates', () => {
    expect(ruleFeatures('The law took effect in January 2021.').date).toBe(2);
    expect(ruleFeatures('The council voted on Tuesday.').date).toBe(1);
    expect(ruleFeatures('Prices rose last year.').date).toBe(1);
    expect(ruleFeatures('The figure was first published in the 1990s.').date).toBe(1);
  });

  it('reads May as a month only where it is one', () => {
    expect(ruleFeatures('The office closed in May.').date).toBe(1);
    expect(ruleFeatures('The vote was held on May 4.').date).toBe(1);
    expect(ruleFeatures('May the best team win.').date).toBe(0);
    expect(ruleFeatures('Prices may rise.').date).toBe(0);
  });

  it('counts attributions', () => {
    expect(ruleFeatures('The minister said the figures were wrong.').attribution).toBe(1);
    expect(ruleFeatures('According to the police, 40 people were arrested, she told reporters.').attribution).toBe(2);
  });

  it('finds nothing in a sentence with none of them', () => {
    expect(ruleFeatures('Rain hammered on the tin roof of the shelter.')).toEqual({
      numbers: 0,
      comparison: 0,
      date: 0,
      attribution: 0,
    });
  });
});
