import { DomainError } from '@claimdesk/errors';
import { type CursorPosition, decodeCursor, encodeCursor, isUuid } from './keyset-cursor';

interface TimePosition extends CursorPosition {
  t: string;
  i: string;
}

function isTimePosition(value: Record<string, unknown>): value is TimePosition {
  return typeof value.t === 'string' && /^\d{1,16}$/.test(value.t) && isUuid(value.i);
}

const position: TimePosition = { t: '1795784495008123', i: '0b9d6f3e-3c1a-4e4b-9a51-2f6f1c9e8d70' };

/** The error `decodeCursor` throws for `cursor`, or a failure when it decodes. */
function refusalOf(cursor: string, refuse?: () => Error): unknown {
  try {
    decodeCursor(cursor, isTimePosition, refuse);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${cursor} to be refused`);
}

const base64url = (text: string): string => Buffer.from(text).toString('base64url');

describe('keyset cursors', () => {
  it('round-trip a position', () => {
    expect(decodeCursor(encodeCursor(position), isTimePosition)).toEqual(position);
  });

  it('round-trip numbers and keep the keys in the order written', () => {
    const scored = { s: 0.25, r: 3, i: position.i };
    const cursor = encodeCursor(scored);
    expect(Buffer.from(cursor, 'base64url').toString('utf8')).toBe(JSON.stringify(scored));
    expect(decodeCursor(cursor, (value): value is typeof scored => typeof value.s === 'number')).toEqual(scored);
  });

  it('are URL-safe: base64url without padding', () => {
    expect(encodeCursor({ q: '???>>>~~~', i: position.i })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['an empty string', ''],
    ['base64url of text that is not JSON', base64url('{"t":')],
    ['JSON null', base64url('null')],
    ['a JSON number', base64url('42')],
    ['a JSON string', base64url('"1795784495008123"')],
    ['a JSON array', base64url(JSON.stringify([position.t, position.i]))],
  ])('refuse %s as cursor.invalid on the cursor field', (_, cursor) => {
    const error = refusalOf(cursor);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'invalid',
      code: 'cursor.invalid',
      message: 'The cursor is not one this list gave out.',
      details: {
        errors: [{ field: 'cursor', message: 'Cursor must be a nextCursor value returned by the same list.' }],
      },
    });
  });

  it.each([
    ['a missing key', { t: position.t }],
    ['a key of the wrong type', { t: Number(position.t), i: position.i }],
    ['a value out of range', { t: '99999999999999999', i: position.i }],
    ['an id that is not a uuid', { t: position.t, i: 'x' }],
    ['the position of another list', { s: 0.5, i: position.i }],
  ])('refuse a position of the wrong shape: %s', (_, wrong) => {
    expect(refusalOf(encodeCursor(wrong))).toMatchObject({ code: 'cursor.invalid' });
  });

  it('refuse a tampered cursor', () => {
    const cursor = encodeCursor(position);
    const tampered = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`;
    expect(refusalOf(tampered)).toMatchObject({ code: 'cursor.invalid' });
    expect(refusalOf(cursor.slice(0, -4))).toMatchObject({ code: 'cursor.invalid' });
  });

  it('refuse with the error the list gives, when it gives one', () => {
    const own = new DomainError('invalid', 'request.invalid', 'The query has invalid values');
    expect(refusalOf('not a cursor', () => own)).toBe(own);
  });
});

describe('isUuid', () => {
  it('accepts a uuid in either case and nothing else', () => {
    expect(isUuid(position.i)).toBe(true);
    expect(isUuid(position.i.toUpperCase())).toBe(true);
    expect(isUuid(position.i.replace(/-/g, ''))).toBe(false);
    expect(isUuid(`${position.i}0`)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
