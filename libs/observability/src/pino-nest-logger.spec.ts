import { Writable } from 'node:stream';
import { withCorrelationId } from './correlation';
import { createRootLogger } from './logger';
import { PinoNestLogger } from './pino-nest-logger';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('PinoNestLogger', () => {
  it('writes JSON with level, context and the current correlation id', () => {
    const { lines, stream } = capture();
    const logger = new PinoNestLogger(createRootLogger('debug', stream));

    withCorrelationId('req-123', () => logger.log('started', 'Bootstrap'));
    logger.warn('outside any request');

    expect(lines[0]).toMatchObject({ level: 'info', msg: 'started', context: 'Bootstrap', correlationId: 'req-123' });
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'outside any request' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('keeps the stack of an error logged the Nest way', () => {
    const { lines, stream } = capture();
    new PinoNestLogger(createRootLogger('info', stream)).error('boom', 'Error: boom\n    at x', 'Worker');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'boom', context: 'Worker', stack: 'Error: boom\n    at x' });
  });

  it('drops messages under the configured level', () => {
    const { lines, stream } = capture();
    new PinoNestLogger(createRootLogger('warn', stream)).debug('noise');
    expect(lines).toHaveLength(0);
  });
});
