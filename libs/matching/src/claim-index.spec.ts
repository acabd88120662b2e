import { ClaimIndex, maxDocuments } from './claim-index';

const claims: Record<string, string> = {
  budget: 'The new budget cuts taxes for all working families.',
  schools: 'The city closed three schools to pay for the new stadium.',
  nurses: 'The council hired 600 new nurses in 2024.',
  trains: 'Train fares will rise by 5% in January.',
  dogs: 'Dogs are banned from every public park in Harwick.',
};

function indexOf(entries: Record<string, string> = claims): ClaimIndex {
  const index = new ClaimIndex();
  for (const [id, text] of Object.entries(entries)) index.upsert(id, text);
  return index;
}

describe('ClaimIndex', () => {
  it('finds a paraphrase first, with most of its weight shared', () => {
    const [first] = indexOf().search('The budget will cut taxes for every working family.', 5);
    expect(first?.id).toBe('budget');
    expect(first!.overlap).toBeGreaterThan(0.6);
    expect(first!.overlap).toBeLessThanOrEqual(1);
  });

  it('finds a restatement inside a longer post', () => {
    const hits = indexOf().search(
      'Wow. So the stadium really cost us three schools?? The city closed them to pay for it #budget https://t.co/x',
      3,
    );
    expect(hits[0]?.id).toBe('schools');
  });

  it('scores the same text 1 and ranks nothing that shares no term', () => {
    const index = indexOf();
    expect(index.search(claims.dogs!, 1)[0]).toMatchObject({ id: 'dogs', overlap: 1 });
    expect(index.search('Completely unrelated astronomy words: comet nebula', 5)).toEqual([]);
  });

  it('leaves out the excluded claim', () => {
    expect(
      indexOf()
        .search(claims.dogs!, 5, 'dogs')
        .map((hit) => hit.id),
    ).not.toContain('dogs');
  });

  it('replaces a changed text, skips an unchanged one, and forgets a removed claim', () => {
    const index = indexOf();
    expect(index.upsert('dogs', claims.dogs!)).toBe(false);
    expect(index.upsert('dogs', 'Cats must be kept indoors at night.')).toBe(true);
    expect(index.size).toBe(5);
    expect(index.search('dogs banned park', 5).map((hit) => hit.id)).not.toContain('dogs');
    expect(index.search('cats indoors at night', 1)[0]?.id).toBe('dogs');
    index.remove('dogs');
    expect(index.size).toBe(4);
    expect(index.search('cats indoors at night', 5)).toEqual([]);
  });

  it('ranks rare shared terms above common ones', () => {
    const filler = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`filler-${i}`, `The council announced plan number ${i} today.`]),
    );
    const index = indexOf({ ...filler, rare: 'The council announced a flamingo sanctuary today.' });
    expect(index.search('council flamingo', 3)[0]?.id).toBe('rare');
  });

  it('keeps the best of many candidates whatever order they were added in', () => {
    const entries = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`c${i}`, `Tax report ${i} on the harbour and the ferry.`]),
    );
    entries.best = 'Tax ferry harbour ferry harbour tax.';
    const hits = indexOf(entries).search('ferry harbour tax', 10);
    expect(hits).toHaveLength(10);
    expect(hits[0]?.id).toBe('best');
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.rank).toBeGreaterThanOrEqual(hits[i]!.rank);
  });

  it('documents its capacity', () => {
    expect(maxDocuments).toBe(2 ** 26);
  });
});
