import { findSpeechClauses, quoteMask, type SpeechClause } from './speech-clause';

/** Masks the double-quoted parts of a sentence as the statement finder does. */
const masked = (sentence: string): string => sentence.replace(/"[^"]*"/gu, (quote) => quoteMask.repeat(quote.length));

function clauses(
  sentence: string,
): (Pick<SpeechClause, 'layout' | 'quoteOnly'> & { verb: string; speaker: string | null; content: string })[] {
  return findSpeechClauses(masked(sentence), 0).map((clause) => ({
    verb: sentence.slice(clause.verbStart, clause.verbEnd),
    speaker: clause.subject?.name ?? clause.subject?.pronoun ?? clause.subject?.role ?? null,
    content: sentence.slice(clause.start, clause.end),
    layout: clause.layout,
    quoteOnly: clause.quoteOnly,
  }));
}

describe('findSpeechClauses', () => {
  it('reads "X said (that) …" with the content after the verb', () => {
    expect(clauses('Maria Lopez said that taxes would rise.')).toEqual([
      { verb: 'said', speaker: 'Maria Lopez', content: 'taxes would rise', layout: 'lead', quoteOnly: false },
    ]);
  });

  it('skips the object of "told" and adjuncts before the content', () => {
    expect(clauses('Lopez told The Associated Press on Monday that taxes would rise.')[0]).toMatchObject({
      speaker: 'Lopez',
      content: 'taxes would rise',
    });
    expect(clauses('Lopez said in a filing to the stock exchange that taxes would rise.')[0]).toMatchObject({
      content: 'taxes would rise',
    });
  });

  it('reads "…, X said" and "…, said X" with the content before', () => {
    expect(clauses('Taxes will rise, the minister said on Monday.')[0]).toMatchObject({
      speaker: 'the minister',
      content: 'Taxes will rise',
      layout: 'trail',
    });
    expect(clauses('Taxes will rise, said a spokesperson for the ministry.')[0]).toMatchObject({
      speaker: 'a spokesperson for the ministry',
      content: 'Taxes will rise',
      layout: 'trail',
    });
  });

  it('does not take what follows a comma after the verb as the content', () => {
    expect(
      clauses('Acme will close the plant, the company said on Monday, putting 860 jobs at risk.')[0],
    ).toMatchObject({
      content: 'Acme will close the plant',
      layout: 'trail',
    });
  });

  it('reads "according to X, …" and "…, according to X"', () => {
    expect(clauses('According to a senior official, the talks collapsed.')[0]).toMatchObject({
      speaker: 'a senior official',
      content: 'the talks collapsed',
    });
    expect(clauses('The talks collapsed, according to people familiar with them.')[0]).toMatchObject({
      speaker: 'people familiar with them',
      content: 'The talks collapsed',
    });
  });

  it('marks a clause that attributes nothing but a quote', () => {
    expect(clauses('"We will win," she said.')[0]).toMatchObject({ speaker: 'she', quoteOnly: true, layout: 'trail' });
    expect(clauses('She added: "It is not enough."')[0]).toMatchObject({
      speaker: 'she',
      quoteOnly: true,
      layout: 'lead',
    });
  });

  it('gives a verb coordinated with "and" the subject of the clause before, and ends that clause\'s content there', () => {
    expect(clauses('The union said it would strike and warned that talks were over.')).toEqual([
      expect.objectContaining({ verb: 'said', content: 'it would strike' }),
      expect.objectContaining({ verb: 'warned', speaker: 'The union', content: 'talks were over' }),
    ]);
  });

  it('drops a speech verb inside what another clause reports', () => {
    expect(clauses('Smith said the company had announced 500 job cuts.').map(({ verb }) => verb)).toEqual(['said']);
  });

  it('does not read nouns, passives, relative clauses or requests as speech', () => {
    for (const sentence of [
      'Its annual reports show a loss.',
      'Its estimated cost has doubled.',
      'Staff were told to stay home.',
      'One engineer, who asked not to be named, left.',
      'She urged voters to stay home.',
      'Shares added 3% on Monday.',
    ]) {
      expect(clauses(sentence)).toEqual([]);
    }
  });
});
