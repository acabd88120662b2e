/**
 * Locality-sensitive fingerprint of a normalised claim text, for finding near
 * duplicates among millions of claims without comparing against each.
 *
 * The text's character 4-grams are MinHashed with `bands × rowsPerBand` seeded
 * hash functions; each band of rows is folded into one 32-bit integer. Two
 * texts share at least one band with probability 1 − (1 − s^rows)^bands, where
 * s is the Jaccard similarity of their 4-gram sets: with 20 bands of 5 rows,
 * about 0.97 for s = 0.7, 0.47 for s = 0.5 and 0.05 for s = 0.3. Candidates found through a GIN
 * index on the bands are then scored exactly with pg_trgm's similarity.
 */
export const fingerprintBands = 20;
export const fingerprintRowsPerBand = 5;
const shingleSize = 4;

const seeds = Array.from({ length: fingerprintBands * fingerprintRowsPerBand }, (_, index) =>
  mix(0x9e3779b9 ^ Math.imul(index + 1, 0x85ebca6b)),
);

export function claimFingerprint(normalizedText: string): number[] {
  const padded = ` ${normalizedText} `;
  const shingles = new Set<number>();
  if (padded.length <= shingleSize) shingles.add(fnv1a(padded));
  for (let start = 0; start + shingleSize <= padded.length; start++) {
    shingles.add(fnv1a(padded.slice(start, start + shingleSize)));
  }

  const minima = new Uint32Array(seeds.length).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < seeds.length; i++) {
      const value = mix(shingle ^ seeds[i]!);
      if (value < minima[i]!) minima[i] = value;
    }
  }

  const bands: number[] = [];
  for (let band = 0; band < fingerprintBands; band++) {
    let hash = mix(band + 1);
    for (let row = 0; row < fingerprintRowsPerBand; row++) {
      hash = mix(hash ^ minima[band * fingerprintRowsPerBand + row]!);
    }
    bands.push(hash | 0); // PostgreSQL integer: signed 32-bit
  }
  return bands;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's 32-bit finaliser: a cheap, well-mixed permutation of 32-bit values. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
