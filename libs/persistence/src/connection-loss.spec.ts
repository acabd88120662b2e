import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isConnectionLoss } from './connection-loss';

function pgError(code: string, message = 'an error'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isConnectionLoss', () => {
  it.each([
    [
      'an administrator ending the session (57P01)',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['a crash shutdown (57P02)', pgError('57P02')],
    ['a server still starting (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', pgError('08006')],
    ['a reset socket', pgError('ECONNRESET', 'read ECONNRESET')],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['node-postgres losing the socket', new Error('Connection terminated unexpectedly')],
    ['a statement after TypeORM released the failed connection', new QueryRunnerProviderAlreadyReleasedError()],
    ['a rollback after TypeORM released the failed connection', new QueryRunnerAlreadyReleasedError()],
  ])('recognises %s', (_label, error) => {
    expect(isConnectionLoss(error)).toBe(true);
  });

  it('looks inside TypeORM’s QueryFailedError and an error’s cause', () => {
    const wrapped = new QueryFailedError('SELECT 1', [], pgError('57P01'));
    expect(isConnectionLoss(wrapped)).toBe(true);
    expect(isConnectionLoss(new Error('outer', { cause: pgError('ECONNRESET') }))).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a serialization failure (40001)', pgError('40001')],
    ['a syntax error (42601)', pgError('42601')],
    ['a plain error', new Error('boom')],
    ['a string', 'Connection terminated'],
    ['nothing', undefined],
  ])('leaves alone %s', (_label, error) => {
    expect(isConnectionLoss(error)).toBe(false);
  });

  it('survives an error that is its own cause', () => {
    const loop: Error & { cause?: unknown } = new Error('loop');
    loop.cause = loop;
    expect(isConnectionLoss(loop)).toBe(false);
  });
});
