import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '@claimdesk/config';
import { currentCorrelationId } from './correlation';

/**
 * The process's root pino logger: JSON lines on stdout, each stamped with the
 * correlation id of the request or job that wrote it.
 */
export function createRootLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'claimdesk', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId === undefined ? {} : { correlationId };
      },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    destination,
  );
}
