import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { ConfigModule } from '@claimdesk/config';
import { PersistenceModule } from '@claimdesk/persistence';
import { QueueModule } from '@claimdesk/queue';
import { schema } from '@claimdesk/schema';
import type { Runtime } from './runtime';

/**
 * The root module of every process: configuration, persistence and queues,
 * plus the feature modules of the app being started (api, worker or both).
 */
@Module({})
export class RuntimeModule {
  static forRoot(runtime: Runtime, apps: readonly Type[]): DynamicModule {
    return {
      module: RuntimeModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        PersistenceModule.forRoot(runtime.database, schema, `claimdesk-${runtime.role}`),
        QueueModule,
        ...apps,
      ],
    };
  }
}
