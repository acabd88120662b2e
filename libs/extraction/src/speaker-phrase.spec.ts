import { parseSpeakerPhrase, readSpeakerChunk, type SpeakerPhrase } from './speaker-phrase';

const summary = (phrase: SpeakerPhrase | null): Partial<SpeakerPhrase> | null =>
  phrase === null
    ? null
    : Object.fromEntries(
        Object.entries(phrase).filter(
          ([key, value]) => ['kind', 'name', 'role', 'gender', 'head', 'organisation'].includes(key) && value !== null,
        ),
      );

describe('readSpeakerChunk', () => {
  it.each([
    ['Maria Lopez', { kind: 'person', name: 'Maria Lopez', gender: 'female' }],
    ['Finance Director Maria Lopez', { kind: 'person', name: 'Maria Lopez', role: 'Finance Director' }],
    ['finance director Maria Lopez', { kind: 'person', name: 'Maria Lopez', role: 'finance director' }],
    ['Dr. Ana Ruiz', { kind: 'person', name: 'Ana Ruiz' }],
    ['Sen. Elizabeth Warren', { kind: 'person', name: 'Elizabeth Warren', role: 'Senator' }],
    ['Prime Minister John Major', { kind: 'person', name: 'John Major', role: 'Prime Minister' }],
    ['John Major', { kind: 'person', name: 'John Major' }],
    ['Ursula von der Leyen', { kind: 'person', name: 'Ursula von der Leyen' }],
    ['J. R. Smith', { kind: 'person', name: 'J. R. Smith' }],
    ['Martin Luther King Jr.', { kind: 'person', name: 'Martin Luther King Jr.' }],
    ['Lopez of the Ministry of Health', { kind: 'person', name: 'Lopez', role: 'of the Ministry of Health' }],
  ])('reads a person: %j', (chunk, expected) => {
    expect(summary(readSpeakerChunk(chunk))).toMatchObject(expected);
  });

  it('reads the gender of a courtesy title', () => {
    expect(readSpeakerChunk('Ms. Lopez')).toMatchObject({ kind: 'person', name: 'Lopez', gender: 'female' });
    expect(readSpeakerChunk('Mr. Lopez')).toMatchObject({ kind: 'person', name: 'Lopez', gender: 'male' });
  });

  it.each([
    ['the Ministry of Health', 'Ministry of Health'],
    ['WHO', 'WHO'],
    ['the White House', 'White House'],
    ['Castmoor Farmers\u2019 Union', 'Castmoor Farmers\u2019 Union'],
    ['General Engineering Union', 'General Engineering Union'],
    ['National Association of Head Teachers', 'National Association of Head Teachers'],
    ['The charity Open Doors Justice', 'Open Doors Justice'],
    ['the Spanish government', 'Spanish government'],
  ])('reads an organisation: %j', (chunk, name) => {
    expect(readSpeakerChunk(chunk)).toMatchObject({ kind: 'organisation', name });
  });

  it.each([
    ['a senior official', 'official'],
    ['one resident', 'resident'],
    ['a spokesperson for the ministry', 'spokesperson'],
    ['people familiar with the talks', 'people'],
    ['officials', 'officials'],
    ['Officials', 'officials'],
    ['two diplomats', 'diplomats'],
    ['one shopper', 'shopper'],
    ["the ministry's spokeswoman", 'spokeswoman'],
    ["Smith's lawyer", 'lawyer'],
  ])('reads an anonymous source: %j', (chunk, head) => {
    expect(readSpeakerChunk(chunk)).toMatchObject({ kind: 'anonymous', head });
  });

  it('reads definite descriptions that point back, to a person or to an organisation', () => {
    expect(summary(readSpeakerChunk('the minister'))).toEqual({
      kind: 'definite',
      role: 'the minister',
      gender: 'unknown',
      head: 'minister',
      organisation: false,
    });
    expect(readSpeakerChunk('the ministry')).toMatchObject({ kind: 'definite', head: 'ministry', organisation: true });
    expect(readSpeakerChunk("the auditor's office")).toMatchObject({ kind: 'definite', organisation: true });
  });

  it('reads the owner of a document as the source', () => {
    expect(readSpeakerChunk("the council's own figures")).toMatchObject({ kind: 'definite', head: 'council' });
    expect(readSpeakerChunk('a new report')).toBeNull();
  });

  it('reads pronouns', () => {
    expect(readSpeakerChunk('she')).toMatchObject({ kind: 'pronoun', pronoun: 'she', gender: 'female' });
    expect(readSpeakerChunk('It')).toMatchObject({ kind: 'pronoun', pronoun: 'it' });
  });

  it('reads nothing in phrases that name no one', () => {
    for (const chunk of ['Monday that', 'The plan', 'two days before the recall', 'crews were working long shifts']) {
      expect(readSpeakerChunk(chunk)).toBeNull();
    }
  });
});

describe('parseSpeakerPhrase', () => {
  it('takes the appositive after a name as its role, before the verb and after it', () => {
    expect(parseSpeakerPhrase('Maria Lopez, the finance director,', 'before')).toMatchObject({
      name: 'Maria Lopez',
      role: 'finance director',
    });
    expect(parseSpeakerPhrase('Maria Lopez, the finance director', 'after')).toMatchObject({
      name: 'Maria Lopez',
      role: 'finance director',
    });
  });

  it('takes the role before a name set off by commas', () => {
    expect(parseSpeakerPhrase("The company's chief executive, John Smith,", 'before')).toMatchObject({
      name: 'John Smith',
      role: "company's chief executive",
    });
  });

  it('passes over ages, relative clauses and opening adverbials', () => {
    expect(parseSpeakerPhrase('Maria Lopez, 45, a nurse from Leeds,', 'before')).toMatchObject({
      name: 'Maria Lopez',
      role: 'nurse from Leeds',
    });
    expect(parseSpeakerPhrase('Lopez, who led the talks,', 'before')).toMatchObject({ name: 'Lopez' });
    expect(parseSpeakerPhrase('In a statement on Monday, the Ministry of Health', 'before')).toMatchObject({
      kind: 'organisation',
      name: 'Ministry of Health',
    });
    expect(parseSpeakerPhrase('Prices rose sharply as Lopez', 'before')).toMatchObject({ name: 'Lopez' });
  });
});
