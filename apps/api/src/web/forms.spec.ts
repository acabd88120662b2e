import { fieldProblem } from '@claimdesk/errors';
import { confirmationOf, cursorOf, formErrors } from './forms';

describe('formErrors', () => {
  const fields = {
    rating: { id: 'rating', label: 'Rating', missing: 'is needed: choose one' },
    note: { id: 'note', label: 'Note' },
  };

  it('keeps the first message per field, in form order, linked to the element', () => {
    const errors = formErrors(
      [
        fieldProblem('note', 'is too long'),
        fieldProblem('rating', 'must be one of true, false'),
        fieldProblem('rating', 'must be a string'),
      ],
      fields,
    );
    expect(errors.list).toEqual([
      { id: 'rating', message: 'Rating must be one of true, false.' },
      { id: 'note', message: 'Note is too long.' },
    ]);
  });

  it('says what is needed for a required field left empty', () => {
    const problems = [fieldProblem('rating', 'must be one of true, false')];
    expect(formErrors(problems, fields, () => false).byField).toEqual({ rating: 'Rating is needed: choose one.' });
    expect(formErrors(problems, fields, () => true).byField).toEqual({ rating: 'Rating must be one of true, false.' });
  });

  it('names a field by its label, but keeps whole a sentence of its own', () => {
    const problems = [fieldProblem('note', 'is too long'), { field: 'rating', message: 'No user has this email.' }];
    expect(formErrors(problems, { ...fields, note: { id: 'note', label: 'Your note' } }).byField).toEqual({
      note: 'Your note is too long.',
      rating: 'No user has this email.',
    });
  });

  it("puts a list item's problem on its list field", () => {
    expect(formErrors([fieldProblem('note[2]', 'is too long')], fields).byField).toEqual({ note: 'Note is too long.' });
  });

  it('puts a problem on an unknown field on the first field, naming it', () => {
    expect(formErrors([fieldProblem('other', 'is odd')], fields).list).toEqual([
      { id: 'rating', message: 'Other is odd.' },
    ]);
  });
});

describe('confirmationOf and cursorOf', () => {
  it('shows only the fixed messages, never an inherited member or the query itself', () => {
    const messages = { saved: 'Saved' };
    expect(confirmationOf(messages, 'saved')).toBe('Saved');
    for (const done of ['constructor', 'toString', '<b>hi</b>', ['saved'], undefined]) {
      expect(confirmationOf(messages, done)).toBeUndefined();
    }
  });

  it('passes on a single cursor string of sane length only', () => {
    expect(cursorOf('abc')).toBe('abc');
    expect(cursorOf('')).toBeUndefined();
    expect(cursorOf(['a', 'b'])).toBeUndefined();
    expect(cursorOf('x'.repeat(201))).toBeUndefined();
  });
});
