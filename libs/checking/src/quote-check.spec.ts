import fc from 'fast-check';
import { toComparable } from './comparable-text';
import { approximateThreshold, checkQuote, type DiffPart, punctuationOnlyScore, type QuoteMatch } from './quote-check';

// ---------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------

interface ArticleSpec {
  headline: string;
  dateline: string;
  paragraphs: readonly string[];
  byline?: string;
}

/** A news article as an extractor would hand it over: headline, byline, paragraphs split by blank lines. */
function newsArticle({ headline, dateline, paragraphs, byline = 'By Staff Reporter' }: ArticleSpec): string {
  const [lead = '', ...rest] = paragraphs;
  return [headline, byline, `${dateline} — ${lead}`, ...rest].join('\n\n');
}

/** The UTF-16 range of the `occurrence`-th appearance of `passage` in `text`; throws when it is not there. */
function locate(text: string, passage: string, occurrence = 0): { start: number; end: number } {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    start = text.indexOf(passage, start + 1);
    if (start < 0) throw new Error(`test setup: "${passage}" is not in the text ${occurrence + 1} time(s)`);
  }
  return { start, end: start + passage.length };
}

/** Asserts that the match points at exactly `passage` (its `occurrence`-th appearance) in `text`. */
function expectPassage(result: QuoteMatch, text: string, passage: string, occurrence = 0): void {
  const { start, end } = locate(text, passage, occurrence);
  expect({ start: result.start, end: result.end }).toEqual({ start, end });
  if (result.start === null || result.end === null) throw new Error('unreachable: offsets checked above');
  expect(text.slice(result.start, result.end)).toBe(passage);
  expect(result.excerpt).toBe(passage);
}

function expectFound(result: QuoteMatch, text: string, passage: string, occurrence = 0): void {
  expect(result.status).toBe('found');
  expect(result.score).toBe(1);
  expectPassage(result, text, passage, occurrence);
  expect(result.diff).toEqual([{ op: 'equal', text: passage }]);
}

function expectNothing(result: QuoteMatch): void {
  expect(result).toEqual({ status: 'not_found', score: 0, start: null, end: null, excerpt: null, diff: [] });
}

const parts = (result: QuoteMatch, op: DiffPart['op']): string[] =>
  result.diff.filter((part) => part.op === op).map((part) => part.text);

/** A deterministic pseudo-random generator (mulberry32), so generated texts are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fillerWords = [
  'residents',
  'officials',
  'report',
  'meeting',
  'county',
  'board',
  'said',
  'would',
  'about',
  'after',
  'before',
  'during',
  'local',
  'plans',
  'review',
  'figures',
  'housing',
  'transport',
  'members',
  'public',
  'funding',
  'project',
  'week',
  'month',
  'year',
  'council',
  'scheme',
  'committee',
  'spokesperson',
  'statement',
  'proposal',
  'budget',
  'roads',
  'services',
  'district',
  'consultation',
  'meanwhile',
  'however',
  'also',
  'still',
];

/**
 * A long wire-service digest of `words` filler words in sentences and paragraphs,
 * with `insert` placed as its own paragraph after `insertAfter` filler words.
 */
function longDigest({
  words,
  insertAfter,
  insert,
  seed,
}: {
  words: number;
  insertAfter: number;
  insert: string;
  seed: number;
}): string {
  const random = seededRandom(seed);
  const paragraphs: string[] = [];
  let sentences: string[] = [];
  let sentence: string[] = [];
  const flushParagraph = (): void => {
    if (sentences.length > 0) paragraphs.push(sentences.join(' '));
    sentences = [];
  };
  for (let index = 0; index < words; index++) {
    if (index === insertAfter) {
      flushParagraph();
      paragraphs.push(insert);
    }
    const word = fillerWords[Math.floor(random() * fillerWords.length)]!;
    sentence.push(sentence.length === 0 ? word[0]!.toUpperCase() + word.slice(1) : word);
    if (sentence.length >= 8 + Math.floor(random() * 12)) {
      sentences.push(`${sentence.join(' ')}.`);
      sentence = [];
      if (sentences.length >= 4 + Math.floor(random() * 3)) flushParagraph();
    }
  }
  if (sentence.length > 0) sentences.push(`${sentence.join(' ')}.`);
  flushParagraph();
  return paragraphs.join('\n\n');
}

// ---------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------

