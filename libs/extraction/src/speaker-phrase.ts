import {
  anonymousHeads,
  clauseOpeners,
  courtesyTitles,
  definiteOrganisationNouns,
  type Gender,
  genderedRoles,
  genderOfGivenName,
  indefiniteDeterminers,
  nameParticles,
  nameSuffixes,
  notNames,
  officeAbbreviations,
  organisationNouns,
  roleNouns,
  roleQualifiers,
  verbModifiers,
} from './speaker-lexicon';

/**
 * What a phrase in a speaker's place says about the speaker, before it is
 * resolved against the article: a name (perhaps a surname alone), an
 * organisation, an anonymous description, a pronoun, or a definite
 * description pointing back ("the minister", "the ministry").
 */
export interface SpeakerPhrase {
  kind: 'person' | 'organisation' | 'anonymous' | 'pronoun' | 'definite';
  /** The name as written, without title or role (persons and organisations). */
  name: string | null;
  /** The role given beside the name, or the whole description (anonymous and definite). */
  role: string | null;
  gender: Gender;
  /** The pronoun, lower-cased (pronoun phrases). */
  pronoun: string | null;
  /** The head noun of a description, lower-cased ("minister", "ministry"). */
  head: string | null;
  /** Whether a courtesy title stood before the name ("Dr.", "Ms."): a person, surely. */
  titled: boolean;
  /** A definite description of an organisation rather than of a person. */
  organisation: boolean;
  /** What an organisation is called besides its name ("the charity Fuel Fair" → "charity"). */
  descriptor: string | null;
  plural: boolean;
}

const pronouns = new Set(['he', 'she', 'it', 'they', 'we', 'i']);
const definiteDeterminers = new Set(['the', 'this', 'that', 'these', 'those']);
const possessiveDeterminers = new Set(['his', 'her', 'their', 'its', 'our', 'my']);
/** Where a description's head ends and its modifiers begin ("a spokesperson | for the ministry"). */
const headStops = new Set([
  'seen',
  'published',
  'released',
  'obtained',
  'issued',
  'written',
  'sent',
  'by',
  'shared',
  'filed',
  'before',
  'after',
  'since',
  'during',
  'for',
  'of',
  'at',
  'with',
  'from',
  'in',
  'on',
  'close',
  'familiar',
  'involved',
  'briefed',
  'knowledgeable',
  'based',
  'speaking',
  'working',
  'who',
  'that',
  'to',
  'inside',
  'within',
  'among',
  'near',
  'across',
  'representing',
  'affiliated',
  'linked',
  'loyal',
  'opposed',
  'aware',
  'privy',
]);
/** Words joining the parts of an organisation's name ("Bank of England", "Food and Drug Administration"). */
const nameConnectors = new Set(['of', 'for', 'and', '&', 'the', 'de', 'du', 'des', 'pour']);
/** Role abbreviations written in capitals: roles, not organisations. */
const roleAcronyms = new Set(['CEO', 'CFO', 'COO', 'CTO', 'MP', 'MPs', 'MEP', 'MLA', 'MSP', 'PM', 'QC', 'KC']);
const acronym = /^\p{Lu}[\p{Lu}\d&]{1,6}s?$/u;
const capitalised = /^\p{Lu}/u;
const prefixedName = /^(?:al|el|ad|ul|bin|ibn|abu|de|di|da|van|von|le|la|d|o|mc|mac)['’-]\p{Lu}/u;
const edgePunctuation = /^[("'\u2018\u2019\u201C\u201D[]+|(?<!s)['\u2019]+$|[)"\u201C\u201D\]:;,]+$/gu;
const possessive = /['’]s?$/u;
const digits = /^[\d,.]+$/;

const bare = (token: string): string => token.toLowerCase().replace(/\.$/, '');

function isNameToken(token: string): boolean {
  if (prefixedName.test(token)) return true;
  return capitalised.test(token);
}

function isRoleToken(token: string): boolean {
  const word = bare(token);
  return roleNouns.has(word) || officeAbbreviations.has(word) || isTitle(token);
}

/** Titles written with or without a full stop ("Dr.", "Dr", "Mr"), and those spelled out before a name ("Sir"). */
const plainTitles = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'sir', 'dame', 'professor', 'fr', 'rev']);

