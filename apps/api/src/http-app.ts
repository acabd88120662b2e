import type { IncomingMessage } from 'node:http';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { correlationIdFrom, enterCorrelationId, PinoNestLogger } from '@claimdesk/observability';
import type { Runtime } from '@claimdesk/runtime';
import { serveOpenApi } from './openapi/openapi';
import { configureWeb } from './web/configure-web';

export const bodyLimitBytes = 1024 * 1024;

/**
 * Creates the Fastify-based Nest app for a root module that includes the API:
 * request ids that become correlation ids, one JSON log line per request, and
 * the 1 MiB body limit.
 */
export async function createHttpApp(root: DynamicModule, runtime: Runtime): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: bodyLimitBytes,
    trustProxy: false,
    genReqId: (request: IncomingMessage) => correlationIdFrom(request.headers['x-request-id']),
  });
  const fastify = adapter.getInstance();
  // The API speaks JSON only: a text/plain body is 415, not a string to validate.
  fastify.removeContentTypeParser(['text/plain']);
  // onRequest covers the early phases; preHandler re-enters after the body has
  // been read, whose stream events run outside the request's async context.
  fastify.addHook('onRequest', (request, reply, done) => {
    enterCorrelationId(request.id);
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    enterCorrelationId(request.id);
    done();
  });
  const httpLog = runtime.logger.child({ context: 'http' });
  fastify.addHook('onResponse', (request, reply, done) => {
    httpLog.info(
      {
        correlationId: request.id,
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    logger: new PinoNestLogger(runtime.logger),
    abortOnError: false,
  });
  await configureWeb(app, runtime);
  serveOpenApi(app);
  return app;
}

/** Starts listening on HOST:PORT and logs the address. */
export async function listen(app: NestFastifyApplication, runtime: Runtime): Promise<string> {
  await app.listen(runtime.config.port, runtime.config.host);
  const url = await app.getUrl();
  runtime.logger.info({ context: 'Bootstrap' }, `Claimdesk ${runtime.role} listening on ${url}`);
  return url;
}