describe('checkQuote: an exact quote', () => {
  const floodDefences = (): string =>
    newsArticle({
      headline: 'Council backs £48m plan to rebuild riverside flood defences',
      dateline: 'LOWFIELD',
      paragraphs: [
        'The city council voted 31 to 9 on Tuesday night to approve a £48 million programme of flood defences along the River Wend, ending two years of argument over who should pay for them.',
        '“We cannot keep asking families in Lowfield to bail out their kitchens every winter,” said Councillor Amara Okafor, who chairs the environment committee. “This money finally puts a wall between them and the river.”',
        'Opposition members argued that the scheme relied too heavily on a government grant that has not yet been confirmed.',
      ],
    });

  it('is found with score 1, its exact offsets and a single equal part', () => {
    const text = floodDefences();
    const quote = 'We cannot keep asking families in Lowfield to bail out their kitchens every winter';
    expectFound(checkQuote(quote, text), text, quote);
  });

  it('is found without its closing punctuation and quote marks, which the excerpt leaves out', () => {
    const text = floodDefences();
    const words = 'This money finally puts a wall between them and the river';
    expectFound(checkQuote(`${words}.`, text), text, words);
    expectFound(checkQuote(`“${words}.”`, text), text, words);
    expectFound(checkQuote(`"${words}."`, text), text, words);
  });

  it('is found when it starts the text or ends it', () => {
    const text = floodDefences();
    expectFound(checkQuote('Council backs £48m plan', text), text, 'Council backs £48m plan');
    expectFound(
      checkQuote('a government grant that has not yet been confirmed.', text),
      text,
      'a government grant that has not yet been confirmed',
    );
    expect(text.endsWith('a government grant that has not yet been confirmed.')).toBe(true);
  });

  it('is found when it starts with a symbol, the excerpt starting at the first word character', () => {
    const text = floodDefences();
    // A leading currency sign is not a letter or digit: the search, and so the excerpt, starts at the figure.
    expectFound(checkQuote('£48 million programme', text), text, '48 million programme');
  });
});

describe('checkQuote: whitespace differences', () => {
  // As a PDF extractor produces it: hard line breaks, double spaces after full stops, tabs and non-breaking spaces.
  const depotStrike = (): string =>
    newsArticle({
      headline: 'Harlow bus strike enters third week',
      dateline: 'HARLOW',
      paragraphs: [
        'The strike at the Harlow\ndepot entered its third\nweek on Monday.  Union officials said\tmembers would not return\u00A0until the company\u00A0restored the night-shift allowance.',
        'The operator said it had\n\nmade a “fair and final” offer and\t\tthat replacement\r\nservices would run on the busiest routes.',
      ],
    });

  it('matches across line breaks, double spaces, tabs and non-breaking spaces in the text', () => {
    const text = depotStrike();
    const quote =
      'entered its third week on Monday. Union officials said members would not return until the company restored the night-shift allowance';
    expectFound(
      checkQuote(quote, text),
      text,
      'entered its third\nweek on Monday.  Union officials said\tmembers would not return\u00A0until the company\u00A0restored the night-shift allowance',
    );
  });

  it('matches across blank lines, repeated tabs and CRLF', () => {
    const text = depotStrike();
    expectFound(
      checkQuote(
        'The operator said it had made a “fair and final” offer and that replacement services would run',
        text,
      ),
      text,
      'The operator said it had\n\nmade a “fair and final” offer and\t\tthat replacement\r\nservices would run',
    );
  });

  it('ignores whitespace around and inside the quote itself', () => {
    const text = depotStrike();
    expectFound(checkQuote(' \n\tthe  Harlow \u00A0 depot\n ', text), text, 'the Harlow\ndepot');
  });
});

describe('checkQuote: typographic quotes', () => {
  const brexitTalks = (): string =>
    newsArticle({
      headline: 'Minister says trade deal is settled',
      dateline: 'LONDON',
      paragraphs: [
        `The trade minister said on Sunday that the agreement was "done and dusted" and that Brussels 'won't reopen it' before the summer.`,
        '“It’s a betrayal of every fishing town on this coast,” said Ingrid Lindqvist, who represents the fleet in Grimsby.',
      ],
    });

  const zurichStation = (): string =>
    newsArticle({
      headline: 'Zürich mayor vows to keep station open',
      dateline: 'ZÜRICH',
      paragraphs: [
        'Die Stadtpräsidentin sagte am Montag vor dem Gemeinderat: «Wir geben den Bahnhof Oerlikon nicht auf», und verliess danach den Saal.',
        'Die SBB wollte sich zu den Plänen nicht äussern.',
      ],
    });

  it('matches curly quotes and apostrophes in the quote against straight ones in the text', () => {
    const text = brexitTalks();
    expectFound(
      checkQuote('the agreement was “done and dusted” and that Brussels ‘won’t reopen it’', text),
      text,
      // The closing quote mark ends the quote, so it is trimmed; the ones inside are matched.
      `the agreement was "done and dusted" and that Brussels 'won't reopen it`,
    );
  });

  it('matches straight quotes in the quote against curly ones in the text', () => {
    const text = brexitTalks();
    expectFound(
      checkQuote(`"It's a betrayal of every fishing town on this coast," said Ingrid Lindqvist`, text),
      text,
      // The opening quote mark starts the quote, so it is trimmed; the closing one is inside it.
      'It’s a betrayal of every fishing town on this coast,” said Ingrid Lindqvist',
    );
  });

  it('matches guillemets « » against straight double quotes', () => {
    const text = zurichStation();
    expectFound(
      checkQuote('vor dem Gemeinderat: "Wir geben den Bahnhof Oerlikon nicht auf", und verliess', text),
      text,
      'vor dem Gemeinderat: «Wir geben den Bahnhof Oerlikon nicht auf», und verliess',
    );
    // Guillemets around the whole quote are trimmed like any other quote marks.
    expectFound(
      checkQuote('"Wir geben den Bahnhof Oerlikon nicht auf"', text),
      text,
      'Wir geben den Bahnhof Oerlikon nicht auf',
    );
  });
});

