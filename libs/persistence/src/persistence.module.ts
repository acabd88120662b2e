import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Database } from './database';
import { type SchemaDefinition, dataSourceOptions } from './data-source-options';
import { DatabaseServer } from './database-server';

/** Connects the app to PostgreSQL and provides {@link Database} everywhere. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(server: DatabaseServer, schema: SchemaDefinition, applicationName: string): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(server.url, schema, applicationName))],
      providers: [Database, { provide: DatabaseServer, useValue: server }],
      exports: [Database, DatabaseServer],
    };
  }
}
