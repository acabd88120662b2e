import { type Gender, nameParticles, nameSuffixes } from './speaker-lexicon';
import type { SpeakerPhrase } from './speaker-phrase';
import type { Speaker } from './statement';

/** Someone or something the article speaks of: a person, an organisation, or an anonymous source. */
export interface Entity {
  kind: 'person' | 'organisation' | 'anonymous';
  /** The name as first given in full (persons, organisations). */
  name: string | null;
  role: string | null;
  gender: Gender;
  plural: boolean;
  /** Something in the text shows a person (a title, a role, a gender, "who"): "he" and "she" may point to it. */
  evidence: boolean;
  /** For anonymous sources: the head noun of their description ("official"); for organisations, what they are. */
  head: string | null;
  /** Whether it was the subject of a speech clause (a speaker) somewhere before. */
  spoke: boolean;
  /** Order of the last mention (higher is more recent; -1 before any). */
  lastSeen: number;
  /** Index of the sentence of the last mention. */
  lastSentence: number;
  /** Whether the last mention was a sentence's subject. */
  lastAsSubject: boolean;
}

/** Where a mention sits: its sentence, and whether it is the sentence's subject. */
export interface MentionPlace {
  sentence: number;
  subject: boolean;
}

const lower = (text: string): string => text.toLowerCase();
const isInitial = (token: string): boolean => /^\p{Lu}\.?$/u.test(token);
const wordsOf = (text: string | null): string[] => lower(text ?? '').split(/[^\p{L}]+/u);
/** How many sentences back a pronoun or a definite description may reach. */
const reach = 6;
/** A surname shared by two people points to the one named this recently, when the other was named long before. */
const recentSentences = 2;
const longAgoSentences = 5;

/** The surnames a full name can be referred to by: "Ursula von der Leyen" → "von der leyen", "leyen". */
function surnamesOf(name: string): string[] {
  const tokens = name.split(/\s+/).filter((token) => !nameSuffixes.has(lower(token)) && !isInitial(token));
  if (tokens.length < 2) return [];
  const keys = new Set<string>();
  for (let at = 1; at < tokens.length; at++) {
    const tail = tokens.slice(at);
    if (!nameParticles.has(lower(tail[0]!)) || tail.length > 1) keys.add(lower(tail.join(' ')));
    const token = tokens[at]!;
    if (!nameParticles.has(lower(token))) keys.add(lower(token));
  }
  return [...keys];
}

function addTo(index: Map<string, Entity[]>, key: string, entity: Entity): void {
  const list = index.get(key) ?? [];
  if (!list.includes(entity)) list.push(entity);
  index.set(key, list);
}

/**
 * Resolves speaker phrases against what the article said before them, one
 * article at a time (an instance holds one article's people and nothing
 * else): full names are kept, surnames point back to the one full name that
 * carries them (none when two people share it and nothing tells them apart),
 * pronouns to the last compatible person (he/she) or organisation (it), and
 * definite descriptions ("the minister", "the ministry") to the last entity
 * they fit.
 */
export class SpeakerResolver {
  private readonly entities: Entity[] = [];
  private readonly byFullName = new Map<string, Entity>();
  private readonly bySurname = new Map<string, Entity[]>();
  private readonly byGivenName = new Map<string, Entity[]>();
  /** Organisations by the first word of their name ("Greyhaven" → Greyhaven Homes). */
  private readonly byShortName = new Map<string, Entity[]>();
  private clock = 0;

  /**
   * Makes a person's full name known before resolution, so that a surname can
   * be resolved even when the two people who share it are named in full only
   * later.
   */
  introduce(name: string, gender: Gender, role: string | null, evidence: boolean): Entity | null {
    const key = lower(name);
    const known = this.byFullName.get(key);
    if (known !== undefined) {
      if (known.kind === 'person') {
        if (known.gender === 'unknown') known.gender = gender;
        known.role ??= role;
        known.evidence ||= evidence;
      }
      return known;
    }
    if (name.split(/\s+/).length < 2) return null;
    const entity = this.newEntity('person', name, role, gender, null);
    entity.evidence = evidence;
    this.byFullName.set(key, entity);
    for (const surname of surnamesOf(name)) addTo(this.bySurname, surname, entity);
    addTo(this.byGivenName, lower(name.split(/\s+/)[0]!), entity);
    return entity;
  }

  /** Makes an organisation known before resolution; `head` is what it is ("charity"), when the text says. */
  introduceOrganisation(name: string, head: string | null): Entity {
    const key = lower(name);
    const short = name.includes(' ') ? undefined : this.byShortName.get(key);
    if (short?.length === 1) return short[0]!;
    const known = this.byFullName.get(key);
    if (known !== undefined) {
      if (known.kind === 'person' && !known.evidence) known.kind = 'organisation';
      known.head ??= head;
      return known;
    }
    const entity = this.newEntity('organisation', name, null, 'unknown', null);
    entity.head = head;
    this.byFullName.set(key, entity);
    const first = lower(name.split(/\s+/)[0]!);
    if (name.includes(' ')) addTo(this.byShortName, first, entity);
    return entity;
  }