describe('checkQuote: dashes', () => {
  const unemploymentFigures = (): string =>
    newsArticle({
      headline: 'Jobless rate falls for fourth year running',
      dateline: 'CARDIFF',
      paragraphs: [
        'The 2019–2023 figures — published on Friday by the statistics office — show a well‐known pattern: rural counties recover last.',
        'Overnight temperatures of −12C closed schools in the valleys, the council said.',
        'A spokesman called the report "a half-truth - at best".',
      ],
    });

  it('matches en dash, em dash and U+2010 hyphen in the text against hyphen-minus in the quote', () => {
    const text = unemploymentFigures();
    expectFound(
      checkQuote(
        'The 2019-2023 figures - published on Friday by the statistics office - show a well-known pattern',
        text,
      ),
      text,
      'The 2019–2023 figures — published on Friday by the statistics office — show a well‐known pattern',
    );
  });

  it('matches a minus sign in the text against hyphen-minus', () => {
    const text = unemploymentFigures();
    expectFound(checkQuote('temperatures of -12C closed schools', text), text, 'temperatures of −12C closed schools');
  });

  it('matches typographic dashes in the quote against hyphen-minus in the text', () => {
    const text = unemploymentFigures();
    expectFound(checkQuote('a half‐truth — at best', text), text, 'a half-truth - at best');
  });
});

describe('checkQuote: case', () => {
  const pressConference = (): string =>
    newsArticle({
      headline: 'Editor defiant after newsroom raid',
      dateline: 'VALLETTA',
      paragraphs: [
        'Police officers spent four hours at the offices of The Maltese Courier on Wednesday, removing two laptops and a server.',
        'We will not be intimidated by anyone, the editor, Joseph Camilleri, told reporters outside the building.',
      ],
    });

  it('matches an all-caps quote', () => {
    const text = pressConference();
    expectFound(checkQuote('WE WILL NOT BE INTIMIDATED BY ANYONE', text), text, 'We will not be intimidated by anyone');
  });

  it('matches a lower-case quote of capitalised names', () => {
    const text = pressConference();
    expectFound(checkQuote('the maltese courier', text), text, 'The Maltese Courier');
  });
});

describe('checkQuote: diacritics', () => {
  const barcelonaCafe = (): string =>
    newsArticle({
      headline: 'Historic café to reopen after fire',
      dateline: 'BARCELONA',
      paragraphs: [
        'Señor Ibáñez told the Müller family on Thursday that the café on Plaça Major would reopen by Easter.',
        'The building, which dates from 1887, was badly damaged in a kitchen fire last spring.',
      ],
    });

  const plainCafe = (): string =>
    newsArticle({
      headline: 'Cafe owners welcome rates cut',
      dateline: 'MUNICH',
      paragraphs: [
        'Jurgen Muller, who runs a cafe near the Marienplatz, said the cut would save him about 4,000 euros a year.',
      ],
    });

  it('matches a plain quote against accented text (é, ü, ñ, ç)', () => {
    const text = barcelonaCafe();
    expectFound(
      checkQuote('Senor Ibanez told the Muller family on Thursday that the cafe on Placa Major would reopen', text),
      text,
      'Señor Ibáñez told the Müller family on Thursday that the café on Plaça Major would reopen',
    );
  });

  it('matches an accented quote against plain text', () => {
    const text = plainCafe();
    expectFound(
      checkQuote('Jürgen Müller, who runs a café near the Marienplatz', text),
      text,
      'Jurgen Muller, who runs a cafe near the Marienplatz',
    );
  });
});

describe('checkQuote: combining characters', () => {
  // Decomposed (NFD) text, as some PDF extractors produce it.
  const decomposed = (): string =>
    newsArticle({
      headline: 'Zu\u0308rich cafe\u0301 owners fight rent rise',
      dateline: 'ZU\u0308RICH',
      paragraphs: [
        'Regulars at the Rosenhof cafe\u0301 in Zu\u0308rich say the owner, Jose\u0301 Iban\u0303ez, has been told to leave by June.',
        'The landlord declined to comment.',
      ],
    });

  it('matches a precomposed quote against decomposed text, offsets covering the combining marks', () => {
    const text = decomposed();
    expectFound(
      checkQuote('the Rosenhof café in Zürich say the owner, José Ibañez, has been told', text),
      text,
      'the Rosenhof cafe\u0301 in Zu\u0308rich say the owner, Jose\u0301 Iban\u0303ez, has been told',
    );
  });

  it('matches a plain quote against decomposed text', () => {
    const text = decomposed();
    expectFound(checkQuote('Jose Ibanez', text), text, 'Jose\u0301 Iban\u0303ez');
  });

  it('includes a trailing combining mark in the excerpt when the quote ends on it', () => {
    const text = decomposed();
    expectFound(checkQuote('Regulars at the Rosenhof café', text), text, 'Regulars at the Rosenhof cafe\u0301');
  });
});