/** Whether a token is a courtesy title kept out of the name: "Dr.", "Mr", "Sir", "Ms.". */
function isTitle(token: string): boolean {
  const word = bare(token);
  return courtesyTitles.has(word) && (token.endsWith('.') || plainTitles.has(word));
}

function tokensOf(phrase: string): string[] {
  return phrase
    .split(/\s+/)
    .map((token) => token.replace(edgePunctuation, ''))
    .filter((token) => token !== '' && token !== '-' && token !== '\u2014' && token !== '\u2013');
}

function genderOf(titles: readonly string[], roles: readonly string[], name: readonly string[]): Gender {
  for (const title of titles) {
    const gender = courtesyTitles.get(bare(title));
    if (gender !== undefined && gender !== 'unknown') return gender;
  }
  for (const role of roles) {
    const gender = genderedRoles.get(bare(role));
    if (gender !== undefined) return gender;
  }
  return name.length >= 2 ? genderOfGivenName(name[0]!) : 'unknown';
}

/** A capitalised run: a name, an organisation, or role words before a name, with connectors kept inside. */
function nameRun(tokens: readonly string[], from: number): number {
  let end = from;
  for (let at = from; at < tokens.length; at++) {
    const token = tokens[at]!;
    if (isNameToken(token)) {
      end = at + 1;
      // A possessive ends the run ("Smith's lawyer"), unless a name goes on after a plural one ("Farmers’ Union").
      if (/['’]s$/u.test(token) || (/s['’]$/u.test(token) && !isNameToken(tokens[at + 1] ?? ''))) return -end;
      continue;
    }
    const lower = token.toLowerCase();
    if (nameParticles.has(lower) || nameConnectors.has(lower) || nameSuffixes.has(lower)) {
      if (nameSuffixes.has(lower) && at > from) {
        end = at + 1;
        continue;
      }
      let next = at + 1;
      while (
        next < tokens.length &&
        (nameConnectors.has(tokens[next]!.toLowerCase()) || nameParticles.has(tokens[next]!.toLowerCase()))
      )
        next++;
      if (next < tokens.length && isNameToken(tokens[next]!)) {
        at = next - 1;
        continue;
      }
    }
    break;
  }
  return end;
}

function blank(kind: SpeakerPhrase['kind']): SpeakerPhrase {
  return {
    kind,
    name: null,
    role: null,
    gender: 'unknown',
    pronoun: null,
    head: null,
    titled: false,
    organisation: false,
    descriptor: null,
    plural: false,
  };
}

const stripArticle = (role: string): string => role.replace(/^(?:the|a|an)\s+/i, '');

