import { labelVerbs, organisationNouns, roleNouns, roleQualifiers, speechVerbs } from './speaker-lexicon';
import { parseSpeakerPhrase, readSpeakerChunk, type SpeakerPhrase } from './speaker-phrase';

/** Stands in for each character of a direct quote while clauses are read around it. */
export const quoteMask = '\uE000';

/**
 * A clause that attributes speech: its verb, the phrase naming the speaker,
 * and what it attributes: the reported content, or the quote next to it.
 * Offsets are into the article's text.
 */
export interface SpeechClause {
  verbStart: number;
  verbEnd: number;
  /** The phrase in the speaker's place, unresolved; null when the clause has a subject it cannot read. */
  subject: SpeakerPhrase | null;
  /** Where the subject phrase starts (for the order of mentions). */
  subjectStart: number;
  /** What the clause attributes: reported words or quotes; `start === end` when it attributes nothing. */
  start: number;
  end: number;
  /** The attributed range holds (almost) nothing but quotes: it attributes them, it reports nothing itself. */
  quoteOnly: boolean;
  /** "X said …" (the content after the verb) or "…, X said" (before it). */
  layout: 'lead' | 'trail';
  /**
   * Where a quote just before the subject starts (`"…," he said, "…"`): the
   * clause attributes it too; null when none.
   */
  quoteBefore: number | null;
  /** Where the "and" before the verb is, when the verb shares the sentence's subject ("… and said it would …"). */
  coordinatedAt: number | null;
  /** A verb that labels ("called the plan …") rather than reports: it attributes the quotes in it, nothing else. */
  labels: boolean;
}

const participles = new Set([
  'writing',
  'adding',
  'saying',
  'noting',
  'warning',
  'arguing',
  'insisting',
  'claiming',
  'stressing',
  'explaining',
  'telling',
  'asserting',
  'acknowledging',
  'admitting',
  'predicting',
  'estimating',
  'suggesting',
]);

const verbPattern = new RegExp(
  `(?<![\\p{L}\\p{N}'’-])(?:${[...speechVerbs, ...participles, ...labelVerbs].join('|')}|[Aa]ccording to|pointed out|points out|shot back|hit back|went on)(?![\\p{L}\\p{N}'’-])`,
  'gu',
);
/** Characters that end the stretch of text a clause can reach. */
const boundary = new Set([quoteMask, ';', ':', '(', ')', '\u2014', '\u2013']);
const adjunctStarters = new Set([
  'to',
  'for',
  'on',
  'in',
  'at',
  'during',
  'via',
  'through',
  'over',
  'after',
  'before',
  'from',
  'with',
  'late',
  'early',
  'earlier',
  'later',
  'last',
  'this',
  'yesterday',
  'today',
  'tonight',
  'overnight',
  'again',
  'also',
  'previously',
  'recently',
  'publicly',
  'privately',
  'repeatedly',
  'separately',
  'then',
  'further',
  'once',
  'now',
  'shortly',
  'afterwards',
]);
/** Words that open a clause, so that an adjunct before them has ended. */
const clauseStarts = new Set([
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'there',
  'the',
  'a',
  'an',
  'his',
  'her',
  'their',
  'its',
  'our',
  'this',
  'these',
  'those',
  'that',
  'some',
  'no',
  'more',
  'most',
]);
const determiners = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'this', 'last', 'next']);
/** Where the phrase after an inverted verb stops naming the speaker ("said Lopez on Monday"). */
const phraseStops =
  /\s(?:on|in|during|last|this|yesterday|today|earlier|later|after|before|when|while|as|adding|saying|citing|who|which|told|according|speaking|referring|pointing|via|through|following|amid|despite|since|because|though|although|and(?!\s+\p{Lu})|but|at (?:a|an|the)\b)\b/u;
/** "according to a report published on Tuesday by the agency": the agency is the source. */
const documentBy =
  /^\s*(?:an?|the|its|their|new|latest|annual|\s)*(?:report|audit|study|survey|analysis|review|statement|figures|data|estimates?|poll|document|assessment|research)\b[^,]*?\b(?:by|from|of)\s+/u;
