import type { INestApplicationContext, Type } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import { queueBackends, type TestQueueBackend } from './queue-backends';
import { createTestDatabase, type TestDatabase } from './test-environment';
import { clearQueueBackend, startTestContext, testRuntime } from './test-runtime';

export interface TestContextOptions {
  /** The queue backend; PostgreSQL when not given (nothing then leaves the outbox table unless a relay runs). */
  backend?: TestQueueBackend;
  /** The runtime's role, `test` when not given. */
  role?: string;
  /**
   * Variables added to the configuration. A function is called in `beforeAll`,
   * after the hooks registered before this call (to allow a fixture site they start, say).
   */
  env?: Record<string, string> | (() => Record<string, string>);
}

/** What {@link useTestContext} starts; read it in tests and hooks, not while jest collects them. */
export interface TestContext {
  readonly app: INestApplicationContext;
  readonly database: TestDatabase;
  readonly backend: TestQueueBackend;
  /** The app's Database, for the SQL a test checks rows with. */
  readonly db: Database;
  /** `app.get(type)`. */
  get<T>(type: Type<T>): T;
  /**
   * Runs `work` in the `afterAll` before the context closes and the database
   * is dropped (jest runs `afterAll` hooks in the order they are declared, so
   * one declared after {@link useTestContext} would run too late for what
   * holds a connection to the database).
   */
  beforeClose(work: () => Promise<unknown> | void): void;
}

/**
 * The setup every integration spec shares (STYLE.md §19): registers a
 * `beforeAll` that clones a database of the describe block's own from the
 * migrated template and boots a Nest context over `modules` on it, and an
 * `afterAll` that closes the context, deletes the backend's queue keys and
 * drops the database. Call it in a describe block, before the hooks that use
 * what it starts (jest runs `beforeAll` hooks in the order they are declared).
 */
export function useTestContext(modules: readonly Type[], options: TestContextOptions = {}): TestContext {
  const backend = options.backend ?? queueBackends().find((candidate) => candidate.kind === 'postgresql')!;
  let app: INestApplicationContext | undefined;
  let database: TestDatabase | undefined;
  const closing: (() => Promise<unknown> | void)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = typeof options.env === 'function' ? options.env() : options.env;
    app = await startTestContext(testRuntime(database.url, backend, options.role, env), modules);
  });

  afterAll(async () => {
    for (const work of closing) await work();
    await app?.close();
    await clearQueueBackend(backend);
    await database?.drop();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the test context's ${what} is read before its beforeAll ran`);
    return value;
  };
  return {
    get app() {
      return started(app, 'app');
    },
    get database() {
      return started(database, 'database');
    },
    backend,
    get db() {
      return started(app, 'app').get(Database);
    },
    get: (type) => started(app, 'app').get(type),
    beforeClose: (work) => {
      closing.push(work);
    },
  };
}
