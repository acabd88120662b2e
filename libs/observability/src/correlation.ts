import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationContext {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Returns `candidate` when it is a safe correlation id (from a header or a job),
 * otherwise a new UUID.
 */
export function correlationIdFrom(candidate: unknown): string {
  return typeof candidate === 'string' && acceptable.test(candidate) ? candidate : randomUUID();
}

/** The correlation id of the request or job being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Runs `fn` with `correlationId` attached to every log line and job it causes. */
export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/**
 * Attaches `correlationId` to the rest of the current asynchronous flow; used by
 * the HTTP hook, which cannot wrap the rest of the request in a callback.
 */
export function enterCorrelationId(correlationId: string): void {
  storage.enterWith({ correlationId });
}
