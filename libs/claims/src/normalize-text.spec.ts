import { normalizeText } from './normalize-text';

describe('normalizeText', () => {
  it('treats typography, case and spacing as the same claim', () => {
    const variants = [
      'The deal promised “complete, verifiable and irreversible” dismantlement.',
      'the deal promised "complete, verifiable and irreversible" dismantlement',
      '  THE DEAL   promised complete — verifiable and irreversible dismantlement!!',
    ];
    expect(new Set(variants.map(normalizeText))).toEqual(
      new Set(['the deal promised complete verifiable and irreversible dismantlement']),
    );
  });

  it('drops diacritics and folds compatibility forms', () => {
    expect(normalizeText('Le président a déclaré ﬁn')).toBe('le president a declare fin');
  });

  it('keeps numbers whole, with one kind of separator and their percent signs', () => {
    expect(normalizeText('Unemployment fell 3.5% to 1,200,000 people.')).toBe(
      'unemployment fell 3.5% to 1.200.000 people',
    );
    expect(normalizeText('3,5%')).toBe(normalizeText('3.5%'));
  });

  it('joins words across apostrophes of either kind', () => {
    expect(normalizeText('We didn’t raise taxes')).toBe(normalizeText("We didn't raise taxes"));
    expect(normalizeText("We didn't raise taxes")).toBe('we didnt raise taxes');
  });

  it('handles scripts other than Latin', () => {
    expect(normalizeText('Безработица   снизилась!')).toBe('безработица снизилась');
  });
});