  /**
   * Resolves a speaker phrase at a place in the article and records the
   * mention; null when no entity can be named with confidence.
   */
  resolve(phrase: SpeakerPhrase, place: MentionPlace, speaking = true): Entity | null {
    const entity = this.find(phrase, place);
    if (entity !== null) {
      this.touch(entity, place);
      entity.spoke ||= speaking;
    }
    return entity;
  }

  /** Records that a known entity was mentioned (a name in a narrative sentence). */
  touch(entity: Entity, place: MentionPlace): void {
    entity.lastSeen = ++this.clock;
    entity.lastSentence = place.sentence;
    entity.lastAsSubject = place.subject;
  }

  /**
   * The person a name refers to: the full name, or the one person of the
   * article with that surname (or given name); null when it is ambiguous,
   * undefined when the article names no such person.
   */
  personNamed(name: string, gender: Gender, place: MentionPlace): Entity | null | undefined {
    const key = lower(name);
    const full = this.byFullName.get(key);
    if (full !== undefined) return full;
    if (name.split(/\s+/).length > 1 && !/^\p{Lu}\.?\s/u.test(name)) return undefined;
    const bySurname = this.matching(this.bySurname.get(key), gender, place);
    // Named by the surname alone, the way papers name people (companies go by their first word): a person.
    if (bySurname !== undefined && bySurname !== null) bySurname.evidence = true;
    if (bySurname !== undefined) return bySurname;
    return this.matching(this.byGivenName.get(key), gender, place);
  }

  private matching(
    candidates: readonly Entity[] | undefined,
    gender: Gender,
    place: MentionPlace,
  ): Entity | null | undefined {
    if (candidates === undefined || candidates.length === 0) return undefined;
    if (candidates.length === 1) return candidates[0]!;
    // Two people share the name: a title's gender, or one named just now and the other long ago, tells them apart.
    const fitting = candidates.filter((entity) => gender === 'unknown' || entity.gender !== opposite(gender));
    if (fitting.length === 1) return fitting[0]!;
    const exact = fitting.filter((entity) => gender !== 'unknown' && entity.gender === gender);
    if (exact.length === 1) return exact[0]!;
    const byRecency = [...fitting].sort((a, b) => b.lastSeen - a.lastSeen);
    const [latest, next] = byRecency;
    if (
      latest !== undefined &&
      latest.lastSeen >= 0 &&
      place.sentence - latest.lastSentence <= recentSentences &&
      (next === undefined || next.lastSeen < 0 || place.sentence - next.lastSentence >= longAgoSentences)
    ) {
      return latest;
    }
    return null;
  }

  private find(phrase: SpeakerPhrase, place: MentionPlace): Entity | null {
    switch (phrase.kind) {
      case 'person':
        return this.findPerson(phrase, place);
      case 'organisation':
        return this.introduceOrganisation(phrase.name!, phrase.descriptor);
      case 'anonymous': {
        const entity = this.newEntity('anonymous', null, phrase.role, phrase.gender, place, phrase.head);
        entity.plural = phrase.plural;
        entity.evidence = !phrase.plural;
        return entity;
      }
      case 'pronoun':
        return this.findByPronoun(phrase.pronoun!, place);
      case 'definite':
        return this.findByDescription(phrase);
    }
  }

  private findPerson(phrase: SpeakerPhrase, place: MentionPlace): Entity | null {
    const name = phrase.name!;
    const evidence = phrase.titled || phrase.role !== null || phrase.gender !== 'unknown';
    const known = this.personNamed(name, phrase.gender, place);
    if (known === null) return null;
    if (known !== undefined) {
      if (known.kind === 'person') {
        if (known.gender === 'unknown') known.gender = phrase.gender;
        known.role ??= phrase.role;
        known.evidence ||= evidence;
      }
      return known;
    }
    // "Greyhaven said": an organisation named in full before ("Greyhaven Homes").
    if (!name.includes(' ') && !phrase.titled) {
      const organisations = this.byShortName.get(lower(name));
      if (organisations?.length === 1) return organisations[0]!;
    }
    return this.introduce(name, phrase.gender, phrase.role, evidence) ?? this.single(name, phrase, evidence);
  }

  /** Someone known by one name only ("Lopez" with no full name in the article, "Reuters"). */
  private single(name: string, phrase: SpeakerPhrase, evidence: boolean): Entity {
    const key = lower(name);
    const known = this.byFullName.get(key);
    if (known !== undefined) return known;
    const entity = this.newEntity('person', name, phrase.role, phrase.gender, null);
    entity.evidence = evidence;
    this.byFullName.set(key, entity);
    return entity;
  }

  private recent(place: MentionPlace, fits: (entity: Entity) => boolean): Entity[] {
    return this.entities
      .filter((entity) => entity.lastSeen >= 0 && place.sentence - entity.lastSentence <= reach && fits(entity))
      .sort(
        (a, b) =>
          b.lastSentence - a.lastSentence ||
          Number(b.lastAsSubject) - Number(a.lastAsSubject) ||
          b.lastSeen - a.lastSeen,
      );
  }