const relativeOpening = /^(?:who|which|whose|whom|where|when)\b/iu;
const participleOpening =
  /^(?:speaking|writing|asked|interviewed|quoted|responding|talking|reached|contacted|addressing|appearing)\b/iu;

/** Verbs that introduce speech and nothing else ("said X happened"), so a short content is still a report. */
const plainSpeechVerbs = new Set([
  'said',
  'says',
  'say',
  'told',
  'tells',
  'added',
  'adds',
  'argued',
  'insisted',
  'claimed',
]);

/** Verbs that also ask someone to do something ("urged voters to stay home"). */
const requestVerbs = new Set(['urged', 'urges', 'asked', 'asks', 'told', 'tells', 'warned', 'warns', 'called']);

/** Verbs that report speech even when their subject names no speaker ("The report said …"). */
const unattributedVerbs = new Set([
  'said',
  'says',
  'stated',
  'states',
  'found',
  'showed',
  'shows',
  'estimated',
  'estimates',
]);

/** Words that show a clause has begun, so a later "that" is not the one after the verb. */
const clauseMarkers = new Set(
  `and or but would will had has have was were is are could should may might can did does do would've it he she they
  we i`.split(/\s+/u),
);

/** Determiners: after one, "estimated" or "said" is an adjective ("its estimated cost"). */
const determinerMarkers = new Set([
  'the',
  'a',
  'an',
  'its',
  'his',
  'her',
  'their',
  'our',
  'my',
  'your',
  'these',
  'those',
]);
/** Words before a noun: "its annual reports", "the claims". */
const nounMarkers = new Set(
  `the a an its his her their our my your these those this that some many such annual official latest recent new
  early initial further several media news press false unfounded baseless similar other earlier previous first`.split(
    /\s+/u,
  ),
);
/** Words before a passive or a state: "was told", "had been told", "is said to". */
const passiveMarkers = new Set(['been', 'be', 'being', 'was', 'were', 'is', 'are', 'widely', 'so-called', 'allegedly']);

/** Words that may sit inside a subject before its verb ("the head of the agency"). */
const subjectWords = new Set(['the', 'of', 'for', 'a', 'an', 'and', 'de', 'von', 'van', 'al']);
const wordCount = (text: string): number => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsFrom(masked: string, from: number, to: number): Word[] {
  const words: Word[] = [];
  const pattern = /[^\s,]+|,/gu;
  pattern.lastIndex = from;
  for (let match = pattern.exec(masked); match !== null && match.index < to; match = pattern.exec(masked)) {
    words.push({ text: match[0], start: match.index, end: Math.min(to, match.index + match[0].length) });
  }
  return words;
}

/** Skips the object of "told" ("told reporters", "told The Associated Press", "told a news conference"). */
function skipObject(words: readonly Word[], at: number): number {
  const first = words[at];
  if (first === undefined || first.text === ',' || first.text.includes(quoteMask)) return at;
  const lower = first.text.toLowerCase();
  if (lower === 'that' || lower === 'him' || lower === 'her' || lower === 'them' || lower === 'me' || lower === 'us') {
    return lower === 'that' ? at : at + 1;
  }
  let next = at;
  if (determiners.has(lower)) next++;
  const head = words[next];
  if (head === undefined) return next;
  next++;
  if (/^\p{Lu}/u.test(head.text)) {
    while (next < words.length && /^\p{Lu}/u.test(words[next]!.text)) next++;
    return next;
  }
  if (next - at === 2) {
    // "a news conference", "the parliamentary committee"
    let extra = 0;
    while (
      extra < 2 &&
      next < words.length &&
      /^\p{Ll}+$/u.test(words[next]!.text) &&
      !clauseStarts.has(words[next]!.text) &&
      !adjunctStarters.has(words[next]!.text)
    ) {
      next++;
      extra++;
    }
  }
  return next;
}

