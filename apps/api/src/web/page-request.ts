import type { FastifyRequest } from 'fastify';

/** Requests that are not web pages: the JSON API, health, OpenAPI and static files. */
export const notPages = /^\/(api|health|docs|assets)(\/|$|\?)/;

/** True for a browser asking for a page (not the API, health, docs or assets). */
export function isPageRequest(request: FastifyRequest): boolean {
  return !notPages.test(request.url) && (request.headers.accept ?? '').includes('text/html');
}
