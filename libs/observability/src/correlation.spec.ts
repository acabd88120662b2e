import { correlationIdFrom, currentCorrelationId, withCorrelationId } from './correlation';

describe('correlation ids', () => {
  it('accepts a well-formed id and replaces anything else with a UUID', () => {
    expect(correlationIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    for (const bad of [undefined, '', 'has space', 'a'.repeat(129), '<script>', 42]) {
      expect(correlationIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('follows asynchronous work started inside the context', async () => {
    const seen = await withCorrelationId('job-7', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentCorrelationId();
    });
    expect(seen).toBe('job-7');
    expect(currentCorrelationId()).toBeUndefined();
  });
});
