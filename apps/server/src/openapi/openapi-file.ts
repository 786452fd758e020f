import { fileURLToPath } from 'node:url';
import type { OpenAPIObject } from 'openapi3-ts';
import { format, resolveConfig } from 'prettier';
import { buildOpenApiDocument } from './openapi-document';

/** The committed copy of the document (docs/openapi.json at the repository root). */
export const OPENAPI_FILE = fileURLToPath(new URL('../../../../docs/openapi.json', import.meta.url));

/** The committed file's exact text: the document formatted as the repository's prettier config says. */
export async function renderOpenApiFile(document: OpenAPIObject = buildOpenApiDocument()): Promise<string> {
  const options = await resolveConfig(OPENAPI_FILE);
  return format(JSON.stringify(document), { ...options, filepath: OPENAPI_FILE });
}
