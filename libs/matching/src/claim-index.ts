import { matchTerms } from './match-terms';

/** A claim the index ranks for a text: the ranking value, and the overlap shown to people. */
export interface IndexHit {
  id: string;
  /** The ranking value: higher is better; comparable only within one search. */
  rank: number;
  /**
   * 0..1: how much of the two texts' weight (terms weighted by rarity) they
   * share, mostly of the claim's (a post restating a claim adds words of its
   * own), so 1 when every term of each is in the other.
   */
  overlap: number;
}

/**
 * BM25 parameters and the reranking weights, tuned on the CLEF 2020
 * CheckThat! Task 2 train split (tweets against 10,373 fact-checked claims),
 * never on dev: see `npm run bench -- matching`. Claims are short, so length
 * normalisation is mild (b); a claim's terms found in the text weigh more than
 * the text's terms found in the claim.
 */
export const rankingModel = {
  k1: 1.2,
  b: 0.5,
  /** How many of the best BM25 candidates are reranked. */
  candidates: 50,
  weights: {
    /** BM25 relative to the best candidate's. */
    bm25: 1.5,
    /** Share of the claim's term weight found in the text. */
    claimCoverage: 0.25,
    /** Share of the text's term weight found in the claim. */
    textCoverage: 0.5,
    /** Share of the claim's adjacent term pairs found in the text. */
    pairs: -0.25,
    /** BM25 relative to the text's total term weight. */
    bm25PerWeight: 1.5,
  },
} as const;

/** Share of the overlap shown that comes from the claim's side. */
const claimSideShare = 0.7;

const tfBits = 5;
const maxTf = (1 << tfBits) - 1;
/** Packed postings keep the document number in the upper 26 bits. */
export const maxDocuments = 2 ** (31 - tfBits);

/**
 * An in-process inverted index of claim texts for lexical matching: BM25 over
 * stemmed terms to find candidates, reranked with coverage features. Every
 * process that matches keeps one, fed from PostgreSQL (the source of truth) by
 * {@link ClaimIndexFeed}; it holds numbers, not texts.
 *
 * Memory is a few dozen bytes per claim term: each term's postings are one
 * Int32Array of (document number << 5 | term frequency), each document's
 * terms one slice of a shared Int32Array.
 */
export class ClaimIndex {
  private readonly termIds = new Map<string, number>();
  private postings: Int32Array[] = [];
  private postingCounts: number[] = [];
  private documentFrequency: number[] = [];

  private readonly documentOf = new Map<string, number>();
  private ids: string[] = [];
  private textHashes = new Int32Array(1024);
  private termStart = new Int32Array(1025);
  private terms = new Int32Array(16 * 1024);
  private live = new Uint8Array(1024);
  private documents = 0;
  private liveDocuments = 0;
  private totalLength = 0;

  private scores = new Float64Array(1024);
  private touched = new Int32Array(1024);

  /** Claims the index holds. */
  get size(): number {
    return this.liveDocuments;
  }

  /**
   * Adds the claim, or replaces its text; a claim whose text has not changed is
   * left as it is (feeds re-read recent rows). Returns whether anything changed.
   */
  upsert(id: string, text: string): boolean {
    const hash = hashText(text);
    const existing = this.documentOf.get(id);
    if (existing !== undefined) {
      if (this.textHashes[existing] === hash) return false;
      this.retire(existing);
    }
    const document = this.documents;
    if (document >= maxDocuments) throw new Error(`The claim index holds at most ${maxDocuments} claim texts`);
    this.reserveDocument(document);
    const termList = matchTerms(text);
    const start = this.termStart[document]!;
    this.reserveTerms(start + termList.length);
    const frequencies = new Map<number, number>();
    termList.forEach((term, offset) => {
      const termId = this.termIdOf(term);
      this.terms[start + offset] = termId;
      frequencies.set(termId, (frequencies.get(termId) ?? 0) + 1);
    });
    for (const [termId, frequency] of frequencies) this.addPosting(termId, document, frequency);

    this.termStart[document + 1] = start + termList.length;
    this.textHashes[document] = hash;
    this.live[document] = 1;
    this.ids[document] = id;
    this.documentOf.set(id, document);
    this.documents++;
    this.liveDocuments++;
    this.totalLength += termList.length;
    return true;
  }

