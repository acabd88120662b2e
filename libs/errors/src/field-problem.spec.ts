import { fieldProblem, predicateOf, sentence, subjectOf } from './field-problem';

describe('field problems as sentences', () => {
  it.each([
    ['text', 'Text'],
    ['tags[3]', 'Tags'],
    ['claimant.name', 'Claimant name'],
    ['appearance.sourceId', 'Appearance source ID'],
    ['appearance.url', 'Appearance URL'],
    ['evidenceIds[0]', 'Evidence IDs'],
    ['reviewerEmail', 'Reviewer email'],
    ['Idempotency-Key', 'Idempotency-Key'],
    ['(body)', 'The request body'],
  ])('names %s as "%s"', (field, subject) => {
    expect(subjectOf(field)).toBe(subject);
  });

  it('says what is wrong in one sentence that names the field, with ranges dashed', () => {
    expect(fieldProblem('tags', 'must be 1 to 50 characters')).toEqual({
      field: 'tags',
      message: 'Tags must be 1–50 characters.',
    });
    expect(fieldProblem('claimant.name', 'is needed when a role is given').message).toBe(
      'Claimant name is needed when a role is given.',
    );
  });

  it('keeps a sentence that already ends, and capitalises one that does not start so', () => {
    expect(sentence('No user has this email.')).toBe('No user has this email.');
    expect(sentence('is it? ')).toBe('Is it?');
    expect(sentence('Not ready: the database down')).toBe('Not ready: the database down.');
  });

  it('gives back what a field sentence says of its field, for a form to name the field its own way', () => {
    expect(predicateOf(fieldProblem('text', 'must be 1 to 5000 characters'))).toBe('must be 1–5000 characters.');
    expect(predicateOf({ field: 'reviewerEmail', message: 'No user has this email.' })).toBeUndefined();
  });
});
