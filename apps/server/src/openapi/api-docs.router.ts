import { Router } from 'express';
import type { OpenAPIObject } from 'openapi3-ts';
import swaggerUi, { type SwaggerUiOptions } from 'swagger-ui-express';
import { API_TITLE, buildOpenApiDocument } from './openapi-document';

const UI_OPTIONS: SwaggerUiOptions = {
  customSiteTitle: `${API_TITLE} reference`,
  swaggerOptions: {
    // The default validator badge calls validator.swagger.io: the page must make no outside request.
    validatorUrl: null,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 1,
  },
};

/**
 * GET /openapi.json (the document) and GET /docs (Swagger UI over it, every asset served from the
 * installed swagger-ui-dist package, so it works offline). No token needed.
 */
export function apiDocsRouter(document: OpenAPIObject = buildOpenApiDocument()): Router {
  const router = Router();
  const page = swaggerUi.setup(document, UI_OPTIONS);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  // The page loads its assets by relative URLs, so it must be served as /docs/.
  router.get('/docs', (req, res, next) => {
    if (req.originalUrl.split('?', 1)[0]?.endsWith('/')) {
      page(req, res, next);
    } else {
      res.redirect(301, `${req.baseUrl}/docs/`);
    }
  });
  // swagger-ui-express answers its own /package.json with a plain-text 404: leave it to our JSON one.
  router.use('/docs/package.json', (_req, _res, next) => next('router'));
  router.use('/docs', swaggerUi.serveFiles(document, UI_OPTIONS));
  return router;
}
