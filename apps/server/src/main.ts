import { ApiModule, createHttpApp, listen } from '@claimdesk/api';
import { runProcess, RuntimeModule } from '@claimdesk/runtime';
import { WorkerModule } from '@claimdesk/worker';

/**
 * `npm start`: API, web UI and workers in one process, on the embedded
 * PostgreSQL when no DATABASE_URL is set.
 */
runProcess('server', async (runtime) => {
  const app = await createHttpApp(RuntimeModule.forRoot(runtime, [ApiModule, WorkerModule]), runtime);
  await listen(app, runtime);
  return app;
});