/** Reads a capitalised run as a person (with the titles and role words before the name) or an organisation. */
function readRun(run: readonly string[], definite: boolean, rolePrefix: string | null): SpeakerPhrase | null {
  const clean = run.map((token, at) => (at === run.length - 1 ? token.replace(/['’]s$|(?<=s)['’]$/u, '') : token));
  const lowered = clean.map(bare);
  const isAcronym = clean.length === 1 && acronym.test(clean[0]!) && !roleAcronyms.has(clean[0]!);
  const hasOrganisationNoun = lowered.some((word) => organisationNouns.has(word));
  const hasConnector = lowered.some((word) => word === 'of' || word === 'for' || word === 'and' || word === '&');
  // The last role word with a name after it separates role from name: "Finance Director | Maria Lopez".
  let split = -1;
  for (let at = clean.length - 2; at >= 0; at--) {
    const after = lowered.slice(at + 1);
    if (
      isRoleToken(clean[at]!) &&
      !isRoleToken(clean[at + 1]!) &&
      // "National Association of Head Teachers": a role word inside an organisation's name.
      !(at > 0 && nameConnectors.has(lowered[at - 1]!)) &&
      !nameConnectors.has(after[0]!) &&
      after.some((word) => !nameSuffixes.has(word) && !nameSuffixes.has(`${word}.`))
    ) {
      split = at;
      break;
    }
  }
  // "Lopez of the Ministry of Health": a person, then where they work.
  const joint = lowered.findIndex((word) => word === 'of' || word === 'from' || word === 'at');
  if (split < 0 && joint > 0 && !lowered.slice(0, joint).some((word) => organisationNouns.has(word))) {
    const person = readRun(clean.slice(0, joint), false, rolePrefix);
    if (person?.kind === 'person') {
      person.role ??= clean.slice(joint).join(' ');
      return person;
    }
  }
  if (split < 0 && (isAcronym || hasOrganisationNoun || (definite && !clean.every(isRoleToken)) || hasConnector)) {
    const organisation = blank('organisation');
    organisation.name = clean.join(' ');
    return organisation;
  }
  if (split < 0 && clean.every(isRoleToken)) {
    const description = blank('definite');
    description.head = bare(clean[clean.length - 1]!);
    description.role = clean.join(' ');
    return description;
  }
  const prefix = clean.slice(0, split + 1);
  let name = clean.slice(split + 1);
  const titles = prefix.filter((token) => courtesyTitles.has(bare(token)));
  const roleWords = prefix
    .filter((token) => !isTitle(token))
    .map((token) => officeAbbreviations.get(bare(token)) ?? token);
  while (name.length > 1 && isTitle(name[0]!)) {
    titles.push(name[0]!);
    name = name.slice(1);
  }
  if (name.length === 0 || name.length > 8) return null;
  // "Professor Li Wei of Peking University": the name, then where the person works.
  const nameJoint = name.findIndex((token) => token === 'of' || token === 'from' || token === 'at');
  if (nameJoint > 0 && !name.slice(0, nameJoint).some((token) => organisationNouns.has(bare(token)))) {
    const person = readRun([...prefix, ...name.slice(0, nameJoint)], false, rolePrefix);
    if (person?.kind === 'person') {
      person.role = [person.role, name.slice(nameJoint).join(' ')].filter((part) => part !== null).join(' ');
      return person;
    }
  }
  if (name.some((token) => organisationNouns.has(bare(token)))) {
    // "General Engineering Union": the role word belongs to the organisation's name.
    const organisation = blank('organisation');
    organisation.name = titles.length === 0 ? clean.join(' ') : name.join(' ');
    return organisation;
  }
  const person = blank('person');
  person.name = name.join(' ');
  const role = [rolePrefix, roleWords.length > 0 ? roleWords.join(' ') : null].filter((part) => part !== null);
  person.role = role.length > 0 ? role.join(' ') : null;
  person.gender = genderOf(titles, [...roleWords, ...(rolePrefix?.split(/\s+/) ?? [])], name);
  person.titled = titles.length > 0 || prefix.length > 0;
  return person;
}

/** Documents and data rather than people: "the report said" names no speaker. */
const documentNouns = new Set(
  `report reports study survey statement document audit analysis letter poll review paper memo filing figures data
  estimate estimates assessment research findings website post tweet video book article note plan bill law decision
  ruling judgment judgement order notice summary minutes record records table chart map proposal strategy budget`.split(
    /\s+/,
  ),
);

/** Spans of time and amounts: "two days before the recall" is no one. */
const timeNouns = new Set(
  `day days week weeks month months year years hour hours minute minutes decade decades century times time percent
  cent points per morning afternoon evening night nights weekend weekends`.split(/\s+/),
);

/**
 * Whose document it is: "the council's own figures" → the council, "agency
 * records" → the agency; null when it does not say.
 */