  /** Drops the claim from matching (its postings stay, skipped, until a rebuild). */
  remove(id: string): void {
    const document = this.documentOf.get(id);
    if (document === undefined) return;
    this.retire(document);
    this.documentOf.delete(id);
  }

  /**
   * The claims best matching `text`, best first: BM25 over the index picks
   * {@link rankingModel.candidates}, which are reranked with coverage features.
   */
  search(text: string, limit: number, excludeId?: string): IndexHit[] {
    const queryTerms = this.knownTerms(matchTerms(text));
    if (queryTerms.termIds.length === 0 || this.liveDocuments === 0) return [];
    const { k1, b } = rankingModel;
    const averageLength = this.totalLength / this.liveDocuments;
    const idf = queryTerms.termIds.map((termId) => this.idf(termId));
    const queryWeight = idf.reduce((sum, value) => sum + value, 0);

    this.ensureScratch();
    let touchedCount = 0;
    queryTerms.termIds.forEach((termId, index) => {
      const list = this.postings[termId]!;
      const count = this.postingCounts[termId]!;
      const weight = idf[index]!;
      for (let i = 0; i < count; i++) {
        const packed = list[i]!;
        const document = packed >>> tfBits;
        if (this.live[document] === 0) continue;
        const frequency = packed & maxTf;
        const length = this.termStart[document + 1]! - this.termStart[document]!;
        if (this.scores[document] === 0) this.touched[touchedCount++] = document;
        this.scores[document]! +=
          (weight * frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * length) / averageLength));
      }
    });

    const excluded = excludeId === undefined ? -1 : (this.documentOf.get(excludeId) ?? -1);
    const best = new TopK(rankingModel.candidates);
    for (let i = 0; i < touchedCount; i++) {
      const document = this.touched[i]!;
      if (document !== excluded) best.offer(document, this.scores[document]!);
      this.scores[document] = 0;
    }
    const candidates = best.sorted();
    if (candidates.length === 0) return [];

    const queryIdf = new Map(queryTerms.termIds.map((termId, index) => [termId, idf[index]!]));
    const top = candidates[0]!.value;
    const { weights } = rankingModel;
    const hits = candidates.map(({ document, value }): IndexHit & { document: number } => {
      const features = this.coverage(document, queryIdf, queryTerms.pairs, queryWeight);
      const rank =
        weights.bm25 * (value / top) +
        weights.claimCoverage * features.claimCoverage +
        weights.textCoverage * features.textCoverage +
        weights.pairs * features.pairs +
        weights.bm25PerWeight * (value / queryWeight);
      return {
        id: this.ids[document]!,
        document,
        rank,
        overlap: claimSideShare * features.claimCoverage + (1 - claimSideShare) * features.textCoverage,
      };
    });
    // Equal ranks (claims with the same terms) go to the claim indexed first:
    // the one whose wording is oldest, of which later ones are copies.
    return hits
      .sort((a, b) => b.rank - a.rank || a.document - b.document)
      .slice(0, limit)
      .map(({ document: _document, ...hit }) => hit);
  }

  private coverage(
    document: number,
    queryIdf: Map<number, number>,
    queryPairs: Set<number>,
    queryWeight: number,
  ): { claimCoverage: number; textCoverage: number; pairs: number } {
    const start = this.termStart[document]!;
    const end = this.termStart[document + 1]!;
    const seen = new Set<number>();
    let claimWeight = 0;
    let shared = 0;
    let pairs = 0;
    let sharedPairs = 0;
    for (let i = start; i < end; i++) {
      const termId = this.terms[i]!;
      if (i > start) {
        pairs++;
        if (queryPairs.has(pairKey(this.terms[i - 1]!, termId))) sharedPairs++;
      }
      if (seen.has(termId)) continue;
      seen.add(termId);
      const weight = this.idf(termId);
      claimWeight += weight;
      if (queryIdf.has(termId)) shared += weight;
    }
    return {
      claimCoverage: claimWeight === 0 ? 0 : shared / claimWeight,
      textCoverage: queryWeight === 0 ? 0 : shared / queryWeight,
      pairs: pairs === 0 ? 0 : sharedPairs / pairs,
    };
  }

  /** The text's distinct terms the index knows, and its adjacent term pairs. */
  private knownTerms(termList: string[]): { termIds: number[]; pairs: Set<number> } {
    const termIds = new Set<number>();
    const pairs = new Set<number>();
    let previous = -1;
    for (const term of termList) {
      const termId = this.termIds.get(term) ?? -1;
      if (termId >= 0 && this.documentFrequency[termId]! > 0) termIds.add(termId);
      if (termId >= 0 && previous >= 0) pairs.add(pairKey(previous, termId));
      previous = termId;
    }
    return { termIds: [...termIds], pairs };
  }

  private idf(termId: number): number {
    const frequency = this.documentFrequency[termId]!;
    return Math.log(1 + (this.liveDocuments - frequency + 0.5) / (frequency + 0.5));
  }

  private retire(document: number): void {
    if (this.live[document] === 0) return;
    this.live[document] = 0;
    const start = this.termStart[document]!;
    const end = this.termStart[document + 1]!;
    const seen = new Set<number>();
    for (let i = start; i < end; i++) {
      const termId = this.terms[i]!;
      if (seen.has(termId)) continue;
      seen.add(termId);
      this.documentFrequency[termId]!--;
    }
    this.liveDocuments--;
    this.totalLength -= end - start;
  }

  private termIdOf(term: string): number {
    let termId = this.termIds.get(term);
    if (termId === undefined) {
      termId = this.postings.length;
      this.termIds.set(term, termId);
      this.postings.push(new Int32Array(2));
      this.postingCounts.push(0);
      this.documentFrequency.push(0);
    }
    return termId;
  }

  private addPosting(termId: number, document: number, frequency: number): void {
    let list = this.postings[termId]!;
    const count = this.postingCounts[termId]!;
    if (count === list.length) {
      const grown = new Int32Array(list.length * 2);
      grown.set(list);
      this.postings[termId] = list = grown;
    }
    list[count] = (document << tfBits) | Math.min(frequency, maxTf);
    this.postingCounts[termId] = count + 1;
    this.documentFrequency[termId]!++;
  }

  private reserveDocument(document: number): void {
    if (document < this.live.length) return;
    const capacity = this.live.length * 2;
    this.live = grow(this.live, capacity);
    this.textHashes = grow(this.textHashes, capacity);
    this.termStart = grow(this.termStart, capacity + 1);
  }

  private reserveTerms(length: number): void {
    if (length <= this.terms.length) return;
    this.terms = grow(this.terms, Math.max(length, this.terms.length * 2));
  }

  private ensureScratch(): void {
    if (this.scores.length >= this.documents) return;
    const capacity = Math.max(this.documents, this.scores.length * 2);
    this.scores = new Float64Array(capacity);
    this.touched = new Int32Array(capacity);
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T, capacity: number): T {
  const grown = new (array.constructor as new (length: number) => T)(capacity);
  grown.set(array);
  return grown;
}

