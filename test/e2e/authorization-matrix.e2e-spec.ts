import { randomUUID } from 'node:crypto';
import { type CanActivate, type ExecutionContext, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { isRole, type Role, roles } from '@claimdesk/accounts';
import { DomainError } from '@claimdesk/errors';
import { queueBackends } from '@claimdesk/testing';
import { type ApiResponse, TestApi } from '../support/api-harness';

// The metadata keys of the MinRole and Public decorators (apps/api/src/auth/access.decorators.ts),
// spelled out because the api app does not export them.
const minRoleKey = 'claimdesk:min-role';
const publicKey = 'claimdesk:public';
// And of WebPages (apps/api/src/web/web-pages.decorator.ts): web pages are served at the root.
const webPagesKey = 'claimdesk:web-pages';

// The contract's order: each role can do what the ones before it can. Written out here
// rather than taken from the code under test, and checked against it below.
const roleOrder = ['submitter', 'reviewer', 'editor', 'admin'] as const satisfies readonly Role[];

// CONTRACT.md: paths are under /api/v1, except /health/*, served at the root.
const globalPrefix = '/api/v1';
const servedAtRoot = /^\/health(\/|$)/;

type Caller = 'anonymous' | 'a wrong token' | Role;

interface DiscoveredRoute {
  /** `Controller.handler`, to name the route in failures. */
  handler: string;
  method: string;
  /** The path as registered, with its parameters: /api/v1/claims/:id. */
  pattern: string;
  isPublic: boolean;
  /** The declared MinRole, as found: not necessarily a role. */
  minRole: unknown;
  /** A web page (session cookie, HTML) rather than a JSON API route. */
  isPage: boolean;
}

describe('the authorization matrix, generated from the registered routes', () => {
  let api: TestApi;
  let routes: DiscoveredRoute[];

  beforeAll(async () => {
    api = await TestApi.start(queueBackends()[0]!);
    routes = discoverRoutes(api);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('finds every controller route, each served where the contract says', () => {
    const names = routes.map(describeRoute);
    // The discovery itself must work, or every check below would pass vacuously.
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/v1/claims',
        'GET /api/v1/claims/:id',
        'POST /api/v1/sources',
        'GET /api/v1/sources/:id/candidates',
        'POST /api/v1/sources/:id/extractions',
        'POST /api/v1/sources/:id/candidates/:candidateId/promote',
        'GET /sources/:id/candidates',
        'POST /sources/:id/extractions',
        'POST /sources/:id/candidates/:candidateId/promote',
        'GET /health/live',
        'GET /health/ready',
        'GET /login',
        'POST /login',
      ]),
    );
    const fastify: FastifyInstance = api.app.getHttpAdapter().getInstance();
    const unserved = routes
      .filter((route) => !fastify.hasRoute({ method: route.method, url: route.pattern }))
      .map((route) => `${describeRoute(route)} (${route.handler}) is not registered at that path`);
    expect(unserved).toEqual([]);
  });

  it('has every route declare exactly one of MinRole or Public (a route with neither is refused to everyone)', () => {
    const undeclared = routes.flatMap((route) => {
      const name = `${describeRoute(route)} (${route.handler})`;
      if (route.isPublic && route.minRole !== undefined) return [`${name} declares both Public and MinRole`];
      if (!route.isPublic && route.minRole === undefined) return [`${name} declares neither MinRole nor Public`];
      if (!route.isPublic && !isRole(route.minRole))
        return [`${name} declares MinRole(${JSON.stringify(route.minRole)})`];
      return [];
    });
    expect(undeclared).toEqual([]);
  });

  it('orders the roles as the contract does', () => {
    expect(roles).toEqual(roleOrder);
  });

  const callers: Caller[] = ['anonymous', 'a wrong token', ...roleOrder];
  it.each(callers)('answers %s on every route as the declared role says', async (caller) => {
    const token =
      caller === 'anonymous'
        ? undefined
        : caller === 'a wrong token'
          ? 'cd_not-a-token-we-issued'
          : await api.token(caller);
    const failures: string[] = [];
    for (const route of routes) {
      const response = await api.request(route.method, fillParameters(route.pattern), {
        token,
        ...(route.method === 'POST' ? { body: {} } : {}),
      });
      const problem = wrongAnswer(route, caller, response);
      if (problem !== undefined) failures.push(`${describeRoute(route)} as ${caller}: ${problem}`);
    }
    expect(routes.length).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });

  it.each(roleOrder)('answers the web pages as the declared role says to a logged-in %s', async (role) => {
    const session = await api.webSession(await api.newUser(role));
    // Logging out ends the session the other pages are probed with: it goes last.
    const pages = routes
      .filter((route) => route.isPage)
      .sort((a, b) => Number(a.pattern === '/logout') - Number(b.pattern === '/logout'));
    const failures: string[] = [];
    for (const route of pages) {
      const post = route.method !== 'GET';
      const response = await fetch(`${api.baseUrl}${fillParameters(route.pattern)}`, {
        method: route.method,
        headers: { cookie: session.cookie, ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: post ? new URLSearchParams({ _csrf: session.csrf }) : undefined,
        redirect: 'manual',
      });
      const page = await response.text();
      const name = `${describeRoute(route)} as ${role}`;
      const toLogin = response.status === 303 && response.headers.get('location')?.startsWith('/login') === true;
      if (route.isPublic) {
        // (Logging out, a public route, rightly ends at the login page.)
        if (response.status === 403) failures.push(`${name}: public page answered ${response.status}`);
      } else if (!isRole(route.minRole)) {
        failures.push(`${name}: declares no role`);
      } else if (roleOrder.indexOf(role) < roleOrder.indexOf(route.minRole)) {
        if (response.status !== 403 || !page.includes(`needs the ${route.minRole} role`))
          failures.push(`${name}: expected the 403 page (needs ${route.minRole}), got ${response.status}`);
      } else if (response.status === 403 || toLogin) {
        failures.push(`${name}: expected access (needs ${route.minRole}), got ${response.status}`);
      }
    }
    expect(pages.length).toBeGreaterThan(3);
    expect(failures).toEqual([]);
  });

  it('refuses a route that declares no role to every caller, even an admin (default deny)', async () => {
    const guard = authGuardOf(api);
    const admin = `Bearer ${await api.token('admin')}`;

    class Undeclared {
      handle(): void {}
    }
    const refused = guard.canActivate(fakeHttpContext(Undeclared, Undeclared.prototype.handle, admin));
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ kind: 'forbidden', code: 'route.no_role' });

    // The same fake context with a declared role goes through: the refusal above
    // comes from the missing declaration, not from the fake context.
    class Declared {
      handle(): void {}
    }
    Reflect.defineMetadata(minRoleKey, 'admin', Declared.prototype.handle);
    await expect(guard.canActivate(fakeHttpContext(Declared, Declared.prototype.handle, admin))).resolves.toBe(true);
  });
});

