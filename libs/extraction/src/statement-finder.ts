import { type ParagraphSpan, splitParagraphs } from './paragraph-split';
import { findQuotes, type QuoteSpan } from './quote-finder';
import { segmentParagraph, type SentenceSpan } from './sentence-segmenter';
import { anonymousHeads, clauseOpeners, notNames, roleNouns, roleQualifiers } from './speaker-lexicon';
import { readSpeakerChunk, type SpeakerPhrase } from './speaker-phrase';
import { type Entity, type MentionPlace, SpeakerResolver, speakerOf } from './speaker-resolver';
import { findSpeechClauses, quoteMask, sentenceSubject, type SpeechClause } from './speech-clause';
import type { Speaker, StatementKind, TextSpan } from './statement';

/** A statement found in an article, before it is scored. */
export interface FoundStatement {
  span: TextSpan;
  sentence: TextSpan;
  kind: StatementKind;
  speaker: Speaker | null;
}

/** Quotes this short, inside a sentence rather than opening it, are scare quotes: a few words of someone's. */
const scareQuoteWords = 3;
const nameRun =
  /(?<![\p{L}\p{N}'’.-])(?:(?:Dr|Mr|Mrs|Ms|Prof|Sen|Gov|Rep|Gen|Col|Lt|Capt|Sgt|Rev|Fr)\.\s+)?\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}'’-]*|(?:(?:of|and|&|for|the|de|da|van|von|der|den|al|bin|el|la|le|di|du|dos|del)\s+)+(?=\p{Lu})\p{Lu}[\p{L}\p{M}'’-]*))*/gu;
const roleBefore = /(?<![\p{L}'’-])((?:\p{Ll}[\p{L}'’-]*\s+){1,3})$/u;
const organisationBefore =
  /\bthe\s+(?:[\p{Ll}-]+\s+)?(charity|group|company|firm|union|party|agency|regulator|council|trust|foundation|association|developer|operator|contractor|broker|brokerage|supplier|watchdog|charity's|consortium|body)\s+$/u;
const quoteEdge = /[\s"'\u201C\u201D\u201E\u00AB\u00BB\u2018\u2019\u2039\u203A]/u;
const appositiveAfter = /^,\s+(?:the|a|an)\s+[^,]{2,60},/u;

interface AnalysedSentence extends SentenceSpan {
  index: number;
  masked: string;
  clauses: SpeechClause[];
}

interface Mention {
  at: number;
  place: MentionPlace;
  phrase: SpeakerPhrase;
  /** A clause's subject (resolved and recorded), or null for a name in a narrative sentence. */
  clause: SpeechClause | null;
  /** For a narrative person: the text shows a person (a title, a role, an age, "who"). */
  evidence: boolean;
}

function isScareQuote(text: string, quote: QuoteSpan, paragraph: ParagraphSpan): boolean {
  if (quote.close === null || quote.words > scareQuoteWords || quote.words === 0) return false;
  if (/[.!?\u2026]$/u.test(text.slice(quote.start, quote.end))) return false;
  let before = quote.open - 1;
  while (before >= paragraph.start && /\s/u.test(text[before]!)) before--;
  // Opening its sentence, or after "said:" or "said,", it is a direct quote, however short.
  if (before < paragraph.start || /[:,.!?\u2026;]/u.test(text[before]!)) return false;
  return /[\p{L}\p{N}]/u.test(text[before]!);
}

function maskSentence(text: string, sentence: SentenceSpan, quotes: readonly QuoteSpan[]): string {
  let masked = text.slice(sentence.start, sentence.end);
  for (const quote of quotes) {
    const from = Math.max(quote.open, sentence.start);
    const to = Math.min(quote.outerEnd, sentence.end);
    if (from >= to) continue;
    masked = masked.slice(0, from - sentence.start) + quoteMask.repeat(to - from) + masked.slice(to - sentence.start);
  }
  return masked;
}

/** Whether the words before `at` in the sentence are all capitalised: the mention is the sentence's subject. */
/** The role words just before a name ("finance director ", "the city's mayor "), or ''. */
function rolePrefix(before: string): string {
  const words = roleBefore.exec(before)?.[1]?.trim().split(/\s+/u) ?? [];
  let from = words.length;
  while (from > 0) {
    const word = words[from - 1]!.toLowerCase().replace(/['’]s$/u, '');
    const fits = roleNouns.has(word) || roleQualifiers.has(word) || anonymousHeads.has(word);
    if (!fits && !['the', 'a', 'an', 'former', 'its', 'their'].includes(word)) {
      break;
    }
    from--;
  }
  return from === words.length ? '' : `${words.slice(from).join(' ')} `;
}

function opensSentence(masked: string, at: number): boolean {
  const before = masked
    .slice(0, at)
    .split(/[\s,]+/u)
    .filter((word) => word !== '');
  return before.every((word) => /^\p{Lu}/u.test(word) || clauseOpeners.has(word.toLowerCase()));
}

interface RunToken {
  text: string;
  start: number;
  end: number;
}

/**
 * Names in a sentence outside quotes: persons (with what shows they are
 * persons) and organisations (by their nouns, "the charity X", or "X, which").
 */
function narrativeMentions(sentence: AnalysedSentence): Mention[] {
  const mentions: Mention[] = [];
  for (const match of sentence.masked.matchAll(nameRun)) {
    const tokens: RunToken[] = [...match[0].matchAll(/\S+/gu)].map((token) => ({
      text: token[0],
      start: match.index + token.index,
      end: match.index + token.index + token[0].length,
    }));
    let first = 0;
    while (
      first < tokens.length &&
      (notNames.has(tokens[first]!.text.toLowerCase()) || clauseOpeners.has(tokens[first]!.text.toLowerCase()))
    ) {
      first++;
    }
    if (first < tokens.length) mentions.push(...namesInRun(sentence, tokens.slice(first)));
  }
  return mentions;
}

/** The names in one capitalised run: an organisation's whole name, or the names that "and" joins. */
function namesInRun(sentence: AnalysedSentence, tokens: readonly RunToken[]): Mention[] {
  const words = tokens.map((token) => token.text);
  const whole = readSpeakerChunk(words.join(' '));
  const connector = words.findIndex((word) => word === 'and' || word === '&');
  if (connector > 0 && whole?.kind !== 'organisation') {
    return [...namesInRun(sentence, tokens.slice(0, connector)), ...namesInRun(sentence, tokens.slice(connector + 1))];
  }
  const at = tokens[0]!.start;
  const end = tokens[tokens.length - 1]!.end;
  const after = sentence.masked.slice(end, end + 80);
  const prefix = rolePrefix(sentence.masked.slice(Math.max(0, at - 40), at));
  const afterPreposition = /\b(?:of|in|at|from|near|to|into|for|by|on|with)\s+(?:the\s+)?$/iu.test(
    sentence.masked.slice(Math.max(0, at - 12), at),
  );
  const withPrefix = prefix === '' ? null : readSpeakerChunk(`${prefix}${words.join(' ')}`);
  let phrase = withPrefix?.kind === 'person' || withPrefix?.kind === 'organisation' ? withPrefix : whole;
  // "the charity Fuel Fair", "the campaign group Save Tressick Fields": an organisation, and what it is.
  const kind = organisationBefore.exec(sentence.masked.slice(Math.max(0, at - 40), at));
  if (kind !== null && phrase?.kind === 'person' && !phrase.titled && phrase.role === null) {
    phrase = { ...phrase, kind: 'organisation', descriptor: kind[1]!.toLowerCase() };
  }
  if (phrase === null || (phrase.kind !== 'person' && phrase.kind !== 'organisation')) return [];
  if (phrase.kind === 'person' && /^,\s+which\b/u.test(after) && !phrase.titled && phrase.role === null) {
    phrase = { ...phrase, kind: 'organisation' };
  }
  let evidence = phrase.titled || phrase.role !== null || phrase.gender !== 'unknown';
  if (/^,\s+(?:\d{1,3},|who\b|whose\b)/u.test(after)) evidence = true;
  const appositive = appositiveAfter.exec(after);
  if (appositive !== null && phrase.kind === 'person' && phrase.role === null && !afterPreposition) {
    const role = readSpeakerChunk(appositive[0].slice(1, -1));
    const personal =
      role?.head !== null && role?.head !== undefined && (roleNouns.has(role.head) || anonymousHeads.has(role.head));
    if ((role?.kind === 'anonymous' || (role?.kind === 'definite' && !role.organisation)) && personal) {
      phrase = {
        ...phrase,
        role: appositive[0]
          .slice(1, -1)
          .trim()
          .replace(/^(?:the|a|an)\s+/iu, ''),
      };
      evidence = true;
    }
  }
  const place = { sentence: sentence.index, subject: opensSentence(sentence.masked, at) };
  return [{ at: sentence.start + at, place, phrase, clause: null, evidence }];
}

/** The paragraph's text outside its quotes. */
function outsideQuotes(text: string, paragraph: ParagraphSpan, quotes: readonly QuoteSpan[]): string {
  let outside = '';
  let from = paragraph.start;
  for (const quote of quotes) {
    outside += text.slice(from, quote.open);
    from = quote.outerEnd;
  }
  return outside + text.slice(from, paragraph.end);
}

function overlap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}

/** The span of `[from, to)` without the whitespace around it, nor the quote marks when `marks` is set. */
function trimmedSpan(text: string, from: number, to: number, marks: boolean): TextSpan | null {
  const edge = marks ? quoteEdge : /\s/u;
  let start = from;
  let end = to;
  while (start < end && edge.test(text[start]!)) start++;
  while (end > start && edge.test(text[end - 1]!)) end--;
  return end > start ? { start, end, text: text.slice(start, end) } : null;
}

/**
 * Finds an article's statements: every sentence, as one statement per
 * direct quote in it, one per reported speech, or the sentence itself when it
 * is the article's own narrative; each with its speaker, or null when no
 * speaker can be named with confidence.
 */
export function findStatements(text: string): FoundStatement[] {
  const paragraphs = splitParagraphs(text);
  const quotes = findQuotes(text, paragraphs);
  const scare = new Set(quotes.filter((quote) => isScareQuote(text, quote, paragraphs[quote.paragraph]!)));
  const direct = quotes.filter((quote) => !scare.has(quote));

  const sentences: AnalysedSentence[] = [];
  for (const paragraph of paragraphs) {
    const own = quotes.filter((quote) => quote.paragraph === paragraph.index);
    for (const sentence of segmentParagraph(text, paragraph, own)) {
      const masked = maskSentence(
        text,
        sentence,
        own.filter((quote) => !scare.has(quote)),
      );
      sentences.push({
        ...sentence,
        index: sentences.length,
        masked,
        clauses: findSpeechClauses(masked, sentence.start),
      });
    }
  }

  // Every name first, so that a surname shared by two people is known to be shared wherever it appears.
  const resolver = new SpeakerResolver();
  const mentions: Mention[] = [];
  for (const sentence of sentences) {
    mentions.push(...narrativeMentions(sentence));
    // "One skipper … was blunt." names someone a later "he said" can mean.
    const opening = sentence.clauses.length === 0 ? sentenceSubject(sentence.masked) : null;
    if (opening !== null && opening.phrase.kind === 'anonymous' && !opening.phrase.plural) {
      const place = { sentence: sentence.index, subject: true };
      mentions.push({
        at: sentence.start + opening.start,
        place,
        phrase: opening.phrase,
        clause: null,
        evidence: true,
      });
    }
    for (const clause of sentence.clauses) {
      if (clause.subject === null) continue;
      const at = clause.subjectStart;
      const subject = clause.subject;
      const place = { sentence: sentence.index, subject: opensSentence(sentence.masked, at - sentence.start) };
      const evidence = subject.titled || subject.role !== null || subject.gender !== 'unknown';
      mentions.push({ at, place, phrase: subject, clause, evidence });
    }
  }
  mentions.sort((a, b) => a.at - b.at);
  for (const { phrase, evidence } of mentions) {
    if (phrase.kind === 'person' && phrase.name!.includes(' ')) {
      resolver.introduce(phrase.name!, phrase.gender, phrase.role, evidence);
    } else if (phrase.kind === 'organisation') {
      resolver.introduceOrganisation(phrase.name!, phrase.descriptor);
    }
  }
  const clauseEntities = new Map<SpeechClause, Entity | null>();
  for (const mention of mentions) {
    if (mention.clause !== null) {
      clauseEntities.set(mention.clause, resolver.resolve(mention.phrase, mention.place));
      continue;
    }
    const { phrase, place } = mention;
    if (phrase.kind === 'anonymous') {
      resolver.resolve(phrase, place, false);
      continue;
    }
    const known =
      phrase.kind === 'organisation'
        ? resolver.introduceOrganisation(phrase.name!, phrase.descriptor)
        : resolver.personNamed(phrase.name!, phrase.gender, place);
    if (known !== null && known !== undefined) resolver.touch(known, place);
  }
  const speakerOfClause = (clause: SpeechClause): Speaker | null => {
    const entity = clauseEntities.get(clause);
    return entity === null || entity === undefined ? null : speakerOf(entity);
  };
  /** "X said the shift had been cut. “We told them …”": the speaker of the paragraph's clause before the quote. */
  const earlierClauseSpeaker = (quote: QuoteSpan): Speaker | null => {
    for (let index = sentences.length - 1; index >= 0; index--) {
      const sentence = sentences[index]!;
      if (sentence.paragraph !== quote.paragraph || sentence.end > quote.open) continue;
      for (let at = sentence.clauses.length - 1; at >= 0; at--) {
        const speaker = speakerOfClause(sentence.clauses[at]!);
        if (speaker !== null) return speaker;
      }
    }
    return null;
  };

  // Each direct quote: the clause around it, else the quote it continues, else the newspaper's conventions.
  const quoteSpeakers = new Map<QuoteSpan, Speaker | null>();
  const attributed = new Set<QuoteSpan>();
  for (const quote of direct) {
    let best: SpeechClause | null = null;
    let bestDistance = Infinity;
    for (const sentence of sentences) {
      if (sentence.end <= quote.open || sentence.start >= quote.outerEnd) continue;
      for (const clause of sentence.clauses) {
        const covers =
          overlap(clause.start, clause.end, quote.open, quote.outerEnd) > 0 ||
          (clause.quoteBefore !== null &&
            overlap(clause.quoteBefore, clause.verbStart, quote.open, quote.outerEnd) > 0);
        if (!covers) continue;
        const distance = Math.min(Math.abs(clause.verbStart - quote.outerEnd), Math.abs(clause.verbEnd - quote.open));
        if (distance < bestDistance) {
          best = clause;
          bestDistance = distance;
        }
      }
    }
    if (best !== null) {
      quoteSpeakers.set(quote, speakerOfClause(best));
      attributed.add(quote);
    }
  }
  let previousParagraphSpeaker: Speaker | null = null;
  let previousParagraphHadQuote = false;
  for (const paragraph of paragraphs) {
    const own = direct.filter((quote) => quote.paragraph === paragraph.index);
    const quotedOnly = own.length > 0 && outsideQuotes(text, paragraph, own).replace(/[\s\p{P}]+/gu, '') === '';
    let lastSpeaker: Speaker | null = null;
    for (const quote of own) {
      if (!attributed.has(quote)) {
        // A continued quote, or a paragraph of nothing but quotes after a quoted paragraph, is the same speaker's.
        const speaker =
          quote.continuation || (quotedOnly && previousParagraphHadQuote)
            ? previousParagraphSpeaker
            : (lastSpeaker ?? colonLeadIn(text, quote, sentences, resolver) ?? earlierClauseSpeaker(quote));
        quoteSpeakers.set(quote, speaker);
      }
      lastSpeaker = quoteSpeakers.get(quote) ?? lastSpeaker;
    }
    if (own.length > 0) {
      previousParagraphSpeaker = quoteSpeakers.get(own[own.length - 1]!) ?? null;
      previousParagraphHadQuote = true;
    } else {
      previousParagraphHadQuote = false;
      previousParagraphSpeaker = null;
    }
  }

  const statements: FoundStatement[] = [];
  for (const sentence of sentences) {
    const sentenceSpan: TextSpan = { start: sentence.start, end: sentence.end, text: sentence.text };
    const found: FoundStatement[] = [];
    for (const quote of quotes) {
      const from = Math.max(quote.start, sentence.start);
      const to = Math.min(quote.end, sentence.end);
      if (from >= to) continue;
      const span = trimmedSpan(text, from, to, true);
      if (span === null || !/[\p{L}\p{N}]/u.test(span.text)) continue;
      let speaker = quoteSpeakers.get(quote) ?? null;
      if (scare.has(quote)) {
        const clause = sentence.clauses.find((candidate) => overlap(candidate.start, candidate.end, from, to) > 0);
        speaker = clause === undefined ? null : speakerOfClause(clause);
      }
      found.push({ span, sentence: sentenceSpan, kind: 'quote', speaker });
    }
    const scareOnly =
      found.length > 0 &&
      quotes.every((quote) => scare.has(quote) || quote.end <= sentence.start || quote.start >= sentence.end);
    let reported = 0;
    for (const clause of sentence.clauses) {
      if (clause.quoteOnly || clause.labels || clause.end <= clause.start) continue;
      const span = trimmedSpan(text, clause.start, clause.end, false);
      if (span === null || (span.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) < 2) continue;
      found.push({ span, sentence: sentenceSpan, kind: 'reported', speaker: speakerOfClause(clause) });
      reported++;
    }
    if (found.length === 0 || (scareOnly && reported === 0)) {
      found.unshift({ span: sentenceSpan, sentence: sentenceSpan, kind: 'statement', speaker: null });
    }
    found.sort((a, b) => a.span.start - b.span.start);
    statements.push(...found);
  }
  return statements;
}

/** `Lopez was defiant: "We will win."`, `Lopez: "We will win."`: the subject of what the colon ends. */
function colonLeadIn(
  text: string,
  quote: QuoteSpan,
  sentences: readonly AnalysedSentence[],
  resolver: SpeakerResolver,
): Speaker | null {
  let before = quote.open - 1;
  while (before >= 0 && /\s/u.test(text[before]!)) before--;
  if (text[before] !== ':') return null;
  const sentence = sentences.find((candidate) => candidate.start <= before && before < candidate.end);
  if (sentence === undefined) return null;
  const subject = sentenceSubject(sentence.masked.slice(0, before - sentence.start));
  if (subject === null || subject.phrase.kind === 'definite') return null;
  const entity = resolver.resolve(subject.phrase, { sentence: sentence.index, subject: true });
  return entity === null ? null : speakerOf(entity);
}
