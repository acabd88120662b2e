export { correlationIdFrom, currentCorrelationId, enterCorrelationId, withCorrelationId } from './correlation';
export { createRootLogger } from './logger';
export { PinoNestLogger } from './pino-nest-logger';
