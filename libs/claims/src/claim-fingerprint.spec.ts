import { claimFingerprint, fingerprintBands } from './claim-fingerprint';
import { normalizeText } from './normalize-text';

const shared = (a: number[], b: number[]): number => a.filter((band, index) => b[index] === band).length;
const print = (text: string): number[] => claimFingerprint(normalizeText(text));

describe('claimFingerprint', () => {
  const original = 'The 2018 deal promised the complete, verifiable and irreversible dismantlement of the programme';

  it('is deterministic, one signed 32-bit integer per band', () => {
    const bands = print(original);
    expect(bands).toEqual(print(original));
    expect(bands).toHaveLength(fingerprintBands);
    expect(bands.every((band) => Number.isInteger(band) && band >= -(2 ** 31) && band < 2 ** 31)).toBe(true);
  });

  it('shares bands with a near duplicate (a word changed)', () => {
    expect(shared(print(original), print(original.replace('complete', 'total')))).toBeGreaterThan(0);
  });

  it('shares no band with an unrelated claim', () => {
    expect(
      shared(print(original), print('Unemployment in Ohio fell by 3 percent between 2019 and 2023, the governor said')),
    ).toBe(0);
  });

  it('fingerprints very short texts too', () => {
    expect(print('ok')).toHaveLength(fingerprintBands);
    expect(print('')).toHaveLength(fingerprintBands);
  });
});