describe('checkQuote: astral-plane characters before the quote', () => {
  const styledPost = (): string =>
    newsArticle({
      headline: '𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠: ferry cancelled as storm nears',
      dateline: 'OBAN',
      paragraphs: [
        'In a post on its 𝐨𝐟𝐟𝐢𝐜𝐢𝐚𝐥 account, the operator said all sailings to Mull were cancelled until Saturday morning.',
        'Islanders said supplies were running low. ⛴️',
      ],
    });

  const emojiPost = (): string =>
    newsArticle({
      headline: '🚨🌊 Ferry cancelled as storm nears 🌊🚨',
      dateline: 'OBAN',
      paragraphs: [
        'The operator posted: “😡 We know this is frustrating 🙏 but all sailings to Mull are cancelled until Saturday morning.”',
        'Islanders said supplies were running low.',
      ],
    });

  const emojiAfter = (): string =>
    newsArticle({
      headline: 'Ferry cancelled as storm nears',
      dateline: 'OBAN',
      paragraphs: ['All sailings to Mull are cancelled until Saturday morning 🌊⛴️🙏, the operator posted.'],
    });

  it('gives UTF-16 offsets after astral letters that normalise to plain ones (mathematical bold)', () => {
    const text = styledPost();
    expectFound(
      checkQuote('the operator said all sailings to Mull were cancelled', text),
      text,
      'the operator said all sailings to Mull were cancelled',
    );
    expectFound(checkQuote('Breaking: ferry cancelled', text), text, '𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠: ferry cancelled');
  });

  it('gives UTF-16 offsets when emoji follow the quote', () => {
    const text = emojiAfter();
    expectFound(
      checkQuote('All sailings to Mull are cancelled until Saturday morning', text),
      text,
      'All sailings to Mull are cancelled until Saturday morning',
    );
  });

  it('gives UTF-16 offsets when emoji precede the quote', () => {
    const text = emojiPost();
    expectFound(
      checkQuote('all sailings to Mull are cancelled until Saturday morning', text),
      text,
      'all sailings to Mull are cancelled until Saturday morning',
    );
    expectFound(checkQuote('supplies were running low', text), text, 'supplies were running low');
  });

  it('keeps an emoji inside the passage in the excerpt (approximate: the emoji is not a word)', () => {
    const text = newsArticle({
      headline: 'Ferry cancelled as storm nears',
      dateline: 'OBAN',
      paragraphs: ['The operator posted: We know this is frustrating 🙏 but all sailings are cancelled.'],
    });
    const result = checkQuote('We know this is frustrating but all sailings are cancelled', text);
    expect(result.status).toBe('approximate');
    expect(result.score).toBe(punctuationOnlyScore);
    expectPassage(result, text, 'We know this is frustrating 🙏 but all sailings are cancelled');
  });
});

describe('checkQuote: one word changed', () => {
  const hospitalWaits = (): string =>
    newsArticle({
      headline: 'Hospital waiting times fall after new wing opens',
      dateline: 'NORWICH',
      paragraphs: [
        'The hospital trust said on Wednesday that waiting times had fallen by a third since the new surgical wing opened in March.',
        'Nurses’ representatives said staff shortages remained a concern on night shifts.',
      ],
    });

  it('is approximate with score ≥ 0.8 and a removed+added pair for the changed word', () => {
    const text = hospitalWaits();
    const result = checkQuote('waiting times had fallen by a quarter since the new surgical wing opened', text);
    expect(result.status).toBe('approximate');
    expect(result.score).toBeGreaterThanOrEqual(0.8);
    expect(result.score).toBeLessThan(1);
    expectPassage(result, text, 'waiting times had fallen by a third since the new surgical wing opened');
    expect(result.diff).toEqual([
      { op: 'equal', text: 'waiting times had fallen by a' },
      { op: 'removed', text: 'quarter' },
      { op: 'added', text: 'third' },
      { op: 'equal', text: 'since the new surgical wing opened' },
    ]);
  });

  const councilVote = (): string =>
    newsArticle({
      headline: 'Budget vote delayed again',
      dateline: 'LEEDS',
      paragraphs: ['After months of talks, the council will approve the budget on Thursday, aides to the leader said.'],
    });

  it('shows the source word when the changed word ends the quote', () => {
    const text = councilVote();
    const result = checkQuote('the council will approve the budget on Tuesday', text);
    expect(result.status).toBe('approximate');
    expectPassage(result, text, 'the council will approve the budget on Thursday');
    expect(result.diff).toEqual([
      { op: 'equal', text: 'the council will approve the budget on' },
      { op: 'removed', text: 'Tuesday' },
      { op: 'added', text: 'Thursday' },
    ]);
  });

  it('shows the source word when the changed word starts the quote', () => {
    const text = councilVote();
    const result = checkQuote('a council will approve the budget on Thursday', text);
    expect(result.status).toBe('approximate');
    expectPassage(result, text, 'the council will approve the budget on Thursday');
    expect(result.diff).toEqual([
      { op: 'removed', text: 'a' },
      { op: 'added', text: 'the' },
      { op: 'equal', text: 'council will approve the budget on Thursday' },
    ]);
  });
});

describe('checkQuote: two words changed in a 12-word quote', () => {
  const speedingCourtCase = (): string =>
    newsArticle({
      headline: 'Driver jailed over school crossing crash',
      dateline: 'BRISTOL',
      paragraphs: [
        'The court heard that the driver was travelling at 70mph in a 30mph zone near the school gates when he lost control.',
        'He was jailed for six years and banned from driving for ten.',
      ],
    });

  it('is approximate with score ≥ 0.8 and both changes in the diff', () => {
    const text = speedingCourtCase();
    const quote = 'the driver was speeding at 70mph in a 20mph zone near the school';
    expect(quote.split(' ')).toHaveLength(13);
    const result = checkQuote(quote, text);
    expect(result.status).toBe('approximate');
    expect(result.score).toBeGreaterThanOrEqual(0.8);
    expect(result.score).toBeLessThan(0.9);
    expectPassage(result, text, 'the driver was travelling at 70mph in a 30mph zone near the school');
    expect(parts(result, 'removed')).toEqual(['speeding', '20mph']);
    expect(parts(result, 'added')).toEqual(['travelling', '30mph']);
    expect(parts(result, 'equal')).toEqual(['the driver was', 'at 70mph in a', 'zone near the school']);
  });
});