  private findByPronoun(pronoun: string, place: MentionPlace): Entity | null {
    if (pronoun === 'he' || pronoun === 'she') {
      const gender: Gender = pronoun === 'he' ? 'male' : 'female';
      const chosen = this.recent(
        place,
        (entity) =>
          (entity.kind === 'person' || (entity.kind === 'anonymous' && !entity.plural)) &&
          (entity.evidence || entity.gender !== 'unknown') &&
          entity.gender !== opposite(gender),
      )[0];
      if (chosen === undefined) return null;
      if (chosen.gender === 'unknown') chosen.gender = gender;
      chosen.evidence = true;
      return chosen;
    }
    if (pronoun === 'it') return this.recent(place, (entity) => entity.kind === 'organisation')[0] ?? null;
    if (pronoun === 'they') {
      const last = this.recent(place, () => true)[0];
      return last !== undefined && (last.kind === 'organisation' || last.plural) ? last : null;
    }
    return null;
  }

  private findByDescription(phrase: SpeakerPhrase): Entity | null {
    const head = phrase.head ?? '';
    const latest = (fits: (entity: Entity) => boolean): Entity | undefined =>
      this.entities.filter((entity) => entity.lastSeen >= 0 && fits(entity)).sort((a, b) => b.lastSeen - a.lastSeen)[0];
    if (phrase.organisation) {
      const described = (phrase.role ?? '').replace(/^(?:the|this|that)\s+/iu, '');
      const words = wordsOf(described).filter((word) => word !== '');
      // "the ministry" → the Ministry of Health; "the regional audit office" names itself when nothing else fits.
      const byName =
        latest(
          (entity) => entity.kind === 'organisation' && words.every((word) => wordsOf(entity.name).includes(word)),
        ) ?? latest((entity) => entity.kind === 'organisation' && wordsOf(entity.name).includes(head));
      if (byName !== undefined) return byName;
      if (words.length > 1) return this.introduceOrganisation(described, head);
      return (
        latest((entity) => entity.kind === 'organisation' && entity.head === head) ??
        latest((entity) => entity.kind === 'organisation' && entity.head === null && sameKind(head, entity)) ??
        null
      );
    }
    return (
      latest(
        (entity) =>
          entity.kind !== 'organisation' &&
          (wordsOf(entity.role).includes(head) || (entity.kind === 'anonymous' && entity.head === head)),
      ) ?? null
    );
  }

  private newEntity(
    kind: Entity['kind'],
    name: string | null,
    role: string | null,
    gender: Gender,
    place: MentionPlace | null,
    head: string | null = null,
  ): Entity {
    const entity: Entity = {
      kind,
      name,
      role,
      gender,
      plural: false,
      evidence: false,
      spoke: false,
      head,
      lastSeen: place === null ? -1 : ++this.clock,
      lastSentence: place?.sentence ?? -1,
      lastAsSubject: place?.subject ?? false,
    };
    this.entities.push(entity);
    return entity;
  }
}

/** Kinds of organisation that a definite description of another kind does not point to. */
const organisationKinds: readonly ReadonlySet<string>[] = [
  new Set(
    `company firm manufacturer retailer operator supplier maker producer developer insurer lender airline utility
    business corporation corp inc ltd plc llc holdings systems technologies motors partners components homes water
    energy brand chain supermarket`.split(/\s+/u),
  ),
  new Set(
    `ministry department agency authority commission committee council government office bureau board regulator
    watchdog inspectorate service administration court police directorate secretariat tribunal`.split(/\s+/u),
  ),
  new Set(
    `union federation association party alliance coalition charity campaign movement league trust society foundation
    institute club`.split(/\s+/u),
  ),
];

/** Whether "the <head>" can point to an organisation of this name (a union is not "the company"). */
function compatible(head: string, name: string | null): boolean {
  const kind = organisationKinds.find((nouns) => nouns.has(head));
  if (kind === undefined) return true;
  const words = wordsOf(name);
  const kinds = organisationKinds.filter((nouns) => words.some((word) => nouns.has(word)));
  return kinds.length === 0 || kinds.includes(kind);
}

/**
 * Whether "the <head>" surely can point to this organisation: its name says it
 * is of that kind ("Morrow & Lyle Components" for "the company"), or it has
 * spoken in the article already.
 */
function sameKind(head: string, entity: Entity): boolean {
  if (!compatible(head, entity.name)) return false;
  const kind = organisationKinds.find((nouns) => nouns.has(head));
  return entity.spoke || (kind !== undefined && wordsOf(entity.name).some((word) => kind.has(word)));
}

function opposite(gender: Gender): Gender {
  return gender === 'male' ? 'female' : gender === 'female' ? 'male' : 'unknown';
}

/** The speaker an entity stands for, in the statement contract's shape. */
export function speakerOf(entity: Entity): Speaker {
  if (entity.kind === 'anonymous') return { name: null, role: entity.role, anonymous: true };
  return { name: entity.name, role: entity.kind === 'person' ? entity.role : null, anonymous: false };
}