/** Skips adjuncts after a verb ("in a statement", "on Monday", "last week") and a "that". */
function skipAdjuncts(words: readonly Word[], at: number): number {
  let next = at;
  for (;;) {
    const word = words[next];
    if (word === undefined) return next;
    const lower = word.text.toLowerCase();
    if (lower === ',') {
      // "the company said on Monday, putting 860 jobs at risk": what follows the comma is not what was said.
      if (next > at && words[next + 1]?.text.toLowerCase() !== 'that') return words.length;
      next++;
      continue;
    }
    if (lower === 'that') return next + 1;
    if (!adjunctStarters.has(lower)) return next;
    next++;
    let content = 0;
    while (next < words.length) {
      const inner = words[next]!.text;
      const innerLower = inner.toLowerCase();
      if (inner === ',' || innerLower === 'that' || inner.includes(quoteMask)) break;
      if (adjunctStarters.has(innerLower) && content > 0) break;
      if (clauseStarts.has(innerLower) && content > 0) break;
      if (!determiners.has(innerLower)) content++;
      next++;
      if (content >= 4) break;
    }
  }
}

/** Where a run of mask characters that ends at `end` starts. */
function maskRunStart(masked: string, end: number): number {
  let at = end;
  while (at > 0 && masked[at - 1] === quoteMask) at--;
  return at;
}

/** The start (in the text) of a quote that ends just before `left`, past punctuation only. */
function quoteJustBefore(masked: string, left: number, offset: number): number | null {
  const at = reachQuoteBefore(masked, left, 0);
  return at < left ? offset + at : null;
}

/** Extends `from` left over punctuation and one quote just before it. */
function reachQuoteBefore(masked: string, from: number, floor: number): number {
  let at = from;
  while (at > floor && /[\s,.!?\u2026\u2014\u2013-]/u.test(masked[at - 1]!)) at--;
  return at > floor && masked[at - 1] === quoteMask ? maskRunStart(masked, at) : from;
}

function quoteShare(masked: string, from: number, to: number): number {
  let quoted = 0;
  let visible = 0;
  for (let at = from; at < to; at++) {
    const character = masked[at]!;
    if (character === quoteMask) quoted++;
    else if (/[\p{L}\p{N}]/u.test(character)) visible++;
  }
  return quoted + visible === 0 ? 0 : quoted / (quoted + visible);
}

function trimRange(masked: string, from: number, to: number): [number, number] {
  let start = from;
  let end = to;
  while (start < end && /[\s,:]/u.test(masked[start]!)) start++;
  while (end > start && /[\s,.;:!?\u2026]/u.test(masked[end - 1]!)) end--;
  return [start, end];
}

/**
 * The subject at the head of a sentence ("The minister defended the plan,
 * saying …"): a pronoun, a name or a short description before its verb.
 */
export function sentenceSubject(masked: string): { phrase: SpeakerPhrase; start: number } | null {
  const words = wordsFrom(masked, 0, masked.length);
  // "On crime, Brenner promised …": past an opening adverbial to the subject.
  let from = 0;
  for (let chunk = 0; chunk < 3 && from < words.length; chunk++) {
    const found = subjectAt(words, from);
    if (found !== null) return found;
    while (from < words.length && words[from]!.text !== ',') from++;
    from++;
  }
  return null;
}

function subjectAt(words: readonly Word[], from: number): { phrase: SpeakerPhrase; start: number } | null {
  const taken: string[] = [];
  for (let at = from; at < words.length; at++) {
    const word = words[at]!;
    if (word.text === ',' || word.text.includes(quoteMask) || taken.length >= 8) break;
    const lower = word.text.toLowerCase();
    const fits =
      taken.length === 0 ||
      /^\p{Lu}/u.test(word.text) ||
      subjectWords.has(lower) ||
      roleNouns.has(lower) ||
      roleQualifiers.has(lower) ||
      organisationNouns.has(lower);
    if (!fits) break;
    taken.push(word.text);
  }
  // The longest opening that reads as a speaker: "Council leader Graham Ashby", "The minister".
  for (let length = taken.length; length >= 1; length--) {
    const reading = readSpeakerChunk(taken.slice(0, length).join(' '));
    if (reading !== null && (reading.kind !== 'definite' || length >= 2)) {
      return { phrase: reading, start: words[from]!.start };
    }
  }
  return null;
}