describe('checkQuote: a clause dropped', () => {
  const plantClosure = (): string =>
    newsArticle({
      headline: 'Carmaker to close Swindon plant',
      dateline: 'SWINDON',
      paragraphs: [
        'The company said on Tuesday, after a marathon board meeting in Frankfurt, that the plant would close next year with the loss of 1,200 jobs.',
        'Unions called the decision “a hammer blow” for the town.',
      ],
    });

  it('is approximate, with the excerpt spanning the dropped clause and the clause as an added part', () => {
    const text = plantClosure();
    const result = checkQuote('The company said on Tuesday that the plant would close next year', text);
    expect(result.status).toBe('approximate');
    expect(result.score).toBeGreaterThanOrEqual(approximateThreshold);
    expect(result.score).toBeLessThan(1);
    expectPassage(
      result,
      text,
      'The company said on Tuesday, after a marathon board meeting in Frankfurt, that the plant would close next year',
    );
    expect(result.diff).toEqual([
      { op: 'equal', text: 'The company said on Tuesday' },
      { op: 'added', text: 'after a marathon board meeting in Frankfurt' },
      { op: 'equal', text: 'that the plant would close next year' },
    ]);
  });
});

describe('checkQuote: a quote stitched from two sentences', () => {
  const factoryJobs = (): string =>
    newsArticle({
      headline: 'Factory to shut with loss of 400 jobs',
      dateline: 'TELFORD',
      paragraphs: [
        'The plant will close in March. Managers told staff on Monday that about 400 jobs would go. Production will move to Poland next year.',
        'The local MP said she would seek an urgent meeting with the company.',
      ],
    });

  it('is never found, scores below 0.8 and shows the sentence in between as added', () => {
    const text = factoryJobs();
    const result = checkQuote('The plant will close in March. Production will move to Poland next year.', text);
    expect(result.status).not.toBe('found');
    expect(result.status).toBe('approximate');
    expect(result.score).toBeLessThan(0.8);
    expectPassage(
      result,
      text,
      'The plant will close in March. Managers told staff on Monday that about 400 jobs would go. Production will move to Poland next year',
    );
    expect(result.diff).toEqual([
      { op: 'equal', text: 'The plant will close in March' },
      { op: 'added', text: 'Managers told staff on Monday that about 400 jobs would go' },
      { op: 'equal', text: 'Production will move to Poland next year' },
    ]);
  });

  const parliamentSketch = (): string =>
    newsArticle({
      headline: 'Minister grilled over rail delays',
      dateline: 'WESTMINSTER',
      paragraphs: [
        'The transport secretary told MPs that the new timetable was working.',
        'For almost an hour she faced questions from backbenchers on both sides of the house about cancelled trains, overcrowded carriages, missed connections, the cost of season tickets and the closure of ticket offices across the north of England.',
        'She admitted that punctuality had fallen for a third consecutive month.',
      ],
    });

  it('is never found and scores below 0.8 when the sentences are paragraphs apart', () => {
    const text = parliamentSketch();
    const result = checkQuote(
      'The new timetable was working, she admitted. Punctuality had fallen for a third consecutive month.',
      text,
    );
    expect(result.status).not.toBe('found');
    expect(result.score).toBeLessThan(0.8);
    expect(parts(result, 'removed').join(' ')).not.toBe('');
  });
});

describe('checkQuote: an absent quote', () => {
  const heatwave = (): string =>
    newsArticle({
      headline: 'Heatwave warning issued for the south-east',
      dateline: 'LONDON',
      paragraphs: [
        'Forecasters have issued an amber warning as temperatures are expected to reach 34C on Thursday.',
        'Water companies urged customers to avoid using hosepipes until the weekend.',
      ],
    });

  it('is not_found with a score below the threshold', () => {
    const result = checkQuote('The striker scored twice in the final ten minutes to seal promotion', heatwave());
    expect(result.status).toBe('not_found');
    expect(result.score).toBeLessThan(approximateThreshold);
    expect(result.diff.some((part) => part.op === 'removed')).toBe(true);
  });

  it('is not_found with no passage at all when no word is shared', () => {
    const result = checkQuote('Striker scores twice, seals promotion', heatwave());
    expect(result).toEqual({
      status: 'not_found',
      score: 0,
      start: null,
      end: null,
      excerpt: null,
      diff: [{ op: 'removed', text: 'Striker scores twice, seals promotion' }],
    });
  });
});

