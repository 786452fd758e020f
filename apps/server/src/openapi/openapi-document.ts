import { marketSegmentsContract } from '@finx/contract';
import { generateOpenApi } from '@ts-rest/open-api';
import type { OpenAPIObject } from 'openapi3-ts';
import { enrichOpenApiDocument } from './openapi-enrichment';

export const API_TITLE = 'Fin X Market Segments API';
export const API_VERSION = '1.0.0';

/** The OpenAPI 3 document of the API, generated from the contract (the single source of truth). */
export function buildOpenApiDocument(): OpenAPIObject {
  const generated = generateOpenApi(
    marketSegmentsContract,
    { info: { title: API_TITLE, version: API_VERSION } },
    { setOperationId: true },
  );
  return enrichOpenApiDocument(generated);
}
