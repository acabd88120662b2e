import type { INestApplicationContext } from '@nestjs/common';
import { openRuntime, type Runtime } from './runtime';
import { closeOnSignal } from './shutdown';

/**
 * The whole life of a long-running process: open the runtime, start the app,
 * serve until SIGINT/SIGTERM, shut down in order. A failure at start stops the
 * embedded database again and exits non-zero.
 */
export function runProcess(role: string, start: (runtime: Runtime) => Promise<INestApplicationContext>): void {
  const run = async (): Promise<void> => {
    const runtime = await openRuntime(role);
    let app: INestApplicationContext;
    try {
      app = await start(runtime);
    } catch (error) {
      runtime.logger.fatal({ err: error }, `${role} failed to start`);
      await runtime.database.stop();
      process.exit(1);
    }
    await closeOnSignal(app, runtime);
    process.exit(0);
  };
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