describe('checkQuote: a quote from a different article', () => {
  const schoolFunding = (): string =>
    newsArticle({
      headline: 'Schools face £2bn funding gap, heads warn',
      dateline: 'BIRMINGHAM',
      paragraphs: [
        'Head teachers told the education committee that rising energy bills had left many schools unable to replace broken equipment.',
        'The department said per-pupil funding was at a record high.',
      ],
    });

  const railStrike = (): string =>
    newsArticle({
      headline: 'Rail workers vote for fresh walkouts',
      dateline: 'MANCHESTER',
      paragraphs: [
        'Members of the drivers’ union voted by 89% to extend their mandate for strike action into the new year.',
        '“Our members have been left with no choice,” the general secretary said.',
      ],
    });

  const quote = 'voted by 89% to extend their mandate for strike action into the new year';

  it('is not_found in the article it does not come from', () => {
    const result = checkQuote(quote, schoolFunding());
    expect(result.status).toBe('not_found');
    expect(result.score).toBeLessThan(approximateThreshold);
  });

  it('is found in the article it comes from', () => {
    const text = railStrike();
    expectFound(checkQuote(quote, text), text, quote);
  });
});

describe('checkQuote: word boundaries', () => {
  const parkingRuling = (): string =>
    newsArticle({
      headline: 'Judge strikes down parking scheme',
      dateline: 'SACRAMENTO',
      paragraphs: [
        'The judge ruled that the parking scheme was illegal under state law and ordered the city to refund all fines.',
        'Asked about the ruling, the mayor said he was nothing if not consistent and would appeal.',
      ],
    });

  it('does not find a quote that starts or ends inside a word of the text', () => {
    const text = parkingRuling();
    const illegal = checkQuote('legal under state law', text);
    expect(illegal.status).toBe('approximate');
    expectPassage(illegal, text, 'illegal under state law');
    expect(checkQuote('the mayor said he was not', text).status).not.toBe('found');
  });

  it('finds a quote made of whole words', () => {
    const text = parkingRuling();
    expectFound(checkQuote('illegal under state law', text), text, 'illegal under state law');
  });

  const pay = (): string =>
    newsArticle({
      headline: 'Nurses reject pay offer',
      dateline: 'GLASGOW',
      paragraphs: [
        'Asked whether the union would settle, she said they can’t accept the offer. Inflation hit 3.5% in May, and the average nurse is now £2,300 a year worse off.',
      ],
    });

  // An apostrophe inside a word joins it ("can't" is one word), so a match may not end or start there.
  it('does not find a quote that starts or ends inside a contraction', () => {
    const text = pay();
    expect(checkQuote('she said they can', text).status).not.toBe('found');
    expect(checkQuote('t accept the offer', text).status).not.toBe('found');
  });

  // A quote that cuts a figure short ("3" of "3.5%") gives a wrong figure: it is not the quote as said.
  it('does not find a quote that ends inside a number', () => {
    const text = pay();
    expect(checkQuote('Inflation hit 3', text).status).not.toBe('found');
    expect(checkQuote('the average nurse is now £2', text).status).not.toBe('found');
  });
});

describe('checkQuote: a punctuation-only difference', () => {
  const standoff = (): string =>
    newsArticle({
      headline: 'Farmers vow to continue blockade',
      dateline: 'LYON',
      paragraphs: [
        'We will not, under any circumstances, back down. The protest leader, Élodie Marchand, spoke from the cab of a tractor.',
      ],
    });

  it('is approximate with punctuationOnlyScore and an all-equal diff in the source spelling', () => {
    const text = standoff();
    const result = checkQuote('We will not under any circumstances back down!', text);
    expect(result.status).toBe('approximate');
    expect(result.score).toBe(punctuationOnlyScore);
    expectPassage(result, text, 'We will not, under any circumstances, back down');
    expect(result.diff).toEqual([{ op: 'equal', text: 'We will not, under any circumstances, back down' }]);
  });

  it('scores the same when the quote adds punctuation the source lacks', () => {
    const text = standoff();
    const result = checkQuote('The protest leader; Élodie Marchand; spoke', text);
    expect(result.status).toBe('approximate');
    expect(result.score).toBe(punctuationOnlyScore);
    expectPassage(result, text, 'The protest leader, Élodie Marchand, spoke');
  });
});

