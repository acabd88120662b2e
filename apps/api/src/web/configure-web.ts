import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import { AccountsService, hasRole } from '@claimdesk/accounts';
import type { Runtime } from '@claimdesk/runtime';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { CsrfTokens } from './csrf';
import { notPages } from './page-request';
import { mountQueueDashboard, queueDashboardPath } from './queue-dashboard';
import { renderErrorPage } from './page-error.filter';
import { loadSessionSecret } from './session-secret';
import { sessionTokenOf } from './session-cookie';
import { ShownSecrets } from './shown-secrets';
import { registerViewHelpers } from './view-helpers';

declare module 'fastify' {
  interface FastifyReply {
    /** Set by @fastify/view; merged into every template's data. */
    locals: Record<string, unknown> | null;
  }
}

const viewsDir = path.join(__dirname, 'views');
const assetsDir = path.join(__dirname, 'assets');

const pageCsp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  scriptSrcAttr: ["'none'"],
};

/**
 * Swagger UI and the queue dashboard are third-party pages with inline styles
 * (and, for Swagger UI, an inline bootstrap script): they get a CSP of their own.
 */
const thirdPartyCsp =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

/**
 * The web UI's plumbing on the app's Fastify instance: signed cookies, the
 * session lookup, CSRF checks on every form post, security headers with a
 * strict Content-Security-Policy, Handlebars views, static assets and the
 * admin-only queue dashboard.
 */
export async function configureWeb(app: NestFastifyApplication, runtime: Runtime): Promise<void> {
  const secret = await loadSessionSecret(runtime.config);
  const accounts = app.get(AccountsService);
  const fastify = app.getHttpAdapter().getInstance();

  await app.register(fastifyCookie, { secret });
  await app.register(fastifyHelmet, {
    // Not upgrade-insecure-requests: plain http on a laptop must keep working.
    contentSecurityPolicy: { useDefaults: false, directives: pageCsp },
    // Over plain http (a laptop, the tests) HSTS would be ignored; behind https it is set.
    strictTransportSecurity: false,
    // Not no-referrer: with it, browsers send `Origin: null` on our own form posts. Links to
    // sources still leak nothing, since other origins get no Referer.
    referrerPolicy: { policy: 'same-origin' },
  });
  const csrf = new CsrfTokens(createHmac('sha256', secret).update('csrf').digest());
  app.get(ShownSecrets).useKey(createHmac('sha256', secret).update('shown-secret').digest());

  fastify.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/docs') || request.url.startsWith(queueDashboardPath)) {
      void reply.header('content-security-policy', thirdPartyCsp);
    }
    if (notPages.test(request.url)) return;
    const token = sessionTokenOf(request);
    if (token === undefined) return;
    const principal = await accounts.authenticateSession(token);
    if (principal !== null) (request as AuthenticatedRequest).principal = principal;
  });

  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(queueDashboardPath)) return undefined;
    const principal = (request as AuthenticatedRequest).principal;
    if (principal === undefined) return reply.redirect(`/login?next=${encodeURIComponent(queueDashboardPath)}`, 303);
    if (!hasRole(principal.role, 'admin')) return refuse(reply, 'The queue dashboard is for admins.');
    // Its buttons (retry, clean, pause) send fetch requests: those must come from this site.
    if (request.method !== 'GET' && request.method !== 'HEAD' && !sameOrigin(request, true)) {
      return refuse(reply, 'This request came from another site, so it was refused.');
    }
    return undefined;
  });

  fastify.addHook('preHandler', async (request, reply) => {
    if (notPages.test(request.url) || request.url.startsWith(queueDashboardPath)) return undefined;
    void reply.header('cache-control', 'no-store');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const refusal = refusalOfPost(request);
      if (refusal !== undefined) return renderErrorPage(reply, 403, refusal);
    }
    // Every page (a form shown again after an error too) gets a fresh token for its forms.
    const principal = (request as AuthenticatedRequest).principal;
    reply.locals = { ...reply.locals, csrfToken: csrf.issue(request, reply), currentUser: principal ?? null };
    return undefined;
  });

  /**
   * The 403 page for a dashboard route: its replies carry bull-board's own view
   * engine, so the page is rendered with ours (the root instance's) and sent as is.
   */
  async function refuse(reply: FastifyReply, detail: string): Promise<FastifyReply> {
    const html = await fastify.view('error', { title: 'You cannot open this page', status: 403, detail });
    return reply.code(403).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  }

  /** Why a form post is refused, or undefined when it may go on. */
  function refusalOfPost(request: FastifyRequest): string | undefined {
    if (!sameOrigin(request)) return 'This form was sent from another site, so it was refused.';
    return csrf.verify(request)
      ? undefined
      : 'The form had expired or did not come from this site. Go back, reload the page and send it again.';
  }

  // Before our own @fastify/view: bull-board registers another in its own scope.
  await mountQueueDashboard(app);

  const handlebars = Handlebars.create();
  registerViewHelpers(handlebars);
  await app.register(fastifyView, {
    engine: { handlebars },
    root: viewsDir,
    viewExt: 'hbs',
    options: {
      partials: partialsIn(path.join(viewsDir, 'partials')),
      // Indented partials would otherwise indent every line of multi-line text (textareas, <pre>).
      compileOptions: { preventIndent: true },
    },
    // Templates are read once; a change needs a restart (or a rebuild with npm start).
    production: true,
  });
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1h',
  });
  // htmx comes from node_modules, so the version served is the one package.json pins.
  const htmx = readFileSync(require.resolve('htmx.org/dist/htmx.min.js'));
  fastify.get('/assets/htmx.min.js', (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(htmx),
  );
}

/**
 * A form post must come from our own pages: browsers send Origin (or at least
 * Sec-Fetch-Site) with every cross-site post, so a mismatch is refused before
 * the CSRF token is even looked at.
 */
function sameOrigin(request: FastifyRequest, requireOrigin = false): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return !requireOrigin;
  return origin === `${request.protocol}://${request.host}`;
}

/** Every `partials/*.hbs` file, registered under its name. */
function partialsIn(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.hbs'))
      .map((file) => [path.basename(file, '.hbs'), path.join('partials', file)]),
  );
}
