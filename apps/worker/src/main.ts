import { NestFactory } from '@nestjs/core';
import { PinoNestLogger } from '@claimdesk/observability';
import { runProcess, RuntimeModule } from '@claimdesk/runtime';
import { WorkerModule } from './worker.module';

/** Worker-only process (`npm run start:worker`): relays the outbox and runs jobs. */
runProcess('worker', async (runtime) => {
  const app = await NestFactory.createApplicationContext(RuntimeModule.forRoot(runtime, [WorkerModule]), {
    logger: new PinoNestLogger(runtime.logger),
    abortOnError: false,
  });
  await app.init();
  runtime.logger.info({ context: 'Bootstrap' }, 'Claimdesk worker started');
  return app;
});