describe('checkQuote: edge cases', () => {
  const shortNotice = (): string =>
    newsArticle({
      headline: 'Library hours cut',
      dateline: 'YORK',
      paragraphs: [
        'The central library will close at 5pm on weekdays from next month... Volunteers say they are "dismayed".',
      ],
    });

  it('an empty quote is not_found with nothing to show', () => {
    expectNothing(checkQuote('', shortNotice()));
  });

  it('a whitespace-only quote is not_found with nothing to show', () => {
    expectNothing(checkQuote(' \n\t\u00A0  \r\n', shortNotice()));
  });

  it('a quote of only punctuation absent from the text is not_found with nothing to show', () => {
    expectNothing(checkQuote('?!', shortNotice()));
  });

  it('a quote of only punctuation is not_found with nothing to show, even when that punctuation is in the text', () => {
    const text = shortNotice();
    expect(text).toContain('...');
    expectNothing(checkQuote('...', text));
    expectNothing(checkQuote('“', text));
  });

  it('an empty or whitespace-only text gives not_found with no passage and the whole quote removed', () => {
    for (const text of ['', ' \n\n\t ']) {
      expect(checkQuote('“The central library will close.”', text)).toEqual({
        status: 'not_found',
        score: 0,
        start: null,
        end: null,
        excerpt: null,
        diff: [{ op: 'removed', text: 'The central library will close' }],
      });
    }
  });

  it('a quote longer than the text aligns with the text and is not_found', () => {
    const text = 'The central library will close at 5pm.';
    const result = checkQuote(
      'The central library will close at 5pm on weekdays from next month, the council confirmed on Monday after a review',
      text,
    );
    expect(result.status).toBe('not_found');
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(approximateThreshold);
    expectPassage(result, text, 'The central library will close at 5pm');
    expect(result.diff[0]).toEqual({ op: 'equal', text: 'The central library will close at 5pm' });
    expect(parts(result, 'removed')).toEqual([
      'on weekdays from next month, the council confirmed on Monday after a review',
    ]);
  });

  it('a quote appearing twice is matched at its first occurrence', () => {
    const text = newsArticle({
      headline: 'Mayor repeats pledge on bus fares',
      dateline: 'NEWCASTLE',
      paragraphs: [
        'Opening the debate, the mayor said: “Fares will be frozen until 2027.”',
        'Pressed by opposition councillors on how this would be paid for, she simply repeated: “Fares will be frozen until 2027.”',
      ],
    });
    const result = checkQuote('Fares will be frozen until 2027', text);
    expectFound(result, text, 'Fares will be frozen until 2027', 0);
    expect(result.start).toBeLessThan(locate(text, 'Fares will be frozen until 2027', 1).start);
  });

  it('an approximate quote appearing twice is matched at its first occurrence', () => {
    const text = newsArticle({
      headline: 'Mayor repeats pledge on bus fares',
      dateline: 'NEWCASTLE',
      paragraphs: [
        'The mayor said fares will be frozen until 2027 for all passengers.',
        'Later she said fares will be frozen until 2027 for all passengers.',
      ],
    });
    const result = checkQuote('fares will stay frozen until 2027 for all passengers', text);
    expect(result.status).toBe('approximate');
    expectPassage(result, text, 'fares will be frozen until 2027 for all passengers', 0);
  });

  // No timing is asserted: these run in well under a second now that
  // toComparable is linear, and the default timeout catches a regression.
  describe('a very long text (50,000 words)', () => {
    const passage =
      'Speaking after the hearing, Judge Priya Raman said the evidence against the haulage firm was overwhelming and that the fines would be doubled.';
    const digest = (): string => longDigest({ words: 50_000, insertAfter: 49_900, insert: passage, seed: 20_240_611 });

    it('finds an exact quote near the end with correct offsets', () => {
      const text = digest();
      expect(text.split(/\s+/u).length).toBeGreaterThan(50_000);
      const quote = 'Judge Priya Raman said the evidence against the haulage firm was overwhelming';
      const result = checkQuote(quote, text);
      expectFound(result, text, quote);
      expect(result.start).toBeGreaterThan(text.length * 0.9);
    });

    it('finds an approximate quote near the end', () => {
      const text = digest();
      const result = checkQuote(
        'Judge Priya Raman said the evidence against the haulage company was overwhelming',
        text,
      );
      expect(result.status).toBe('approximate');
      expect(result.score).toBeGreaterThanOrEqual(0.8);
      expectPassage(result, text, 'Judge Priya Raman said the evidence against the haulage firm was overwhelming');
      expect(parts(result, 'removed')).toEqual(['company']);
      expect(parts(result, 'added')).toEqual(['firm']);
    });
  });
});

describe('checkQuote: score rounding', () => {
  // Unique tokens so that the alignment has exactly one way to go.
  const tokens = (prefix: string, count: number): string[] =>
    Array.from({ length: count }, (_, index) => `${prefix}${index}`);

  it('reports a clause dropped from a long quote with a score between 0 and 1', () => {
    const [head, clause, tail] = [tokens('a', 40), tokens('c', 10), tokens('b', 40)];
    const text = [...head, ...clause, ...tail].join(' ');
    const result = checkQuote([...head, ...tail].join(' '), text);
    expect(result.status).toBe('approximate');
    expect(result.score).toBeCloseTo(160 / 170, 3);
  });

  // A 450-word quote whose passage has 601 more words in the middle scores
  // 900 / 1501 = 0.59960, which rounds to the threshold: the status follows the
  // rounded score.
  it('never reports a score at or above the threshold as not_found', () => {
    const [head, clause, tail] = [tokens('a', 225), tokens('c', 601), tokens('b', 225)];
    const text = [...head, ...clause, ...tail].join(' ');
    const result = checkQuote([...head, ...tail].join(' '), text);
    expect(result.score).toBe(0.6);
    expect(result.status).toBe('approximate');
    expect(result.status === 'not_found').toBe(result.score < approximateThreshold);
  });

  // 2000 / 2001 = 0.99950 would round to 1: an approximate match is capped below
  // punctuationOnlyScore, so it never looks like an exact one.
  it('caps an approximate score that would round to 1 at 0.998', () => {
    const [head, tail] = [tokens('a', 500), tokens('b', 500)];
    const text = [...head, ...tail].join(' ');
    const result = checkQuote([...head, 'extra', ...tail].join(' '), text);
    expect(result.status).toBe('approximate');
    expect(result.score).toBe(0.998);
    expect(result.score).toBeLessThan(punctuationOnlyScore);
    expect(parts(result, 'removed')).toEqual(['extra']);
  });
});

