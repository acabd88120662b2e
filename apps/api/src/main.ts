import { runProcess, RuntimeModule } from '@claimdesk/runtime';
import { ApiModule } from './api.module';
import { createHttpApp, listen } from './http-app';

/** API-only process (`npm run start:api`): serves HTTP and enqueues jobs; runs none. */
runProcess('api', async (runtime) => {
  const app = await createHttpApp(RuntimeModule.forRoot(runtime, [ApiModule]), runtime);
  await listen(app, runtime);
  return app;
});