/**
 * Finds the clauses of one sentence that attribute speech. `masked` is the
 * sentence with its direct quotes replaced by {@link quoteMask}, so that words
 * inside quotes are not read as clauses; `offset` is where the sentence starts
 * in the text.
 */
export function findSpeechClauses(masked: string, offset: number): SpeechClause[] {
  const clauses: SpeechClause[] = [];
  for (const match of masked.matchAll(verbPattern)) {
    const verbStart = match.index;
    const verbEnd = verbStart + match[0].length;
    const verb = match[0].toLowerCase();
    let left = verbStart;
    while (left > 0 && !boundary.has(masked[left - 1]!)) left--;
    let right = verbEnd;
    while (right < masked.length && !boundary.has(masked[right]!)) right++;
    const before = masked.slice(left, verbStart);
    const previousWord = /(\S+)\s*$/u.exec(before)?.[1]?.toLowerCase() ?? '';
    // "its annual reports show", "the claims": a noun, not a verb; "was told", "who asked": not someone speaking.
    if (determinerMarkers.has(previousWord) || (/s$/u.test(verb) && nounMarkers.has(previousWord))) continue;
    if (/['’]s$/u.test(previousWord)) continue;
    if (passiveMarkers.has(previousWord) || /^(?:who|which|that)$/u.test(previousWord)) continue;
    const following = masked.slice(verbEnd, verbEnd + 40);
    if (
      // "asked not to be named", "urged both sides to return": a request, not a report.
      /^\s+(?:not\s+)?to\s/u.test(following) ||
      (requestVerbs.has(verb) && /^\s+(?:\S+\s+){1,2}(?:not\s+)?to\s/u.test(following)) ||
      (verb === 'added' && /^\s+(?:[$€£¥]|\d|about|around|nearly|almost|more|another)/u.test(following))
    ) {
      continue;
    }
    const clause = (
      subject: SpeakerPhrase | null,
      subjectStart: number,
      from: number,
      to: number,
      layout: SpeechClause['layout'],
      andAt: number | null = null,
    ): void => {
      const [start, end] = trimRange(masked, from, to);
      clauses.push({
        verbStart: offset + verbStart,
        verbEnd: offset + verbEnd,
        subject,
        subjectStart: offset + subjectStart,
        start: offset + start,
        end: offset + Math.max(start, end),
        quoteOnly: quoteShare(masked, start, end) >= 0.8,
        layout,
        quoteBefore: quoteJustBefore(masked, left, offset),
        coordinatedAt: andAt === null ? null : offset + andAt,
        labels: labelVerbs.has(verb),
      });
    };

    if (verb === 'according to') {
      const after = masked.slice(verbEnd, right).replace(documentBy, ' ');
      const comma = after.indexOf(',');
      if (before.trim() === '' && comma > 0) {
        clause(parseSpeakerPhrase(after.slice(0, comma), 'after'), verbEnd, verbEnd + comma + 1, masked.length, 'lead');
      } else if (before.trim() !== '') {
        const source = after
          .split(phraseStops)[0]!
          .replace(/,.*$/u, '')
          .replace(/[.!?]+\s*$/u, '');
        clause(parseSpeakerPhrase(source, 'after'), verbEnd, reachQuoteBefore(masked, left, 0), verbStart, 'trail');
      }
      continue;
    }

    if (participles.has(verb)) {
      if (!/,\s*$/u.test(before)) continue;
      const subject = sentenceSubject(masked);
      const words = wordsFrom(masked, verbEnd, masked.length);
      const from = verb === 'telling' ? skipObject(words, 0) : 0;
      const contentStart = words[skipAdjuncts(words, from)]?.start ?? masked.length;
      clause(subject?.phrase ?? null, subject?.start ?? 0, contentStart, masked.length, 'lead');
      continue;
    }

    const inverted = before.trim() === '' || (/,\s*$/u.test(before) && !endsWithAppositive(before));
    if (inverted) {
      if (labelVerbs.has(verb)) continue;
      // "…," said Lopez / "…," said a spokesperson for the ministry
      const after = masked.slice(verbEnd, right);
      const phrase = after.split(phraseStops)[0]!.replace(/[.!?]+\s*$/u, '');
      const subject = parseSpeakerPhrase(phrase, 'after');
      const hasContentBefore = left > 0 || before.replace(/[\s,]/gu, '') !== '';
      if (subject === null || (!hasContentBefore && left === 0 && masked[0] !== quoteMask)) continue;
      const from = left > 0 && before.replace(/[\s,]/gu, '') === '' ? maskRunStart(masked, left - 1) : 0;
      clause(subject, verbEnd, reachQuoteBefore(masked, from === 0 ? left : from, 0), verbStart, 'trail');
      continue;
    }

    // "The alliance called the plan … and said it would vote against it": the sentence's subject.
    const andAt = before.search(/,?\s*\band\s*$/u);
    const previousClause = clauses.at(-1);
    const coordinated =
      andAt < 0
        ? null
        : previousClause?.subject !== null && previousClause !== undefined
          ? { phrase: previousClause.subject, start: previousClause.subjectStart - offset }
          : sentenceSubject(masked);
    const subject = coordinated?.phrase ?? parseSpeakerPhrase(before, 'before');
    const nearest = before.slice(before.lastIndexOf(',') + 1);
    // No speaker to read: still a report ("The report said …") when a short noun phrase stands before a plain verb.
    if (subject === null && (wordCount(nearest) > 4 || !unattributedVerbs.has(verb))) continue;
    if (subject === null && !/^\s*(?:the|a|an|its|their|his|her)\s/iu.test(nearest)) continue;
    const subjectStart = coordinated?.start ?? left + Math.max(0, before.length - before.trimStart().length);
    if (labelVerbs.has(verb)) {
      // Lopez called the plan "a reckless gamble": the few quoted words are Lopez's.
      clause(subject, subjectStart, verbEnd, masked.length, 'lead', coordinated === null ? null : left + andAt);
      continue;
    }
    const words = wordsFrom(masked, verbEnd, masked.length);
    let at = verb === 'told' || verb === 'tells' ? skipObject(words, 0) : 0;
    at = skipAdjuncts(words, at);
    // "said in a filing to the stock exchange that …": the content starts after the "that".
    const that = words.slice(0, 14).findIndex((word) => word.text === 'that' || word.text.includes(quoteMask));
    if (
      that > at &&
      words[that]!.text === 'that' &&
      !words.slice(at, that).some((word) => clauseMarkers.has(word.text))
    ) {
      at = that + 1;
    }
    const contentStart = words[at]?.start ?? masked.length;
    const rest = /^[.!?\u2026]/u.test(words[at]?.text ?? '') ? '' : masked.slice(contentStart);
    const [restStart, restEnd] = trimRange(rest, 0, rest.length);
    // "Google later confirmed the deal": after most verbs, a short object is no report.
    const afterThat = words[at - 1]?.text === 'that';
    const enough = afterThat || plainSpeechVerbs.has(verb) ? 2 : 3;
    const hasContent = rest.slice(restStart, restEnd).includes(quoteMask) || wordCount(rest) >= enough;
    if (hasContent) {
      clause(subject, subjectStart, contentStart, masked.length, 'lead', coordinated === null ? null : left + andAt);
      continue;
    }
    // "…, the minister said": the content is the part before the subject's chunk.
    const commaBefore = subjectChunkStart(before);
    const contentEnd = left + commaBefore;
    const contentFrom = reachQuoteBefore(masked, left, 0);
    if (commaBefore > 0 || contentFrom < left) clause(subject, subjectStart, contentFrom, contentEnd, 'trail');
  }
  return nestedRemoved(clauses);
}

/**
 * A speech verb inside what another clause reports is part of the report
 * ("Smith said the company had announced cuts"): dropped; one that shares the
 * subject ("… and said it would vote") ends the content before it.
 */
function nestedRemoved(clauses: readonly SpeechClause[]): SpeechClause[] {
  // "…, more than double its estimated cost, the agency said": a clause inside what a trailing one reports goes.
  const outside = clauses.filter(
    (clause) =>
      !clauses.some(
        (other) =>
          other !== clause &&
          other.layout === 'trail' &&
          other.start <= clause.verbStart &&
          clause.verbStart < other.end,
      ),
  );
  const kept: SpeechClause[] = [];
  for (const clause of outside) {
    const outer = kept.find(
      (other) => other.layout === 'lead' && other.start <= clause.verbStart && clause.verbStart < other.end,
    );
    if (outer === undefined) {
      kept.push(clause);
      continue;
    }
    if (clause.coordinatedAt === null) continue;
    outer.end = Math.max(outer.start, clause.coordinatedAt);
    kept.push(clause);
  }
  return kept;
}

/** Where the chunk holding the subject starts in the text before the verb (after the content's comma). */
function subjectChunkStart(before: string): number {
  const commas = [...before.matchAll(/,/gu)].map((match) => match.index);
  if (commas.length === 0) return 0;
  // "Prices will rise, Maria Lopez, the finance director, said": skip the appositive.
  for (let index = commas.length - 1; index >= 0; index--) {
    const chunk = before.slice(commas[index]! + 1, index + 1 < commas.length ? commas[index + 1] : before.length);
    if (chunk.trim() === '') continue;
    const reading = readSpeakerChunk(chunk);
    const previous = index > 0 ? before.slice(commas[index - 1]! + 1, commas[index]) : before.slice(0, commas[index]);
    const previousReading = readSpeakerChunk(previous);
    const isName = (phrase: SpeakerPhrase | null): boolean =>
      phrase?.kind === 'person' || phrase?.kind === 'organisation';
    const isRole = (phrase: SpeakerPhrase | null): boolean =>
      phrase?.kind === 'anonymous' || phrase?.kind === 'definite';
    // "…, Maria Lopez, the finance director, said" and "…, the mayor, Peter Walsh, said": one subject.
    if ((isRole(reading) && isName(previousReading)) || (isName(reading) && isRole(previousReading))) continue;
    return commas[index]!;
  }
  return 0;
}

/**
 * Whether the text before a verb ends with a subject and its appositive
 * rather than with content: "Maria Lopez, the finance director,", "Lopez, who
 * led the talks,", "Its director, Jonas Mereweather,".
 */
function endsWithAppositive(before: string): boolean {
  const chunks = before.split(',').map((chunk) => chunk.trim());
  while (chunks.length > 0 && chunks[chunks.length - 1] === '') chunks.pop();
  if (chunks.length < 2) return false;
  const appositive = chunks[chunks.length - 1]!;
  let host = chunks.length - 2;
  // "Lucia Ferrante, mayor of Valmaro, where most of the boats land,": the name is further back.
  while (host > 0 && relativeOpening.test(chunks[host + 1]!) && relativeOpening.test(chunks[host]!)) host--;
  const subject = readSpeakerChunk(lastWords(chunks[host]!));
  if (subject === null || subject.kind === 'pronoun') return false;
  if (relativeOpening.test(appositive) || participleOpening.test(appositive)) return true;
  // "The company, in a statement, said": an adjunct between subject and verb.
  if (
    /^(?:in|on|at|during|after|before|via|through|meanwhile|however|too|also|though|separately)\b/iu.test(appositive)
  ) {
    return true;
  }
  const reading = readSpeakerChunk(appositive);
  const named = subject.kind === 'person' || subject.kind === 'organisation';
  if (named && (/^\d{1,3}$/u.test(appositive) || /^(?:the|a|an)\s/iu.test(appositive))) return true;
  if (reading?.kind === 'anonymous' || reading?.kind === 'definite') return true;
  // A role, then the name: "Its director, Jonas Mereweather,", "The site's operator, Harlan Waste Services,".
  return (reading?.kind === 'person' || reading?.kind === 'organisation') && !named;
}

/** The last few words of a chunk, where a subject before an appositive would be; the whole chunk if it reads. */
function lastWords(chunk: string): string {
  const words = chunk.split(/\s+/u);
  for (let take = Math.min(words.length, 10); take >= 1; take--) {
    const tail = words.slice(words.length - take).join(' ');
    if (readSpeakerChunk(tail) !== null) return tail;
  }
  return chunk;
}