describe('checkQuote: properties', () => {
  const vocabulary = [
    'the',
    'council',
    'mayor',
    'said',
    'budget',
    'vote',
    'Tuesday',
    'plan',
    'would',
    'not',
    'won’t',
    'it’s',
    'Zürich',
    'café',
    'señor',
    'Ibáñez',
    'naïve',
    'élan',
    'MINISTER',
    'Police',
    '2023',
    '£48m',
    '70mph',
    'river',
    'defences',
    'strike',
    'union',
    'members',
    'school',
    'hospital',
  ];
  const separators = [' ', ' ', ' ', '  ', '\n', '\n\n', '\t', '\u00A0', ' \r\n'];

  const word = fc.constantFrom(...vocabulary);
  const separator = fc.constantFrom(...separators);

  /** Words, each followed by a separator, joined into one text; keeps each word's range. */
  const wordedText = fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 60 }).map((pairs) => {
    let text = '';
    const ranges: { start: number; end: number }[] = [];
    for (const [w, s] of pairs) {
      ranges.push({ start: text.length, end: text.length + w.length });
      text += w + s;
    }
    return { text, ranges };
  });

  const stripDiacritics = (value: string): string => value.normalize('NFD').replace(/\p{M}/gu, '');
  /** The comparable text without its leading and trailing non-letter/digit characters. */
  const trimmedComparable = (value: string): string =>
    toComparable(value).text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

  it('finds any contiguous run of words, quoted with its own whitespace, case and accents', () => {
    fc.assert(
      fc.property(
        wordedText.chain(({ text, ranges }) =>
          fc.record({
            text: fc.constant(text),
            ranges: fc.constant(ranges),
            first: fc.nat({ max: ranges.length - 1 }),
            length: fc.integer({ min: 1, max: ranges.length }),
            style: fc.constantFrom('as is', 'upper', 'lower', 'plain', 'respaced'),
          }),
        ),
        ({ text, ranges, first, length, style }) => {
          const last = Math.min(first + length, ranges.length) - 1;
          const raw = text.slice(ranges[first]!.start, ranges[last]!.end);
          const quote =
            style === 'upper'
              ? raw.toUpperCase()
              : style === 'lower'
                ? raw.toLowerCase()
                : style === 'plain'
                  ? stripDiacritics(raw)
                  : style === 'respaced'
                    ? ` ${raw.split(/\s+/u).join('   ')}\n`
                    : raw;
          const result = checkQuote(quote, text);
          expect(result.status).toBe('found');
          expect(result.score).toBe(1);
          if (result.start === null || result.end === null) throw new Error('found without offsets');
          expect(result.excerpt).toBe(text.slice(result.start, result.end));
          // The excerpt leaves out punctuation and symbols at the quote's ends (the "£" of "£48m").
          expect(toComparable(text.slice(result.start, result.end)).text).toBe(trimmedComparable(quote));
        },
      ),
    );
  });

  const noisyCharacter = fc.constantFrom(
    ...'abcdeéüñAZ019 ,.;:!?\'"-\n\t\u00A0“”‘’«»–—‐…ﬁ'.split(''),
    'e\u0301',
    'u\u0308',
    // Astral characters (an emoji, a mathematical bold letter) and invisible format characters.
    '😀',
    '𝐁',
    '\u00AD',
    '\u200B',
    '\u200D',
    '\u2060',
    '\uFEFF',
  );
  const noisyText = fc.array(noisyCharacter, { maxLength: 80 }).map((characters) => characters.join(''));
  const mixedText = fc.oneof(
    noisyText,
    wordedText.map(({ text }) => text),
  );
  /** A quote taken from the text and then damaged a little, so that all three statuses turn up. */
  const damagedSlice = (text: string): fc.Arbitrary<string> =>
    fc
      .record({
        from: fc.nat({ max: text.length }),
        to: fc.nat({ max: text.length }),
        insert: fc.array(word, { maxLength: 3 }),
        cut: fc.nat({ max: 20 }),
      })
      .map(({ from, to, insert, cut }) => {
        const slice = text.slice(Math.min(from, to), Math.max(from, to));
        const middle = Math.floor(slice.length / 2);
        return `${slice.slice(0, middle)} ${insert.join(' ')} ${slice.slice(middle + cut)}`;
      });

  it('always returns a score in 0..1, a status that agrees with it and offsets within the text', () => {
    fc.assert(
      fc.property(
        mixedText.chain((text) =>
          fc.record({ text: fc.constant(text), quote: fc.oneof(mixedText, damagedSlice(text)) }),
        ),
        ({ text, quote }) => {
          const result = checkQuote(quote, text);
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(1);
          switch (result.status) {
            case 'found':
              expect(result.score).toBe(1);
              // The excerpt runs from a letter or digit to a letter or digit.
              expect(toComparable(result.excerpt).text).toMatch(/^[\p{L}\p{N}](?:.*[\p{L}\p{N}])?$/su);
              break;
            case 'approximate':
              expect(result.score).toBeGreaterThanOrEqual(approximateThreshold);
              expect(result.score).toBeLessThan(1);
              break;
            case 'not_found':
              expect(result.score).toBeLessThan(approximateThreshold);
              break;
          }
          if (result.start === null || result.end === null) {
            expect([result.start, result.end, result.excerpt]).toEqual([null, null, null]);
          } else {
            expect(result.start).toBeGreaterThanOrEqual(0);
            expect(result.start).toBeLessThanOrEqual(result.end);
            expect(result.end).toBeLessThanOrEqual(text.length);
            expect(result.excerpt).toBe(text.slice(result.start, result.end));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
