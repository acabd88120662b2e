import { normalizeText } from '@claimdesk/claims';
import {
  actors,
  cities,
  closers,
  countries,
  firstNames,
  groups,
  hedges,
  institutions,
  lastNames,
  openers,
  outlets,
  parties,
  portfolios,
  regions,
  sections,
  stopWords,
  synonyms,
  type Topic,
  topics,
} from './vocabulary';

/** mulberry32: small, fast and good enough to make varied text reproducible. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** An index in [0, n), the low ones far more likely (a few prolific speakers, a long tail). */
  skewed(n: number): number {
    const r = this.next();
    return Math.min(n - 1, Math.floor(n * r * r * r));
  }
}

/** The generator for claim `index` of the stream `seed`: the same pair always gives the same claim. */
export function rngFor(seed: number, index: number, stream = 0): Rng {
  let h =
    Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ Math.imul(stream + 7, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return new Rng(h);
}

export interface ClaimantSeed {
  name: string;
  role: string;
}

export interface GeneratedClaim {
  text: string;
  /** original, near duplicate (a word or two changed) or exact repeat (same normalised text) of `of`. */
  kind: 'original' | 'near' | 'exact';
  of: number | null;
  /** Index into the generator's claimants. */
  claimant: number;
  tags: string[];
  /** Milliseconds since the epoch, increasing with the index. */
  createdAt: number;
  claimDate: string | null;
  status: 'submitted' | 'in_review' | 'awaiting_approval' | 'published' | 'rejected';
  checkWorthiness: number | null;
}

export interface GeneratorOptions {
  seed: number;
  /** How many distinct speakers the claims are attributed to. */
  claimants: number;
  /** Claims in the stream, to spread created_at over the years. */
  total: number;
  nearShare?: number;
  exactShare?: number;
}

const firstDay = Date.UTC(2016, 0, 1);
const lastDay = Date.UTC(2026, 0, 1);
const numberWords = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve', 'fifteen'];
const statuses: GeneratedClaim['status'][] = [
  ...Array<GeneratedClaim['status']>(12).fill('submitted'),
  ...Array<GeneratedClaim['status']>(3).fill('in_review'),
  'awaiting_approval',
  ...Array<GeneratedClaim['status']>(3).fill('published'),
  'rejected',
];
const extraTags = ['local', 'national', 'statistics', 'budget', 'campaign', 'debate', 'interview', 'social-media'];

/**
 * Political claims from templates filled with speakers, places, measures,
 * numbers and years: varied enough to read like a newsroom's intake, with
 * about 5% near duplicates of earlier claims (a word or two changed) and some
 * exact repeats (same words, other typography). Claim `i` depends only on the
 * seed and `i`, so any worker can produce any slice of the stream.
 */
export class ClaimGenerator {
  readonly claimants: readonly ClaimantSeed[];
  private readonly nearShare: number;
  private readonly exactShare: number;

  constructor(private readonly options: GeneratorOptions) {
    this.claimants = makeClaimants(options.claimants, options.seed);
    this.nearShare = options.nearShare ?? 0.05;
    this.exactShare = options.exactShare ?? 0.015;
  }

  claimAt(index: number): GeneratedClaim {
    const rng = rngFor(this.options.seed, index);
    const roll = rng.next();
    const createdAt =
      firstDay + Math.floor(((lastDay - firstDay) * (index + rng.next())) / Math.max(1, this.options.total));
    const claimDate = rng.chance(0.85) ? isoDate(createdAt - rng.int(15) * 86_400_000) : null;
    const status = rng.pick(statuses);
    const checkWorthiness = rng.chance(0.4) ? Math.round(rng.next() * 1000) / 1000 : null;
    if (index >= 100 && roll < this.nearShare + this.exactShare) {
      const of = rng.int(index);
      const earlier = this.claimAt(of);
      const exact = roll >= this.nearShare;
      return {
        text: exact ? retypeset(earlier.text, rng) : nearDuplicate(earlier.text, rng),
        kind: exact ? 'exact' : 'near',
        of,
        claimant: rng.chance(0.6) ? earlier.claimant : rng.skewed(this.claimants.length),
        tags: earlier.tags,
        createdAt,
        claimDate,
        status,
        checkWorthiness,
      };
    }
    const topic = rng.pick(topics);
    return {
      text: composeClaim(rng, topic, this.claimants),
      kind: 'original',
      of: null,
      claimant: rng.skewed(this.claimants.length),
      tags: rng.chance(0.4) ? [topic.tag, rng.pick(extraTags)] : [topic.tag],
      createdAt,
      claimDate,
      status,
      checkWorthiness,
    };
  }

  /** Claim `index` as `ClaimsService.submit` takes it: text, speaker (name and role), tags. */
  submissionAt(index: number): { text: string; claimant: ClaimantSeed; tags: string[] } {
    const claim = this.claimAt(index);
    const claimant = this.claimants[claim.claimant]!;
    return { text: claim.text, claimant: { name: claimant.name, role: claimant.role }, tags: claim.tags };
  }
}

/** `count` speakers with distinct names, each with a role. */
export function makeClaimants(count: number, seed: number): ClaimantSeed[] {
  const rng = rngFor(seed, 0, 1);
  const seen = new Set<string>();
  const claimants: ClaimantSeed[] = [];
  while (claimants.length < count) {
    const middle = rng.chance(0.15) ? ` ${String.fromCharCode(65 + rng.int(26))}.` : '';
    const name = `${rng.pick(firstNames)}${middle} ${rng.pick(lastNames)}`;
    const key = normalizeText(name);
    if (seen.has(key)) continue;
    seen.add(key);
    claimants.push({ name, role: roleFor(rng) });
  }
  return claimants;
}

function roleFor(rng: Rng): string {
  switch (rng.int(16)) {
    case 0:
      return `Senator for ${rng.pick(regions)}`;
    case 1:
      return `Governor of ${rng.pick(regions)}`;
    case 2:
      return `Mayor of ${rng.pick(cities)}`;
    case 3:
      return `Minister of ${rng.pick(portfolios)}`;
    case 4:
      return `Shadow Secretary for ${rng.pick(portfolios)}`;
    case 5:
      return `Member of Parliament for ${rng.pick(cities)} ${rng.pick(['North', 'South', 'East', 'West', 'Central'])}`;
    case 6:
      return `Spokesperson on ${rng.pick(portfolios)} for ${rng.pick(parties)}`;
    case 7:
      return `${rng.pick(['Leader', 'Deputy leader', 'Chair', 'Treasurer'])} of ${rng.pick(parties)}`;
    case 8:
      return `Candidate for mayor of ${rng.pick(cities)}`;
    case 9:
      return `State representative, ${rng.pick(regions)}`;
    case 10:
      return `City councillor, ${rng.pick(cities)}`;
    case 11:
      return `Former Minister of ${rng.pick(portfolios)}`;
    case 12:
      return rng.pick(['Talk radio host', 'Television presenter', 'Newspaper columnist', 'Podcast host']);
    case 13:
      return `Chief economist, ${rng.pick(['Northbank', 'Capital Partners', 'the Growth Institute', 'Meridian Bank'])}`;
    case 14:
      return `General secretary, ${rng.pick(['the Teachers Union', 'the Transport Workers', 'the Nurses Guild', 'Unite Together'])}`;
    default:
      return `Campaigner, ${rng.pick(['Fair Tax Now', 'Clean Air Coalition', 'Homes for All', 'Safer Streets', 'Open Borders Watch'])}`;
  }
}

/** A URL of an article where a claim appeared. */
export function articleUrl(rng: Rng, slugFrom: string): string {
  const date = new Date(firstDay + rng.int(3650) * 86_400_000);
  const slug = normalizeText(slugFrom).split(' ').slice(0, 8).join('-');
  const path = `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${slug}`;
  return `https://www.${rng.pick(outlets)}.com/${rng.pick(sections)}/${path}`;
}

/** 2 to 4 content words of `text`, in their order, as a reader would type them into search. */
export function queryWords(text: string, rng: Rng): string {
  const words = [
    ...new Set(
      normalizeText(text)
        .split(' ')
        .filter((word) => word.length >= 3 && !stopWords.has(word) && /\p{L}/u.test(word)),
    ),
  ];
  const wanted = Math.min(words.length, rng.between(2, 4));
  const chosen = new Set<number>();
  while (chosen.size < wanted) chosen.add(rng.int(words.length));
  return [...chosen]
    .sort((a, b) => a - b)
    .map((i) => words[i]!)
    .join(' ');
}

/** The claim with a word or two changed: a number, a synonym, a hedge added, a small word dropped. */
export function nearDuplicate(text: string, rng: Rng): string {
  const tokens = text.split(' ');
  const wanted = rng.chance(0.6) ? 1 : 2;
  let changed = 0;
  for (let attempt = 0; attempt < 20 && changed < wanted; attempt++) {
    if (mutate(tokens, rng)) changed++;
  }
  const result = tokens.join(' ');
  return normalizeText(result) === normalizeText(text) ? `${text.replace(/[.!]$/, '')}, again.` : result;
}

function mutate(tokens: string[], rng: Rng): boolean {
  const numbers = tokens.flatMap((token, i) => (/\d/.test(token) ? [i] : []));
  switch (rng.int(4)) {
    case 0: {
      if (numbers.length === 0) return false;
      const i = rng.pick(numbers);
      tokens[i] = tokens[i]!.replace(/\d[\d,.]*/, (digits) => changeNumber(digits, rng));
      return true;
    }
    case 1: {
      const swappable = tokens.flatMap((token, i) => (synonyms[bare(token)] ? [i] : []));
      if (swappable.length === 0) return false;
      const i = rng.pick(swappable);
      const token = tokens[i]!;
      tokens[i] = token.replace(bare(token), rng.pick(synonyms[bare(token)]!));
      return true;
    }
    case 2: {
      if (numbers.length === 0) return false;
      const i = rng.pick(numbers);
      if (i > 0 && hedgeEnds.has(tokens[i - 1]!)) return false;
      tokens.splice(i, 0, rng.pick(hedges));
      return true;
    }
    default: {
      const small = tokens.flatMap((token, i) =>
        i > 0 && ['the', 'now', 'just', 'all', 'that'].includes(token) ? [i] : [],
      );
      if (small.length === 0) return false;
      tokens.splice(rng.pick(small), 1);
      return true;
    }
  }
}

const hedgeEnds = new Set(hedges.map((hedge) => hedge.slice(hedge.lastIndexOf(' ') + 1)));

function bare(token: string): string {
  return token.toLowerCase().replace(/[^a-z-]/g, '');
}

function changeNumber(digits: string, rng: Rng): string {
  const clean = digits.replace(/[,.]$/, '');
  const trailing = digits.slice(clean.length);
  const value = Number(clean.replace(/,/g, ''));
  if (!Number.isFinite(value)) return digits;
  if (value >= 1900 && value <= 2030 && !clean.includes(','))
    return `${value + rng.between(1, 4) * (rng.chance(0.5) ? 1 : -1)}${trailing}`;
  let next = value * (0.6 + rng.next() * 0.8);
  if (clean.includes('.') && !clean.includes(',')) next = Math.round(next * 10) / 10;
  else next = Math.max(1, Math.round(next));
  if (next === value) next = value + 1;
  return `${clean.includes(',') ? next.toLocaleString('en-US') : String(next)}${trailing}`;
}

/** The same words in other typography: normalises to the same text. */
function retypeset(text: string, rng: Rng): string {
  switch (rng.int(4)) {
    case 0:
      return text;
    case 1:
      return text.replace(/'/g, '\u2019').replace(/\.$/, '!');
    case 2:
      return text.replace(/, /g, ' \u2014 ');
    default:
      return `\u201C${text}\u201D`;
  }
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Fills one template for `topic`, with an opener or closing clause now and then. */
export function composeClaim(rng: Rng, topic: Topic, claimants: readonly ClaimantSeed[]): string {
  const words = new Words(rng, topic, claimants);
  let body = rng.pick(templates)(words).trim();
  const opener = rng.chance(0.12) ? rng.pick(openers) : '';
  const single = body.endsWith('.') && !/\.\D/.test(body.slice(0, -1));
  if (single && rng.chance(0.12)) {
    // Two statements in one breath, as speakers make them.
    const second = rng.pick(templates)(words).trim();
    const joined = templateWords.has(second.slice(0, second.indexOf(' '))) ? lowerFirst(second) : second;
    body = `${body.slice(0, -1)}${rng.pick([', and ', '; meanwhile, ', ', while ', ' and '])}${joined}`;
  } else if (single && rng.chance(0.2)) {
    body = body.slice(0, -1) + rng.pick(closers).replace('{institution}', rng.pick(institutions));
  }
  if (opener === '') return capitalise(body);
  return opener + (templateWords.has(body.slice(0, body.indexOf(' '))) ? lowerFirst(body) : body);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** What templates are filled with, drawn for one claim. */
class Words {
  constructor(
    private readonly rng: Rng,
    readonly topic: Topic,
    private readonly claimants: readonly ClaimantSeed[],
  ) {}

  pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }
  between(min: number, max: number): number {
    return this.rng.between(min, max);
  }
  /** One of the wordings. */
  alt(...wordings: string[]): string {
    return this.rng.pick(wordings);
  }
  measure(): string {
    return this.rng.pick(this.topic.measures);
  }
  thing(): string {
    return this.rng.pick(this.topic.things);
  }
  budget(): string {
    return this.rng.pick(this.topic.budgets);
  }
  otherBudget(): string {
    return this.rng.pick(this.rng.pick(topics).budgets);
  }
  policy(): string {
    return this.rng.pick(this.topic.policies);
  }
  group(): string {
    return this.rng.pick(groups);
  }
  institution(): string {
    return this.rng.pick(institutions);
  }
  party(): string {
    return this.rng.pick(parties);
  }
  partyHas(): string {
    const party = this.party();
    return `${party} ${party.startsWith('the ') ? 'have' : 'has'}`;
  }
  householdMoney(): string {
    return `${this.rng.pick(['$', '£', '€'])}${(this.rng.between(3, 600) * 10).toLocaleString('en-US')}`;
  }
  country(): string {
    return this.rng.pick(countries);
  }
  city(): string {
    return this.rng.pick(cities);
  }
  place(): string {
    const r = this.rng.next();
    return r < 0.45 ? this.rng.pick(cities) : r < 0.75 ? this.rng.pick(regions) : this.rng.pick(countries);
  }
  unit(): string {
    return this.rng.pick(['city', 'region', 'state', 'county', 'council', 'constituency']);
  }
  actor(): string {
    const r = this.rng.next();
    if (r < 0.6) return this.rng.pick(actors);
    if (r < 0.85) return this.rng.pick(parties);
    return this.speaker();
  }
  speaker(): string {
    return this.rng.pick(this.claimants).name;
  }
  year(min = 1985, max = 2025): string {
    return String(this.rng.between(min, max));
  }
  small(): string {
    return this.rng.chance(0.5) ? this.rng.pick(numberWords) : String(this.rng.between(2, 30));
  }
  sup(): string {
    return this.rng.pick(['highest', 'lowest', 'worst', 'best', 'fastest-growing', 'largest']);
  }
  hedge(): string {
    return this.rng.chance(0.3) ? `${this.rng.pick(hedges)} ` : '';
  }
  pct(): string {
    const value = this.rng.chance(0.7) ? String(this.rng.between(1, 95)) : (this.rng.between(1, 259) / 10).toFixed(1);
    return `${value}${this.rng.pick(['%', '%', '%', ' per cent', ' percent'])}`;
  }
  count(): string {
    const r = this.rng.next();
    let value: string;
    if (r < 0.2) value = String(this.rng.between(2, 99));
    else if (r < 0.7) value = (this.rng.between(1, 999) * this.rng.pick([10, 100, 1000])).toLocaleString('en-US');
    else if (r < 0.9) value = `${(this.rng.between(11, 99) / 10).toFixed(1)} million`;
    else value = `${this.rng.between(2, 40)} million`;
    return this.hedge() + value;
  }
  money(): string {
    const currency = this.rng.pick(['$', '£', '€', '£', '$']);
    const r = this.rng.next();
    if (r < 0.35) return `${currency}${this.rng.between(1, 999)} million`;
    if (r < 0.6) return `${currency}${(this.rng.between(11, 999) / 10).toFixed(1)} billion`;
    if (r < 0.75) return `${currency}${this.rng.between(2, 90)}bn`;
    if (r < 0.85) return `${currency}${this.rng.between(5, 950)}m`;
    return `${currency}${(this.rng.between(2, 900) * 100).toLocaleString('en-US')}`;
  }
  amountChange(): string {
    return this.rng.chance(0.7) ? this.pct() : this.rng.pick(['a third', 'a quarter', 'half', 'two thirds', 'a fifth']);
  }
  /** Present perfect: "has risen by 12%". */
  change(): string {
    switch (this.rng.int(9)) {
      case 0:
        return `risen by ${this.amountChange()}`;
      case 1:
        return `fallen by ${this.amountChange()}`;
      case 2:
        return this.rng.pick(['doubled', 'more than doubled', 'nearly doubled', 'tripled', 'halved']);
      case 3:
        return `gone up by ${this.amountChange()}`;
      case 4:
        return `gone down by ${this.amountChange()}`;
      case 5:
        return `increased by ${this.amountChange()}`;
      case 6:
        return `dropped by ${this.amountChange()}`;
      case 7:
        return this.rng.pick(['hit a record high', 'reached a record low', 'risen every single year']);
      default:
        return `grown by ${this.amountChange()}`;
    }
  }
  /** Simple past: "rose by 12%". */
  pastChange(): string {
    switch (this.rng.int(8)) {
      case 0:
        return `rose by ${this.amountChange()}`;
      case 1:
        return `fell by ${this.amountChange()}`;
      case 2:
        return this.rng.pick(['doubled', 'tripled', 'halved', 'more than doubled']);
      case 3:
        return `went up by ${this.amountChange()}`;
      case 4:
        return `dropped by ${this.amountChange()}`;
      case 5:
        return `increased by ${this.amountChange()}`;
      case 6:
        return `jumped by ${this.amountChange()}`;
      default:
        return `collapsed by ${this.amountChange()}`;
    }
  }
  period(): string {
    switch (this.rng.int(10)) {
      case 0:
        return `since ${this.year(1990, 2022)}`;
      case 1:
        return `in the last ${this.small()} years`;
      case 2:
        return 'over the past decade';
      case 3:
        return `since ${this.rng.pick(actors)} took office`;
      case 4:
        return `in just ${this.small()} years`;
      case 5:
        return this.rng.pick(['last year', 'this year', 'since the pandemic', 'since the financial crisis']);
      case 6:
        return 'since the last election';
      case 7:
        return `in the past ${this.small()} months`;
      case 8: {
        const from = this.rng.between(1995, 2018);
        return `between ${from} and ${from + this.rng.between(2, 7)}`;
      }
      default:
        return `since ${this.year(2005, 2023)}`;
    }
  }
  when(): string {
    return this.rng.pick(['day', 'week', 'month', 'year']);
  }
}

type Template = (w: Words) => string;

const groupEvents = [
  'lose their jobs',
  'are pushed into poverty',
  'leave the country',
  'are turned away from hospital',
  'fall behind on their rent',
  'are made homeless',
  'go without a hot meal',
  'apply for emergency help',
  'give up looking for work',
  'wait more than four hours in A&E',
  'are victims of violent crime',
  'move out of the area',
  'turn to payday lenders',
  'miss a mortgage payment',
  'skip meals to feed their children',
];
const unaffordables = [
  'to heat their homes',
  'a deposit on a home',
  'childcare',
  'their rent',
  'a week away',
  'to see a dentist',
  'their weekly shop',
  'a new pair of school shoes',
  'to run a car',
  'their energy bills',
  'a decent pension',
  'to replace a broken fridge',
  'private school fees',
  'the bus fare to work',
];
const oneIn = [
  'lives in poverty',
  'is on a waiting list',
  'has been a victim of crime',
  'cannot read properly by age eleven',
  'relies on a food bank',
  'is behind on their bills',
  'has no savings at all',
  'works more than one job',
  'has been waiting over a year for treatment',
  'lives in overcrowded housing',
  'was born abroad',
  'has never voted',
  'leaves school without a qualification',
  'spends half their income on rent',
];
const processes = [
  'see a GP',
  'get a hip replacement',
  'process an asylum claim',
  'get a council house',
  'get a court date',
  'get planning permission',
  'book a driving test',
  'get a mental health appointment',
  'replace a pothole',
  'answer a 999 call',
  'get a cancer diagnosis',
  'fix a broken streetlight',
  'issue a passport',
  'connect a new wind farm to the grid',
  'approve a new school',
  'pay out a benefit claim',
];
const donors = [
  'oil companies',
  'the gambling industry',
  'foreign donors',
  'private health firms',
  'property developers',
  'the tobacco lobby',
  'trade unions',
  'hedge funds',
  'tech billionaires',
  'arms manufacturers',
  'a Russian oligarch',
  'the pharmaceutical industry',
  'crypto exchanges',
  'private prison companies',
];
const offices = ['mayor', 'governor', 'minister', 'leader of the council', 'president', 'prime minister', 'senator'];
const averages = ['the European average', 'the OECD average', 'the national average', 'the G7 average'];
const scopes = [
  'in Europe',
  'in the country',
  'in the developed world',
  'of any G7 country',
  'in the OECD',
  'on record',
];
const funders = ['the EU', 'the federal government', 'Westminster', 'the national lottery', 'the state', 'Brussels'];
const conditions = [
  'are in poor condition',
  'are run by private firms',
  'are more than fifty years old',
  'are owned by foreign investors',
  'are at risk of closure',
  'are understaffed',
  'have been sold off',
  'are not fit for purpose',
  'are empty',
];

// prettier-ignore
const templates: readonly Template[] = [
  (w) => `${w.measure()} in ${w.place()} has ${w.change()} ${w.period()}.`,
  (w) => `${w.alt('In', 'Across', 'Throughout')} ${w.place()}, ${w.measure()} has ${w.change()} ${w.period()}.`,
  (w) => `${w.place()} ${w.alt('now has', 'has', 'is stuck with', 'ended the year with')} the ${w.sup()} ${w.measure()} ${w.pick(scopes)}.`,
  (w) => `Under ${w.actor()}, ${w.measure()} ${w.pastChange()}, the ${w.sup()} level since ${w.year()}.`,
  (w) => `We have ${w.alt('built', 'delivered', 'opened', 'funded', 'created')} ${w.count()} ${w.thing()} in ${w.place()} ${w.period()}.`,
  (w) => `${w.actor()} ${w.alt('cut', 'slashed', 'froze', 'raided')} ${w.budget()} by ${w.money()} in ${w.year(2000)}.`,
  (w) => `Every ${w.when()}, ${w.count()} ${w.group()} in ${w.place()} ${w.pick(groupEvents)}.`,
  (w) => `${w.pct()} of ${w.group()} in ${w.place()} ${w.alt('cannot afford', 'can no longer afford', 'struggle to afford', 'say they cannot pay for')} ${w.pick(unaffordables)}.`,
  (w) => `${w.place()} spends more on ${w.budget()} than on ${w.otherBudget()}.`,
  (w) => `There are ${w.alt('more', 'fewer')} ${w.thing()} in ${w.place()} ${w.alt('today', 'now', 'this year')} than there were in ${w.year(1970, 2015)}.`,
  (w) => `${w.measure()} ${w.alt('has not been this', 'has never been this', 'was last this')} ${w.alt('high', 'low', 'bad')} ${w.alt('since', 'before')} ${w.year(1950, 2015)}.`,
  (w) => `One in ${w.between(2, 12)} ${w.group()} in ${w.place()} ${w.pick(oneIn)}.`,
  (w) => `${w.speaker()} voted against ${w.policy()} ${w.small()} times.`,
  (w) => `${w.speaker()} ${w.alt('has voted', 'voted', 'has spoken')} ${w.alt('for', 'against')} ${w.policy()} ${w.alt('every time it came up', 'at every opportunity', 'twice', 'in committee')}.`,
  (w) => `${w.policy()} will cost ${w.alt('taxpayers', 'every family', 'the country', 'the health service')} ${w.money()} over ${w.small()} years.`,
  (w) => `${w.place()} ${w.alt('receives', 'gets', 'is given', 'loses')} ${w.money()} a year ${w.alt('from', 'to')} ${w.pick(funders)}.`,
  (w) => `Since ${w.year(1980, 2020)}, ${w.place()} has lost ${w.count()} ${w.thing()} to ${w.country()}.`,
  (w) => `${w.measure()} is ${w.alt('twice', 'three times', 'four times', 'half', 'a third of')} what it was when ${w.actor()} took office.`,
  (w) => `When I became ${w.pick(offices)}, ${w.measure()} ${w.alt('was', 'stood at', 'was running at')} ${w.pct()}; today it is ${w.pct()}.`,
  (w) => `I have ${w.alt('delivered', 'secured', 'found the money for', 'signed off')} ${w.count()} ${w.thing()} since I ${w.alt('took office', 'was elected', 'became ' + w.pick(offices))}.`,
  (w) => `${w.actor()} has ${w.alt('spent', 'wasted', 'poured', 'thrown')} ${w.money()} ${w.alt('on', 'into')} ${w.policy()} and it has ${w.alt('achieved nothing', 'made things worse', 'not built a single thing', 'been a disaster')}.`,
  (w) => `${w.place()} has ${w.alt('more', 'fewer')} ${w.thing()} per ${w.alt('person', 'head', '100,000 people')} than any other ${w.unit()} in ${w.country()}.`,
  (w) => `${w.policy()} would lift ${w.count()} ${w.alt('children', 'pensioners', 'families', 'people')} out of poverty.`,
  (w) => `${w.policy()} will put ${w.count()} people out of work in ${w.place()}.`,
  (w) => `${w.measure()} ${w.pastChange()} ${w.period()} under ${w.party()}.`,
  (w) => `${w.party()} promised ${w.count()} ${w.thing()} and delivered ${w.count()}.`,
  (w) => `${w.pct()} of all ${w.thing()} in ${w.country()} are in ${w.place()}.`,
  (w) => `${w.institution()} ${w.alt('says', 'predicts', 'estimates', 'warns')} ${w.measure()} in ${w.place()} will ${w.alt('double', 'fall by half', `rise by ${w.pct()}`, 'reach a record high', `fall by ${w.pct()}`)} by ${w.year(2026, 2050)}.`,
  (w) => `${w.place()} has the ${w.sup()} ${w.measure()} of any ${w.unit()} in ${w.country()}.`,
  (w) => `We inherited ${w.measure()} of ${w.pct()} and we ${w.alt('brought it down', 'cut it', 'got it down')} to ${w.pct()}.`,
  (w) => `${w.money()} of ${w.budget()} was ${w.alt('never spent', 'handed back to the Treasury', 'lost to fraud', 'spent on consultants')}.`,
  (w) => `Only ${w.count()} of the ${w.count()} ${w.thing()} promised in ${w.year(2000)} have been ${w.alt('delivered', 'built', 'completed', 'funded')}.`,
  (w) => `${w.actor()} wants to ${w.alt('scrap', 'abolish', 'water down', 'delay')} ${w.policy()}, which would cost ${w.count()} jobs.`,
  (w) => `${w.measure()} in ${w.place()} is ${w.alt('higher', 'lower', 'worse')} than in ${w.country()}.`,
  (w) => `${w.place()} is now spending ${w.money()} a ${w.alt('day', 'week', 'month')} on ${w.budget()}.`,
  (w) => `Since ${w.policy()} was introduced, ${w.measure()} has ${w.change()}.`,
  (w) => `It ${w.alt('takes', 'now takes', 'can take')} ${w.small()} ${w.alt('weeks', 'months', 'years')} to ${w.pick(processes)} in ${w.place()}.`,
  (w) => `${w.speaker()} promised in ${w.year(2005)} to ${w.alt('cut', 'halve', 'end')} ${w.measure()}; it has ${w.change()} since.`,
  (w) => `${w.count()} ${w.thing()} have ${w.alt('closed', 'been lost', 'shut down', 'disappeared')} in ${w.place()} ${w.period()}.`,
  (w) => `${w.city()} has more ${w.thing()} than the whole of ${w.country()}.`,
  (w) => `${w.partyHas()} raised taxes ${w.small()} times ${w.period()}.`,
  (w) => `The average ${w.alt('family', 'household', 'pensioner', 'renter', 'worker')} in ${w.place()} pays ${w.householdMoney()} a year ${w.alt('in', 'on')} ${w.alt('council tax', 'rent', 'energy bills', 'income tax', 'property tax', 'childcare', 'water bills')}.`,
  (w) => `${w.measure()} ${w.alt('rose', 'fell', 'grew', 'went up')} faster in ${w.place()} than anywhere else in ${w.country()} ${w.period()}.`,
  (w) => `${w.actor()} has ${w.alt('closed', 'sold off', 'cut', 'axed')} ${w.count()} ${w.thing()} ${w.period()}.`,
  (w) => `More ${w.thing()} were ${w.alt('built', 'recruited', 'lost', 'approved', 'cut')} in ${w.year(2000)} than in any year since ${w.year(1950, 1999)}.`,
  (w) => `${w.pct()} of ${w.budget()} ${w.alt('goes on administration', 'is spent on consultants', 'never reaches the front line', 'goes to London')}.`,
  (w) => `${w.count()} ${w.group()} are waiting for ${w.alt('a council home', 'a hospital appointment', 'a school place', 'a care package', 'a court hearing', 'a decision on their claim')} in ${w.place()}.`,
  (w) => `${w.policy()} has already ${w.alt('saved', 'raised', 'cost', 'wasted')} ${w.money()}.`,
  (w) => `Without ${w.policy()}, ${w.measure()} would be ${w.pct()} ${w.alt('higher', 'lower')}.`,
  (w) => `${w.place()} was the ${w.alt('first', 'last', 'only')} ${w.unit()} in ${w.country()} to ${w.alt('introduce', 'reject', 'scrap')} ${w.policy()}.`,
  (w) => `${w.country()} ${w.alt('gives', 'sends', 'lends')} ${w.money()} in aid to ${w.country()} every year.`,
  (w) => `${w.measure()} among ${w.group()} has ${w.change()} ${w.period()}.`,
  (w) => `For every ${w.money()} spent on ${w.budget()}, ${w.place()} gets back ${w.money()}.`,
  (w) => `${w.speaker()} has ${w.alt('taken', 'accepted', 'received')} ${w.money()} from ${w.pick(donors)}.`,
  (w) => `${w.count()} ${w.thing()} have been lost ${w.period()} because of ${w.policy()}.`,
  (w) => `${w.measure()} in ${w.place()} is now ${w.pct()} ${w.alt('higher', 'lower')} than ${w.pick(averages)}.`,
  (w) => `${w.actor()} has missed every target on ${w.measure()} ${w.period()}.`,
  (w) => `In ${w.year(1990, 2015)}, ${w.measure()} in ${w.place()} was ${w.pct()}. Now it is ${w.pct()}.`,
  (w) => `${w.speaker()} has never once ${w.alt('voted for', 'supported', 'backed', 'spoken up for')} ${w.policy()} in ${w.small()} years ${w.alt('in Parliament', 'in Congress', 'in the Senate', 'on the council', 'in office', 'in the assembly')}.`,
  (w) => `The number of ${w.thing()} in ${w.place()} has ${w.change()} ${w.period()}.`,
  (w) => `${w.place()} lost ${w.count()} ${w.thing()} in ${w.year(2000)} alone.`,
  (w) => `We are ${w.alt('recruiting', 'hiring', 'training', 'paying for')} ${w.count()} more ${w.thing()} and we have already ${w.alt('hired', 'found', 'trained')} ${w.count()}.`,
  (w) => `${w.policy()} was ${w.alt('backed', 'opposed', 'rejected')} by ${w.pct()} of voters in ${w.place()}.`,
  (w) => `${w.actor()} borrowed ${w.alt('more', 'less')} in ${w.small()} years than ${w.alt('every previous government combined', 'all its predecessors put together', `any government since ${w.year(1945, 2010)}`, `${w.country()} did in ${w.small()} decades`)}.`,
  (w) => `${w.actor()} borrowed ${w.money()} in ${w.small()} years to pay for ${w.policy()}.`,
  (w) => `${w.measure()} in ${w.place()} fell every year under ${w.party()} and has ${w.alt('risen', 'gone up', 'grown')} every year since.`,
  (w) => `${w.place()} has ${w.count()} ${w.thing()}, ${w.alt('twice', 'three times', 'half')} as many as ${w.place()}.`,
  (w) => `${w.pct()} of ${w.thing()} in ${w.place()} ${w.pick(conditions)}.`,
  (w) => `${w.alt('Nine out of ten', 'Two thirds of', 'Most', 'Half of all')} ${w.group()} in ${w.place()} say ${w.measure()} is their biggest worry, according to ${w.institution()}.`,
  (w) => `${w.speaker()} said ${w.policy()} would pay for itself; it has cost ${w.money()} so far.`,
  (w) => `${w.place()} ${w.alt('was promised', 'was told it would get', 'is owed')} ${w.count()} ${w.thing()} and has ${w.alt('seen', 'received', 'got')} ${w.alt('none', 'barely a dozen', 'fewer than half')}.`,
  (w) => `${w.institution()} ${w.alt('found', 'confirmed', 'reported')} that ${w.measure()} in ${w.place()} ${w.pastChange()} ${w.period()}.`,
  (w) => `Not a single ${w.alt('new', 'extra')} ${w.alt('police officer', 'nurse', 'teacher', 'home', 'bus route', 'GP')} has been ${w.alt('added', 'recruited', 'built', 'funded')} in ${w.place()} ${w.period()}.`,
  (w) => `${w.actor()} ${w.alt('quietly', 'secretly', 'deliberately')} ${w.alt('changed', 'fiddled', 'stopped publishing')} the figures on ${w.measure()} in ${w.year(2005)}.`,
  (w) => `${w.alt('Crime', 'Unemployment', 'Poverty', 'Inflation', 'Homelessness')} ${w.alt('is', 'has been')} ${w.alt('falling', 'rising')} in ${w.place()} ${w.period()}, ${w.alt('whatever', 'despite what')} ${w.actor()} ${w.alt('says', 'claims', 'tells you')}.`,
  (w) => `A ${w.alt('typical', 'newly qualified', 'full-time')} ${w.alt('nurse', 'teacher', 'police officer', 'care worker', 'soldier')} in ${w.place()} earns ${w.householdMoney()} a year, ${w.pct()} less than in ${w.year(2008, 2015)}.`,
  (w) => `${w.place()}'s ${w.measure()} ${w.alt('is the envy of', 'is worse than', 'is better than')} ${w.alt('Europe', 'the world', 'every neighbour', w.country())}.`,
  (w) => `${w.count()} ${w.alt('people', 'residents', 'households', 'businesses')} in ${w.place()} ${w.alt('signed a petition against', 'wrote to us about', 'have been hit by')} ${w.policy()}.`,
  (w) => `${w.policy()} ${w.alt('has been', 'was')} ${w.alt('copied', 'praised', 'scrapped', 'ruled unlawful')} in ${w.small()} other ${w.alt('countries', 'states', 'cities')}.`,
  (w) => `The ${w.alt('cost', 'price', 'bill')} of ${w.policy()} has ${w.alt('risen', 'ballooned', 'doubled', 'spiralled')} to ${w.money()}, ${w.alt('three', 'four', 'five', 'ten')} times the original estimate.`,
  (w) => `${w.actor()} ${w.alt('has', 'have')} ${w.alt('taken', 'clawed back', 'removed')} ${w.householdMoney()} a year from ${w.alt('every', 'the average', 'each')} ${w.alt('family', 'household', 'pensioner', 'worker')} in ${w.place()}.`,
  (w) => `${w.alt('Last', 'This', 'Every')} ${w.alt('winter', 'summer', 'year')}, ${w.place()} ${w.alt('ran out of', 'was short of', 'had to import')} ${w.thing()}.`,
  (w) => `${w.speaker()} ${w.alt('used to run', 'once ran', 'sat on the board of')} a company that ${w.alt('went bust', 'paid no tax', 'moved jobs to', 'made money from')} ${w.alt(w.country(), 'the crisis', w.policy(), 'public contracts')}.`,
];

/** Words templates start with, lower-cased after an opener (fills such as place names keep their case). */
const templateWords = new Set([
  'We',
  'There',
  'Every',
  'Under',
  'Since',
  'Only',
  'More',
  'The',
  'It',
  'In',
  'For',
  'Nine',
  'One',
  'When',
  'Without',
  'Across',
  'Throughout',
  'Not',
  'A',
  'Last',
  'This',
  'Two',
  'Most',
  'Half',
  'Crime',
  'Unemployment',
  'Poverty',
  'Inflation',
  'Homelessness',
]);
