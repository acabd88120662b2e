import { applyDecorators, SetMetadata, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageErrorFilter } from './page-error.filter';

export const webPagesKey = 'claimdesk:web-pages';

/**
 * Marks a controller as web pages: callers are signed in by their session
 * cookie (never by a bearer token), errors render as HTML pages, and the
 * routes stay out of the OpenAPI document.
 */
export const WebPages = () =>
  applyDecorators(SetMetadata(webPagesKey, true), UseFilters(PageErrorFilter), ApiExcludeController());