function describeRoute(route: DiscoveredRoute): string {
  return `${route.method} ${route.pattern}`;
}

/** Why the response is not what the route's declaration promises this caller, or undefined. */
function wrongAnswer(route: DiscoveredRoute, caller: Caller, response: ApiResponse<unknown>): string | undefined {
  const { status } = response;
  if (route.isPage) return wrongPageAnswer(route, response);
  if (route.isPublic) return status === 401 || status === 403 ? `public route answered ${status}` : undefined;
  if (caller === 'anonymous' || caller === 'a wrong token') {
    if (status !== 401) return `expected 401, got ${status}`;
    return problemMismatch(response, 401);
  }
  // Undeclared: the declaration test names it; here the guard must still deny it to everyone.
  if (route.minRole === undefined) {
    if (status !== 403) return `expected 403 for a route without a role, got ${status}`;
    return problemMismatch(response, 403, 'route.no_role');
  }
  if (!isRole(route.minRole)) return `declares the unknown role ${JSON.stringify(route.minRole)}`;
  if (roleOrder.indexOf(caller) < roleOrder.indexOf(route.minRole)) {
    if (status !== 403) return `expected 403 (needs ${route.minRole}), got ${status}`;
    return problemMismatch(response, 403, 'auth.role_too_low');
  }
  return status === 401 || status === 403 ? `expected access (needs ${route.minRole}), got ${status}` : undefined;
}

/**
 * Web pages never take a bearer token: without a session, a form post is refused
 * for want of a CSRF token (public or not), and a page sends the caller to log in.
 */
