import type { Speaker } from './statement';
import { type FoundStatement, findStatements } from './statement-finder';

/** The statement whose span is exactly `words`, of the given kind. */
function statementOf(text: string, words: string, kind: FoundStatement['kind'] = 'quote'): FoundStatement {
  const found = findStatements(text).find((statement) => statement.kind === kind && statement.span.text === words);
  if (found === undefined) {
    const seen = findStatements(text).map((statement) => `${statement.kind}: ${statement.span.text}`);
    throw new Error(`no ${kind} "${words}" among:\n${seen.join('\n')}`);
  }
  return found;
}

const named = (name: string, role: string | null = null): Speaker => ({ name, role, anonymous: false });
const nameOf = (statement: FoundStatement): string | null | undefined =>
  statement.speaker === null ? undefined : statement.speaker.name;

describe('findStatements', () => {
  describe('direct quotes', () => {
    it('attributes a straight-quoted quote to "said NAME, ROLE"', () => {
      const text = '"We will balance the budget," said Maria Lopez, the finance director.';
      expect(statementOf(text, 'We will balance the budget,').speaker).toEqual(
        named('Maria Lopez', 'finance director'),
      );
    });

    it('attributes a curly-quoted quote to "NAME said"', () => {
      const text = '\u201CWe will balance the budget,\u201D Lopez said.';
      expect(nameOf(statementOf(text, 'We will balance the budget,'))).toBe('Lopez');
    });

    it('pairs German and French marks whatever their direction', () => {
      const text = '\u201EWir schaffen das\u201C, sagte sie. Maria Lopez said: \u00AB Nous gagnerons. \u00BB';
      expect(
        findStatements(text)
          .filter((statement) => statement.kind === 'quote')
          .map((s) => s.span.text),
      ).toEqual(['Wir schaffen das', 'Nous gagnerons.']);
      expect(nameOf(statementOf(text, 'Nous gagnerons.'))).toBe('Maria Lopez');
    });

    it('takes single quotes as quote marks but not apostrophes', () => {
      const text = '\u2018The workers\u2019 union will strike,\u2019 said John Smith. It\u2019s the union\u2019s call.';
      const quotes = findStatements(text).filter((statement) => statement.kind === 'quote');
      expect(quotes.map((quote) => quote.span.text)).toEqual(['The workers\u2019 union will strike,']);
      expect(nameOf(quotes[0]!)).toBe('John Smith');
    });

    it('attributes a lead-in with a colon: ROLE NAME told reporters: "…"', () => {
      const text = 'Finance Director Maria Lopez told reporters: "We have no choice."';
      expect(statementOf(text, 'We have no choice.').speaker).toEqual(named('Maria Lopez', 'Finance Director'));
    });

    it('gives both halves of a quote split by its attribution to the same speaker', () => {
      const text = 'Maria Lopez spoke first. "We will win," she said, "and we will not raise taxes."';
      expect(nameOf(statementOf(text, 'We will win,'))).toBe('Maria Lopez');
      expect(nameOf(statementOf(text, 'and we will not raise taxes.'))).toBe('Maria Lopez');
    });

    it('runs an unclosed quote to the end of its paragraph', () => {
      const text = 'Lopez said: "We will cut the deficit. We will protect schools\n\nThe vote is on Friday.';
      const quotes = findStatements(text).filter((statement) => statement.kind === 'quote');
      expect(quotes.map((quote) => quote.span.text)).toEqual(['We will cut the deficit.', 'We will protect schools']);
      expect(quotes.every((quote) => nameOf(quote) === 'Lopez')).toBe(true);
    });

    it('gives a quote continued in the next paragraph the speaker of the quote it continues', () => {
      const text = [
        'Dr. Ana Ruiz is an epidemiologist. "Infections doubled in a month," Ruiz said. "We expect more.',
        '"Hospitals are full."',
      ].join('\n\n');
      expect(nameOf(statementOf(text, 'Hospitals are full.'))).toBe('Ana Ruiz');
    });

    it('gives a paragraph of nothing but a quote the speaker of the quoted paragraph before', () => {
      const text = ['"The numbers speak for themselves," said Owen Brody.', '"Nobody can argue with them."'].join(
        '\n\n',
      );
      expect(nameOf(statementOf(text, 'Nobody can argue with them.'))).toBe('Owen Brody');
    });

    it('splits a quote of several sentences into one statement per sentence, all the same speaker', () => {
      const text = '"Prices rose. Wages did not," said Owen Brody.';
      const quotes = findStatements(text).filter((statement) => statement.kind === 'quote');
      expect(quotes.map((quote) => [quote.span.text, quote.sentence.text, nameOf(quote)])).toEqual([
        ['Prices rose.', '"Prices rose.', 'Owen Brody'],
        ['Wages did not,', 'Wages did not," said Owen Brody.', 'Owen Brody'],
      ]);
    });

    it('abstains on a quote that nothing attributes', () => {
      const text = 'The market closed early.\n\n"Nobody saw this coming."';
      expect(statementOf(text, 'Nobody saw this coming.').speaker).toBeNull();
    });
  });

  describe('scare quotes', () => {
    it('gives a few quoted words the speaker of their sentence', () => {
      const text = 'Opposition leader John Smith called the plan "a reckless gamble".';
      expect(nameOf(statementOf(text, 'a reckless gamble'))).toBe('John Smith');
    });

    it('keeps the narrative sentence around a scare quote as a statement of its own', () => {
      const text = 'The plan was widely seen as "a reckless gamble".';
      expect(statementOf(text, 'a reckless gamble').speaker).toBeNull();
      expect(statementOf(text, text, 'statement').speaker).toBeNull();
    });
  });

  describe('reported speech', () => {
    it.each([
      ['Maria Lopez said that taxes would rise.', 'taxes would rise', 'Maria Lopez'],
      ['Maria Lopez told reporters on Monday that taxes would rise.', 'taxes would rise', 'Maria Lopez'],
      [
        'The Ministry of Health said in a statement that 40 people had died.',
        '40 people had died',
        'Ministry of Health',
      ],
      ['According to Maria Lopez, taxes would rise by 2%.', 'taxes would rise by 2%', 'Maria Lopez'],
      ['Taxes will rise by 2% next year, Maria Lopez said.', 'Taxes will rise by 2% next year', 'Maria Lopez'],
      ['Taxes will rise by 2% next year, said Maria Lopez.', 'Taxes will rise by 2% next year', 'Maria Lopez'],
      ['Dr. Ana Ruiz warned that infections could double by March.', 'infections could double by March', 'Ana Ruiz'],
      ['Maria Lopez argued taxes had to rise.', 'taxes had to rise', 'Maria Lopez'],
      ['Maria Lopez estimated the cost at $2 billion.', 'the cost at $2 billion', 'Maria Lopez'],
    ])('reads %j', (text, content, speaker) => {
      expect(nameOf(statementOf(text, content, 'reported'))).toBe(speaker);
    });

    it('reads "X said …" and "X added …" in a sentence with a quote of its own', () => {
      const text = 'Maria Lopez said the plan was "a disaster that will ruin us all" and added that it would fail.';
      expect(nameOf(statementOf(text, 'a disaster that will ruin us all'))).toBe('Maria Lopez');
      expect(nameOf(statementOf(text, 'it would fail', 'reported'))).toBe('Maria Lopez');
    });

    it('reads the content of "according to a report by X" as X\'s', () => {
      const text = 'Arrivals rose by 27%, according to a report published on Tuesday by the National Reception Agency.';
      expect(nameOf(statementOf(text, 'Arrivals rose by 27%', 'reported'))).toBe('National Reception Agency');
    });

    it('reads a participle after the main clause as its subject\'s: "…, saying …"', () => {
      const text = 'Maria Lopez defended the plan, saying it would create 10,000 jobs.';
      expect(nameOf(statementOf(text, 'it would create 10,000 jobs', 'reported'))).toBe('Maria Lopez');
    });

    it('does not read "its estimated cost" or "annual reports show" as speech', () => {
      const text = 'Its estimated cost has risen to £96 million. Its annual reports show a loss.';
      expect(findStatements(text).map((statement) => statement.kind)).toEqual(['statement', 'statement']);
    });
  });

  describe('speakers', () => {
    it('keeps the title out of the name: Dr. Ana Ruiz is "Ana Ruiz"', () => {
      const text = '"Infections doubled," said Dr. Ana Ruiz, an epidemiologist.';
      expect(statementOf(text, 'Infections doubled,').speaker).toEqual(named('Ana Ruiz', 'epidemiologist'));
    });

    it('resolves a surname to the full name given earlier', () => {
      const text = 'Finance Director Maria Lopez presented the budget. "We had no choice," Lopez said.';
      expect(nameOf(statementOf(text, 'We had no choice,'))).toBe('Maria Lopez');
    });

    it('abstains when two people of the article share the surname and nothing tells them apart', () => {
      const text = [
        'Dr. Ana Ruiz and her brother Pedro Ruiz run the clinic.',
        'Both spoke at length about the budget, the staff and the building.',
        'The hearing lasted four hours and ended without a vote.',
        '"It will not happen," Ruiz said.',
      ].join('\n\n');
      expect(statementOf(text, 'It will not happen,').speaker).toBeNull();
    });

    it('tells two people of the same surname apart by Mr. and Ms.', () => {
      const text = [
        'Gwen Hale, whose husband died in the collapse, spoke first. Robert Hale, the operations director, spoke later.',
        'The inquiry continues next week with more witnesses from the company and from the regulator.',
        'The hearing was adjourned shortly after four.',
        '"We should have closed that tunnel," Mr. Hale said.',
      ].join('\n\n');
      expect(nameOf(statementOf(text, 'We should have closed that tunnel,'))).toBe('Robert Hale');
    });

    it('resolves "she said" to the last woman named, passing over a man named since', () => {
      const text = 'Maria Lopez criticised Governor John Smith. "He has no plan," she said. "She is wrong," he said.';
      expect(nameOf(statementOf(text, 'He has no plan,'))).toBe('Maria Lopez');
      expect(nameOf(statementOf(text, 'She is wrong,'))).toBe('John Smith');
    });

    it('never resolves "he" or "she" to an organisation', () => {
      const text = 'Selvane Minerals said in a statement that the mine was safe. "We did everything right," he said.';
      expect(statementOf(text, 'We did everything right,').speaker).toBeNull();
    });

    it('resolves "it said" and "the ministry said" to the organisation', () => {
      const text = [
        'The Ministry of Health said 40 people had died. It said the figures were provisional.',
        'The ministry said more beds would open.',
      ].join('\n\n');
      expect(nameOf(statementOf(text, 'the figures were provisional', 'reported'))).toBe('Ministry of Health');
      expect(nameOf(statementOf(text, 'more beds would open', 'reported'))).toBe('Ministry of Health');
    });

    it('names an organisation referred to by its first word: "Greyhaven said"', () => {
      const text =
        'The scheme was proposed by Greyhaven Homes, which builds houses. Greyhaven said the road was needed.';
      expect(nameOf(statementOf(text, 'the road was needed', 'reported'))).toBe('Greyhaven Homes');
    });

    it.each([
      ['"We are tired," said a senior official.', 'a senior official'],
      ['"We are tired," one resident said.', 'one resident'],
      ['"We are tired," said a spokesperson for the ministry.', 'a spokesperson for the ministry'],
      ['"We are tired," people familiar with the talks said.', 'people familiar with the talks'],
      ['"We are tired," officials said.', 'officials'],
    ])('keeps an anonymous source anonymous: %j', (text, role) => {
      expect(statementOf(text, 'We are tired,').speaker).toEqual({ name: null, role, anonymous: true });
    });

    it('points "the official said" back to the anonymous official', () => {
      const text = 'A senior official said the talks had stalled. "Nobody is moving," the official said.';
      expect(statementOf(text, 'Nobody is moving,').speaker).toEqual({
        name: null,
        role: 'A senior official',
        anonymous: true,
      });
    });

    it('points "the minister said" back to the person who holds the role', () => {
      const text = 'Health Minister Ana Ruiz opened the ward. "It is a good day," the minister said.';
      expect(nameOf(statementOf(text, 'It is a good day,'))).toBe('Ana Ruiz');
    });
  });

  describe('offsets', () => {
    it('gives UTF-16 offsets that slice the text, with emoji and other surrogate pairs before the quote', () => {
      const text = '\u{1F600}\u{1F4C8} Markets \u{1D400} rallied. \u201CWe are back,\u201D said Maria Lopez. \u{1F389}';
      for (const statement of findStatements(text)) {
        expect(text.slice(statement.span.start, statement.span.end)).toBe(statement.span.text);
        expect(text.slice(statement.sentence.start, statement.sentence.end)).toBe(statement.sentence.text);
      }
      const quote = statementOf(text, 'We are back,');
      expect(quote.span.start).toBe(text.indexOf('We are back'));
      expect(nameOf(quote)).toBe('Maria Lopez');
    });

    it('covers every sentence of the article at least once, in text order', () => {
      const text = 'One. "Two," she said. Three, Lopez said.\n\nFour.';
      const sentences = [...new Set(findStatements(text).map((statement) => statement.sentence.text))];
      expect(sentences).toEqual(['One.', '"Two," she said.', 'Three, Lopez said.', 'Four.']);
    });
  });
});
