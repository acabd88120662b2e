import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document, generated from the controllers and DTOs. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Claimdesk API')
    .setDescription(
      'Fact-check and claim-tracking workflow. Authenticate with `Authorization: Bearer <token>` ' +
        '(`npm run cli -- token:create --email …`). Errors are application/problem+json (RFC 9457) ' +
        'with a stable `code`; lists page with `limit` (≤ 100) and `cursor` (the previous `nextCursor`).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token from token:create' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the interactive docs at /docs and the spec at /docs/openapi.json. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Claimdesk API',
  });
}
