import type { INestApplicationContext } from '@nestjs/common';
import type { Runtime } from './runtime';

const gracePeriodMs = 30_000;

/**
 * Closes the app on SIGINT or SIGTERM (workers finish their active jobs, the
 * relay and the HTTP server stop), then stops the embedded database last. A
 * second signal, or a close slower than the grace period, exits at once: jobs
 * still active are released by BullMQ's stalled-job check.
 */
export function closeOnSignal(app: INestApplicationContext, runtime: Runtime): Promise<void> {
  return new Promise((resolve) => {
    let closing = false;
    const close = (signal: NodeJS.Signals): void => {
      if (closing) {
        runtime.logger.warn(`${signal} again: exiting without waiting`);
        process.exit(130);
      }
      closing = true;
      runtime.logger.info(`${signal} received: shutting down`);
      const force = setTimeout(() => {
        runtime.logger.error(`shutdown took longer than ${gracePeriodMs} ms: exiting`);
        process.exit(1);
      }, gracePeriodMs);
      force.unref();
      void app
        .close()
        .catch((error: unknown) => runtime.logger.error({ err: error }, 'error while closing the app'))
        .then(() => runtime.database.stop())
        .then(() => {
          runtime.logger.info('stopped');
          resolve();
        });
    };
    process.on('SIGINT', close);
    process.on('SIGTERM', close);
  });
}