function wrongPageAnswer(route: DiscoveredRoute, response: ApiResponse<unknown>): string | undefined {
  const { status } = response;
  const contentType = response.headers.get('content-type') ?? '';
  if (route.method !== 'GET') {
    if (status !== 403 || !contentType.startsWith('text/html'))
      return `expected a 403 page (no CSRF token), got ${status}`;
    return undefined;
  }
  if (route.isPublic) return status === 401 || status === 403 ? `public page answered ${status}` : undefined;
  const location = response.headers.get('location') ?? '';
  return status === 303 && location.startsWith('/login?next=')
    ? undefined
    : `expected 303 to /login, got ${status} ${location}`;
}

function problemMismatch(response: ApiResponse<unknown>, status: number, code?: string): string | undefined {
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('application/problem+json')) return `content-type ${contentType}, not problem+json`;
  const body = response.body as { status?: unknown; code?: unknown } | null;
  if (body?.status !== status) return `problem status ${String(body?.status)}, not ${status}`;
  if (code !== undefined && body.code !== code) return `problem code ${String(body.code)}, not ${code}`;
  return undefined;
}

/** Every route of every controller in the running app, as Nest's router explorer sees them. */
function discoverRoutes(api: TestApi): DiscoveredRoute[] {
  const reflector = api.app.get(Reflector);
  const scanner = new MetadataScanner();
  const found: DiscoveredRoute[] = [];
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (controller === null) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      const controllerPaths = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const routePath: unknown = Reflect.getMetadata(PATH_METADATA, handler);
        if (routePath === undefined) continue;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const targets = [handler, controller];
        const isPublic = reflector.getAllAndOverride<boolean | undefined>(publicKey, targets) === true;
        const minRole = reflector.getAllAndOverride<unknown>(minRoleKey, targets);
        const isPage = reflector.getAllAndOverride<boolean | undefined>(webPagesKey, targets) === true;
        for (const controllerPath of controllerPaths) {
          for (const path of pathsOf(routePath)) {
            const joined = `/${[controllerPath, path]
              .map(trimSlashes)
              .filter((part) => part !== '')
              .join('/')}`;
            found.push({
              handler: `${controller.name}.${name}`,
              // @All() routes answer every method: GET stands for them.
              method: requestMethod === RequestMethod.ALL ? 'GET' : RequestMethod[requestMethod],
              pattern: isPage || servedAtRoot.test(joined) ? joined : `${globalPrefix}${joined === '/' ? '' : joined}`,
              isPublic,
              minRole,
              isPage,
            });
          }
        }
      }
    }
  }
  return found;
}

function pathsOf(metadata: unknown): string[] {
  if (metadata === undefined) return ['/'];
  return (Array.isArray(metadata) ? metadata : [metadata]).map(String);
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

/** A concrete URL for a route pattern: a random UUID for every parameter. */
function fillParameters(pattern: string): string {
  return pattern
    .replace(/\{\*\w+\}|\*\w*/g, 'probe')
    .replace(/:\w+/g, () => randomUUID())
    .replace(/[{}]/g, '');
}

/** The AuthGuard instance the app registered as a global guard (APP_GUARD). */
function authGuardOf(api: TestApi): CanActivate {
  const guards = [...api.app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.providers.values()].filter((wrapper) => wrapper.metatype?.name === 'AuthGuard'),
  );
  expect(guards).toHaveLength(1);
  const guard = guards[0]!.instance as CanActivate | undefined;
  expect(typeof guard?.canActivate).toBe('function');
  return guard!;
}

/** An HTTP ExecutionContext for `handler` of `controller`, with the given Authorization header. */
function fakeHttpContext(controller: Type, handler: () => void, authorization: string): ExecutionContext {
  const request = {
    method: 'GET',
    url: '/undeclared',
    headers: { authorization },
    routeOptions: { url: '/undeclared' },
  };
  const reply = {};
  const args = [request, reply, () => undefined];
  const http = { getRequest: () => request, getResponse: () => reply, getNext: () => args[2] };
  return {
    getClass: () => controller,
    getHandler: () => handler,
    getArgs: () => args,
    getArgByIndex: (index: number) => args[index],
    getType: () => 'http',
    switchToHttp: () => http,
    switchToRpc: () => {
      throw new Error('not an RPC context');
    },
    switchToWs: () => {
      throw new Error('not a WebSocket context');
    },
  } as unknown as ExecutionContext;
}