function documentOwner(headPart: readonly string[]): SpeakerPhrase | null {
  const owner = headPart.findIndex((token) => /['’]s?$/u.test(token) && /['’]/u.test(token));
  if (owner >= 0) {
    const phrase = headPart
      .slice(0, owner + 1)
      .join(' ')
      .replace(/['’]s?$/u, '');
    const reading = readSpeakerChunk(
      /^(?:the|a|an)\s/iu.test(phrase) || /^\p{Lu}/u.test(phrase) ? phrase : `the ${phrase}`,
    );
    return reading !== null && reading.kind !== 'pronoun' ? reading : null;
  }
  const modifier = headPart
    .slice(0, -1)
    .map(bare)
    .reverse()
    .find((word) => definiteOrganisationNouns.has(word));
  if (modifier === undefined) return null;
  const organisation = blank('definite');
  organisation.head = modifier;
  organisation.role = `the ${modifier}`;
  organisation.organisation = true;
  return organisation;
}

/** Reads a description in lower case: anonymous ("a senior official"), or pointing back ("the minister"). */
function readDescription(tokens: readonly string[], text: string): SpeakerPhrase | null {
  let cut = tokens.length;
  for (let at = 1; at < tokens.length; at++) {
    if (headStops.has(tokens[at]!.toLowerCase())) {
      cut = at;
      break;
    }
  }
  const headPart = tokens.slice(0, cut);
  if (headPart.length > 6) return null;
  const first = headPart[0]!.toLowerCase();
  const headToken = headPart[headPart.length - 1]!;
  const head = bare(headToken).replace(/['’]s?$/u, '');
  if (documentNouns.has(head)) return documentOwner(headPart);
  if (!/^\p{L}[\p{L}-]*$/u.test(head) || timeNouns.has(head) || pronouns.has(head)) return null;
  const ownedBy = headPart.slice(0, -1).some((token) => /['’]s?$/u.test(token) && /['’]/u.test(token));
  const known = roleNouns.has(head) || anonymousHeads.has(head);
  const isOrganisation = (definiteOrganisationNouns.has(head) || organisationNouns.has(head)) && !roleNouns.has(head);
  const plural = (/s$/.test(head) && !/ss$/.test(head) && !/us$/.test(head)) || head === 'people' || head === 'staff';
  const gender = genderedRoles.get(head) ?? 'unknown';
  const pointingBack = (organisation: boolean): SpeakerPhrase => {
    const description = blank('definite');
    description.head = head;
    description.role = text;
    description.organisation = organisation;
    description.plural = plural;
    description.gender = gender;
    return description;
  };
  const anonymous = (): SpeakerPhrase => {
    const description = blank('anonymous');
    description.role = text;
    description.head = head;
    description.gender = gender;
    description.plural = plural || (indefiniteDeterminers.has(first) && !['a', 'an', 'one', 'another'].includes(first));
    return description;
  };
  if (definiteDeterminers.has(first)) {
    // "the ministry's spokesman" is someone unnamed; "the auditor's office" is the office.
    if (ownedBy && !isOrganisation) return anonymous();
    return pointingBack(isOrganisation);
  }
  if (possessiveDeterminers.has(first)) return isOrganisation ? null : pointingBack(false);
  if (indefiniteDeterminers.has(first)) return anonymous();
  if (ownedBy) return known ? anonymous() : null;
  // "Forecasters at the national Met Service": the staff of a named organisation speak for it.
  const where = tokens[cut]?.toLowerCase();
  if (plural && (where === 'at' || where === 'from') && !indefiniteDeterminers.has(first)) {
    const employer = readSpeakerChunk(tokens.slice(cut + 1).join(' '));
    if (employer?.kind === 'organisation') return employer;
  }
  // A bare noun phrase: "officials", "senior officials", "residents of the town".
  const plain = headPart.every((token) => /^\p{Ll}[\p{Ll}-]*$/u.test(token));
  if (plain && headPart.length <= 3 && (known || plural) && !isOrganisation) return anonymous();
  return null;
}

/**
 * Reads one appositive-free chunk ("Finance Director Maria Lopez", "the
 * Ministry of Health", "a senior official", "she"), or null when it names no
 * speaker.
 */
export function readSpeakerChunk(chunk: string): SpeakerPhrase | null {
  let tokens = tokensOf(chunk);
  while (tokens.length > 0 && clauseOpeners.has(tokens[0]!.toLowerCase()) && tokens.length > 1)
    tokens = tokens.slice(1);
  while (tokens.length > 1 && verbModifiers.has(tokens[tokens.length - 1]!.toLowerCase())) tokens = tokens.slice(0, -1);
  if (tokens.length === 0 || tokens.length > 24) return null;
  // "Officials said", "Residents say": a common noun capitalised only because it opens the sentence.
  const opening = tokens[0]!.toLowerCase();
  const second = tokens[1] ?? '';
  const commonWord =
    roleQualifiers.has(opening) ||
    roleNouns.has(opening) ||
    anonymousHeads.has(opening) ||
    organisationNouns.has(opening);
  const roleFollows = commonWord && /^\p{Ll}/u.test(second) && (roleNouns.has(second) || roleQualifiers.has(second));
  const singular = opening.replace(/s$/u, '');
  if (
    ((anonymousHeads.has(opening) || roleNouns.has(opening) || roleNouns.has(singular)) &&
      !isNameToken(second) &&
      !(nameConnectors.has(second) && isNameToken(tokens[2] ?? ''))) ||
    (roleFollows && tokens[0] !== tokens[0]!.toUpperCase())
  ) {
    tokens = [opening, ...tokens.slice(1)];
  }
  const text = tokens.join(' ');
  if (tokens.length === 1 && pronouns.has(tokens[0]!.toLowerCase())) {
    const pronoun = blank('pronoun');
    pronoun.pronoun = tokens[0]!.toLowerCase();
    pronoun.gender = pronoun.pronoun === 'he' ? 'male' : pronoun.pronoun === 'she' ? 'female' : 'unknown';
    return pronoun;
  }
  const firstLower = tokens[0]!.toLowerCase();
  const definite = definiteDeterminers.has(firstLower);
  let start = definite ? 1 : 0;
  // Lower-case role words before a name: "finance director Maria Lopez", "the city's mayor John Smith".
  let rolePrefix: string | null = null;
  let nameStart = start;
  while (nameStart < tokens.length && !isNameToken(tokens[nameStart]!)) nameStart++;
  if (nameStart > start && nameStart < tokens.length) {
    const prefix = tokens.slice(start, nameStart);
    const hasRole = prefix.some((token) => roleNouns.has(bare(token).replace(/['’]s$/u, '')));
    const plain = prefix.every((token) => !headStops.has(token.toLowerCase()));
    if (hasRole && plain && !possessive.test(prefix[prefix.length - 1]!)) {
      rolePrefix = stripArticle(tokens.slice(0, nameStart).join(' '));
      start = nameStart;
    } else if (plain && Math.abs(nameRun(tokens, nameStart)) === tokens.length) {
      // "the charity Open Doors Justice", "the opposition Civic Alliance": an organisation and what it is.
      const descriptor = prefix
        .map(bare)
        .find((word) => organisationNouns.has(word) || definiteOrganisationNouns.has(word));
      const named = readRun(tokens.slice(nameStart), true, null);
      if (
        named?.kind === 'organisation' ||
        (descriptor !== undefined && named?.kind === 'person' && named.role === null)
      ) {
        const organisation = blank('organisation');
        organisation.name = tokens
          .slice(nameStart)
          .join(' ')
          .replace(/['’]s$/u, '');
        organisation.descriptor = descriptor ?? null;
        return organisation;
      }
    }
  }
  const first = tokens[start] ?? '';
  const shouted = first.length > 1 && first === first.toUpperCase();
  if (isNameToken(first) && !(notNames.has(bare(first)) && !shouted && start === 0 && !definite)) {
    const end = nameRun(tokens, start);
    const stop = Math.abs(end);
    // "Tomas Brenner of the Kelbridge First party": a person, then where they belong.
    const joint = tokens.slice(start, stop).findIndex((token) => token === 'of' || token === 'from' || token === 'at');
    if (joint > 0 && stop < tokens.length) {
      const person = readRun(tokens.slice(start, start + joint), false, rolePrefix);
      if (person?.kind === 'person') {
        person.role ??= tokens.slice(start + joint).join(' ');
        return person;
      }
    }
    // "the ministry's spokesman", "Smith's lawyer": someone of theirs, not them.
    if (end < 0 && stop < tokens.length) return readDescription(tokens, text);
    if (stop === tokens.length) return readRun(tokens.slice(start, stop), definite && rolePrefix === null, rolePrefix);
    // A name, then its affiliation: "Lopez of the ministry".
    if (headStops.has(tokens[stop]!.toLowerCase()) && stop > start) {
      const person = readRun(tokens.slice(start, stop), definite && rolePrefix === null, rolePrefix);
      if (person?.kind === 'person' && person.role === null) person.role = tokens.slice(stop).join(' ');
      return person;
    }
    // "the Spanish government": a capitalised adjective before an organisation noun.
    const rest = tokens.slice(stop).map(bare);
    if (rest.length === 1 && definiteOrganisationNouns.has(rest[0]!)) {
      const organisation = blank('organisation');
      organisation.name = tokens.slice(start).join(' ');
      return organisation;
    }
    // "the Ferrisport-based software company": a capitalised modifier inside a description.
    return definite || indefiniteDeterminers.has(firstLower) ? readDescription(tokens, text) : null;
  }
  if (notNames.has(firstLower) && !definite && !indefiniteDeterminers.has(firstLower)) {
    if (!possessiveDeterminers.has(firstLower)) return null;
  }
  if (digits.test(tokens[0]!)) return null;
  return readDescription(tokens, text);
}

/** Splits at commas outside parentheses: a name and its appositives. */
function chunksOf(phrase: string): string[] {
  const chunks: string[] = [];
  let depth = 0;
  let from = 0;
  for (let at = 0; at < phrase.length; at++) {
    const character = phrase[at];
    if (character === '(') depth++;
    else if (character === ')') depth = Math.max(0, depth - 1);
    else if (character === ',' && depth === 0) {
      chunks.push(phrase.slice(from, at));
      from = at + 1;
    }
  }
  chunks.push(phrase.slice(from));
  return chunks.map((chunk) => chunk.trim()).filter((chunk) => chunk !== '');
}

function isAge(chunk: string): boolean {
  return /^\d{1,3}$/.test(chunk.trim());
}

function asRole(phrase: SpeakerPhrase | null, chunk: string): string | null {
  if (phrase === null) return null;
  if (phrase.kind === 'anonymous' || phrase.kind === 'definite') return stripArticle(chunk.trim());
  return null;
}

/** The subject at the end of a longer clause: "prices rose as Lopez" → "Lopez". */
function readClauseEnd(chunk: string): SpeakerPhrase | null {
  const tokens = chunk.split(/\s+/);
  for (let at = 1; at < tokens.length - 1; at++) {
    if (!clauseOpeners.has(tokens[at]!.toLowerCase())) continue;
    const reading = readSpeakerChunk(tokens.slice(at + 1).join(' '));
    if (reading !== null) return reading;
  }
  return null;
}

/**
 * Reads the phrase in a speaker's place, next to a speech verb. `side` says
 * where the phrase stands: before the verb ("Maria Lopez, the finance
 * director, said") the speaker is the last chunk that names one and
 * appositives around it give the role; after it ("said Maria Lopez, the
 * finance director") the first chunk is the speaker.
 */
export function parseSpeakerPhrase(phrase: string, side: 'before' | 'after'): SpeakerPhrase | null {
  const chunks = chunksOf(phrase).filter((chunk) => !isAge(chunk));
  if (chunks.length === 0) return null;
  const readings = chunks.map((chunk) => readSpeakerChunk(chunk));
  const isNamed = (reading: SpeakerPhrase | null): boolean =>
    reading !== null && (reading.kind === 'person' || reading.kind === 'organisation' || reading.kind === 'pronoun');
  if (side === 'after') {
    let speaker = readings[0];
    if (speaker === null || speaker === undefined) return null;
    // "said its chief, Filippo Grandi": the role, then the name.
    const then = readings[1];
    if (speaker.kind === 'definite' && (then?.kind === 'person' || then?.kind === 'organisation')) {
      if (then.kind === 'person') then.role ??= stripArticle(chunks[0]!);
      speaker = then;
      return speaker;
    }
    if (speaker.kind === 'organisation') speaker.descriptor ??= readings[1]?.head ?? null;
    else if (speaker.kind === 'person' && speaker.role === null) {
      speaker.role = asRole(readings[1] ?? null, chunks[1] ?? '');
    }
    return speaker;
  }
  // Before the verb: relative clauses ("Lopez, who led the talks, said") fall away.
  let last = readings.length - 1;
  while (last > 0 && /^(?:who|which|whose|whom|where|when|speaking|asked|writing|responding)\b/i.test(chunks[last]!)) {
    last--;
  }
  const nearest = readings[last] ?? readClauseEnd(chunks[last]!);
  if (nearest === null || nearest === undefined) {
    // An appositive this reader does not know still leaves the speaker before it: "Acme, the Leeds-based firm,".
    const named = last > 0 ? readings[last - 1] : undefined;
    return named !== undefined && named !== null && named.kind !== 'pronoun' ? named : null;
  }
  if (isNamed(nearest)) {
    if (nearest.kind !== 'pronoun' && nearest.role === null && last > 0) {
      nearest.role = asRole(readings[last - 1] ?? null, chunks[last - 1] ?? '');
    }
    return nearest;
  }
  // "Maria Lopez, the finance director, said": the description is the role of the name before it.
  const named = last > 0 ? readings[last - 1] : undefined;
  if (named !== null && named !== undefined && (named.kind === 'person' || named.kind === 'organisation')) {
    if (named.kind === 'organisation') named.descriptor ??= nearest.head;
    else if (named.role === null) named.role = asRole(nearest, chunks[last]!);
    return named;
  }
  return nearest;
}
