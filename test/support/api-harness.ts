import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountsService, type Role } from '@claimdesk/accounts';
import { ApiModule, createHttpApp } from '@claimdesk/api';
import { Database } from '@claimdesk/persistence';
import { RuntimeModule } from '@claimdesk/runtime';
import {
  clearQueueBackend,
  createTestDatabase,
  queueBackends,
  type TestDatabase,
  type TestQueueBackend,
  testRuntime,
} from '@claimdesk/testing';
import { WorkerModule } from '@claimdesk/worker';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** The password of every user the harness makes. */
export const testPassword = 'correct horse battery';

/** A logged-in browser's cookies and a CSRF token for its forms. */
export interface WebSession {
  cookie: string;
  csrf: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * The API served over real HTTP on 127.0.0.1, in a database of its own, for
 * e2e specs: users and tokens per role, and a small fetch-based client.
 */
export interface TestApiOptions {
  worker?: boolean;
  env?: Record<string, string>;
  /** The URL the app reaches its database by (a proxy's, say), given the database's own. */
  databaseUrl?: (url: string) => string;
}

export class TestApi {
  private readonly tokens = new Map<Role, string>();
  private userCount = 0;
  private started?: { app: NestFastifyApplication; baseUrl: string; database: TestDatabase };

  private constructor(private readonly backend: TestQueueBackend) {}

  /** Starts api (and, with `worker`, the job side) on the given queue backend. */
  static async start(backend: TestQueueBackend, options: TestApiOptions = {}): Promise<TestApi> {
    const api = new TestApi(backend);
    await api.listen(options);
    return api;
  }

  /**
   * {@link start} in a `beforeAll` and {@link close} in an `afterAll` of the
   * describe block it is called in; the API answers from that `beforeAll` on.
   */
  static use(backend: TestQueueBackend = queueBackends()[0]!, options: TestApiOptions = {}): TestApi {
    const api = new TestApi(backend);
    beforeAll(() => api.listen(options));
    afterAll(() => api.close());
    return api;
  }

  private async listen(options: TestApiOptions): Promise<void> {
    const database = await createTestDatabase();
    const runtime = testRuntime(options.databaseUrl?.(database.url) ?? database.url, this.backend, 'e2e', options.env);
    const modules = options.worker ? [ApiModule, WorkerModule] : [ApiModule];
    const app = await createHttpApp(RuntimeModule.forRoot(runtime, modules), runtime);
    await app.listen(0, '127.0.0.1');
    this.started = { app, baseUrl: await app.getUrl(), database };
  }

  async close(): Promise<void> {
    if (this.started === undefined) return;
    await this.app.close();
    await clearQueueBackend(this.backend);
    await this.database.drop();
    this.started = undefined;
  }

  private get running() {
    if (this.started === undefined) throw new Error('the API is used before it started (or after it closed)');
    return this.started;
  }

  get app(): NestFastifyApplication {
    return this.running.app;
  }

  get baseUrl(): string {
    return this.running.baseUrl;
  }

  get database(): TestDatabase {
    return this.running.database;
  }

  get db(): Database {
    return this.app.get(Database);
  }

  /** A token of a user with `role` (one user per role, made on first use). */
  async token(role: Role): Promise<string> {
    const known = this.tokens.get(role);
    if (known !== undefined) return known;
    const token = await this.newToken(role);
    this.tokens.set(role, token);
    return token;
  }

  /** A token of a new, separate user with `role`. */
  async newToken(role: Role): Promise<string> {
    return (await this.newUser(role)).token;
  }

  /** A new, separate user with `role`, and a token of theirs. */
  async newUser(role: Role): Promise<{ id: string; email: string; name: string; token: string }> {
    const accounts = this.app.get(AccountsService);
    const email = `${role}-${++this.userCount}-${Date.now()}@example.org`;
    const name = `Test ${role} ${this.userCount}`;
    const user = await accounts.createUser({ email, name, role, password: testPassword });
    const { token } = await accounts.createToken({ email, name: 'e2e' });
    return { id: user.id, email, name, token };
  }

  /**
   * Logs `user` in through the login form over plain HTTP, as a browser would:
   * the cookies to send, and a CSRF token for the session's forms.
   */
  async webSession(user: { email: string }): Promise<WebSession> {
    return logInOverHttp(this.baseUrl, user.email, testPassword);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    // Redirects are answers to check (web pages send visitors to /login), not to follow.
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }
}

/** The CSRF token of the first form on an HTML page. */
export function csrfTokenIn(html: string): string {
  const token = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(html)?.[1];
  if (token === undefined) throw new Error('the page has no form with a CSRF token');
  return token;
}

/**
 * Logs in through the login form over plain HTTP, as a browser would: the
 * cookies to send, and a CSRF token for the session's forms.
 */
export async function logInOverHttp(baseUrl: string, email: string, password: string): Promise<WebSession> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = pair!.split('=', 2);
      jar.set(name!, value ?? '');
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const form = await fetch(`${baseUrl}/login`);
  keep(form);
  const loggedIn = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfTokenIn(await form.text()), email, password }),
    redirect: 'manual',
  });
  keep(loggedIn);
  if (loggedIn.status !== 303) throw new Error(`login as ${email} answered ${loggedIn.status}`);
  // Tokens are bound to the session: take one from a page seen while logged in.
  const page = await fetch(`${baseUrl}/claims`, { headers: { cookie: cookie() }, redirect: 'manual' });
  return { cookie: cookie(), csrf: csrfTokenIn(await page.text()) };
}
