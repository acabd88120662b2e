import { confirmationOf, cursorOf, formErrors } from './forms';

describe('formErrors', () => {
  const fields = {
    rating: { id: 'rating', label: 'Rating', missing: 'is needed: choose one' },
    note: { id: 'note', label: 'Note' },
  };

  it('keeps the first message per field, in form order, linked to the element', () => {
    const errors = formErrors(
      [
        { field: 'note', message: 'is too long' },
        { field: 'rating', message: 'must be one of true, false' },
        { field: 'rating', message: 'must be a string' },
      ],
      fields,
    );
    expect(errors.list).toEqual([
      { id: 'rating', message: 'Rating must be one of true, false' },
      { id: 'note', message: 'Note is too long' },
    ]);
  });

  it('says what is needed for a required field left empty', () => {
    const problems = [{ field: 'rating', message: 'must be one of true, false' }];
    expect(formErrors(problems, fields, () => false).byField).toEqual({ rating: 'Rating is needed: choose one' });
    expect(formErrors(problems, fields, () => true).byField).toEqual({ rating: 'Rating must be one of true, false' });
  });

  it('puts a problem on an unknown field on the first field, naming it', () => {
    expect(formErrors([{ field: 'other', message: 'is odd' }], fields).list).toEqual([
      { id: 'rating', message: 'Rating (other) is odd' },
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