function pairKey(first: number, second: number): number {
  return first * 0x4000000 + second;
}

/**
 * What the index reads of a claim: its headline, when it has one, then its
 * text. A headline names the subject in the words people search with, which
 * a claim's own wording often leaves out.
 */
export function matchableText(claim: { text: string; headline: string | null }): string {
  return claim.headline === null ? claim.text : `${claim.headline}\n${claim.text}`;
}

/** FNV-1a of the text: the index keeps no texts, only enough to skip unchanged ones. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** The k largest values seen, in a min-heap: one pass over however many candidates. */
class TopK {
  private readonly documents: number[] = [];
  private readonly values: number[] = [];

  constructor(private readonly k: number) {}

  offer(document: number, value: number): void {
    if (this.values.length < this.k) {
      this.documents.push(document);
      this.values.push(value);
      this.up(this.values.length - 1);
    } else if (value > this.values[0]!) {
      this.documents[0] = document;
      this.values[0] = value;
      this.down(0);
    }
  }

  sorted(): { document: number; value: number }[] {
    return this.documents
      .map((document, index) => ({ document, value: this.values[index]! }))
      .sort((a, b) => b.value - a.value || a.document - b.document);
  }

  private up(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.values[parent]! <= this.values[index]!) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private down(index: number): void {
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.values.length && this.values[left]! < this.values[smallest]!) smallest = left;
      if (right < this.values.length && this.values[right]! < this.values[smallest]!) smallest = right;
      if (smallest === index) return;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.documents[a], this.documents[b]] = [this.documents[b]!, this.documents[a]!];
    [this.values[a], this.values[b]] = [this.values[b]!, this.values[a]!];
  }
}
