import SwaggerParser from '@apidevtools/swagger-parser';
import {
  CRITERIA_MAX_LENGTH,
  DESCRIPTION_MAX_LENGTH,
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  marketSegmentsContract,
  NAME_MAX_LENGTH,
} from '@finx/contract';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import type {
  MediaTypeObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from 'openapi3-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type ErrorStatus } from '../../src/errors/api-error';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document';
import { OPENAPI_FILE, renderOpenApiFile } from '../../src/openapi/openapi-file';
import { startTestServer, type TestServer } from '../support';

const document = buildOpenApiDocument();
/** The document with every $ref replaced by its target (swagger-parser works on a copy). */
let resolved: OpenAPIObject;

beforeAll(async () => {
  resolved = (await SwaggerParser.dereference(
    structuredClone(document) as never,
  )) as unknown as OpenAPIObject;
});

const routes = Object.entries(marketSegmentsContract).map(([name, route]) => ({
  name,
  route,
  path: route.path.replace(/:(\w+)/g, '{$1}'),
  method: route.method.toLowerCase(),
}));

function operation(doc: OpenAPIObject, path: string, method: string): OperationObject {
  const found = (doc.paths[path] as Record<string, OperationObject> | undefined)?.[method];
  if (found === undefined) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  return found;
}

const byName = (doc: OpenAPIObject, name: string) => {
  const entry = routes.find((candidate) => candidate.name === name);
  if (entry === undefined) throw new Error(`No operation ${name} in the contract`);
  return operation(doc, entry.path, entry.method);
};

function responsesOf(op: OperationObject): [number, ResponseObject][] {
  return Object.entries(op.responses).map(([status, response]) => [
    Number(status),
    response as ResponseObject,
  ]);
}

function examplesWithSchemas(
  doc: OpenAPIObject,
): { where: string; schema: SchemaObject; example: unknown }[] {
  const found: { where: string; schema: SchemaObject; example: unknown }[] = [];
  const addMedia = (where: string, media: MediaTypeObject | undefined) => {
    if (media?.schema !== undefined && media.example !== undefined) {
      found.push({ where, schema: media.schema as SchemaObject, example: media.example });
    }
  };
  for (const { path, method } of routes) {
    const op = operation(doc, path, method);
    const label = `${method.toUpperCase()} ${path}`;
    for (const parameter of (op.parameters ?? []) as ParameterObject[]) {
      if (parameter.example !== undefined && parameter.schema !== undefined) {
        found.push({
          where: `${label} ${parameter.name}`,
          schema: parameter.schema,
          example: parameter.example,
        });
      }
    }
    for (const [type, media] of Object.entries(
      (op.requestBody as RequestBodyObject | undefined)?.content ?? {},
    )) {
      addMedia(`${label} body ${type}`, media);
    }
    for (const [status, response] of responsesOf(op))
      addMedia(`${label} ${status}`, response.content?.['application/json']);
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.0 document (swagger-parser)', async () => {
    const api = await SwaggerParser.validate(structuredClone(document) as never);
    expect(api).toHaveProperty('openapi', '3.0.2');
  });

  it('is what the committed docs/openapi.json holds (after changing the contract, run `npm run openapi`)', async () => {
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    const isCurrent = committed === (await renderOpenApiFile(document));
    expect(isCurrent, 'docs/openapi.json is stale: run `npm run openapi` and commit it').toBe(true);
  });

  it('has every operation of the contract, with its summary, description and every response status', () => {
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map(({ method, path }) => `${method} ${path}`).sort());
    for (const { name, route, path, method } of routes) {
      const op = operation(document, path, method);
      expect(op).toMatchObject({ operationId: name, summary: route.summary, description: route.description });
      expect(Object.keys(op.responses).sort()).toEqual(Object.keys(route.responses).sort());
      for (const [, response] of responsesOf(op)) {
        expect(response.description).not.toMatch(/^\d+$/);
        expect(Object.keys(response.headers ?? {})).toContain('X-Request-Id');
      }
    }
  });

  it('gives every error status the envelope schema with its type and an example', () => {
    let errorResponses = 0;
    for (const { path, method } of routes) {
      for (const [status, response] of responsesOf(operation(resolved, path, method))) {
        if (status < 400) continue;
        errorResponses += 1;
        const media = response.content?.['application/json'];
        const schema = media?.schema as SchemaObject;
        expect(schema.required).toEqual(['type', 'message', 'request_id']);
        expect(Object.keys(schema.properties ?? {})).toEqual(['type', 'message', 'param', 'request_id']);
        expect(schema.additionalProperties).toBe(false);
        const type = new ApiError(status as ErrorStatus, 'x').type;
        expect((schema.properties?.['type'] as SchemaObject).enum, `${method} ${path} ${status}`).toEqual([
          type,
        ]);
        expect(media?.example).toMatchObject({ type, request_id: expect.stringMatching(/^req_/) });
      }
    }
    expect(errorResponses).toBeGreaterThanOrEqual(5 * 6);
  });

  it('has examples that all satisfy their schemas, the vendor page\'s "Tech Enthusiasts" among them', () => {
    const ajv = new Ajv({ allErrors: true });
    ajv.addKeyword('example');
    const examples = examplesWithSchemas(resolved);
    for (const { where, schema, example } of examples) {
      const validate = ajv.compile(schema);
      expect(validate(example), `${where}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(examples.length).toBeGreaterThanOrEqual(40);
    expect(byName(resolved, 'retrieve').responses['200'].content['application/json'].example).toEqual({
      id: 'xgQQXg3hrtjh7AvZ',
      name: 'Tech Enthusiasts',
      criteria: 'Customers interested in technology products',
      description: 'Segment of customers who frequently purchase technology products.',
      created_at: 705103200,
      updated_at: 705103200,
    });
  });

  it('requires the Bearer scheme on every operation', () => {
    expect(document.components?.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    for (const { path, method } of routes) expect(operation(document, path, method).security).toBeUndefined();
  });

  it('accepts create and update bodies as JSON and as form fields, with the text limits', () => {
    const limits = {
      name: NAME_MAX_LENGTH,
      criteria: CRITERIA_MAX_LENGTH,
      description: DESCRIPTION_MAX_LENGTH,
    };
    for (const name of ['create', 'update']) {
      const body = byName(resolved, name).requestBody as RequestBodyObject;
      expect(Object.keys(body.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
      expect(body.required).toBe(name === 'create');
      for (const media of Object.values(body.content)) {
        const schema = media.schema as SchemaObject;
        expect(schema.additionalProperties).toBe(false);
        expect(schema.required).toEqual(name === 'create' ? ['name', 'criteria', 'description'] : undefined);
        for (const [field, max] of Object.entries(limits)) {
          expect(schema.properties?.[field]).toMatchObject({ type: 'string', minLength: 1, maxLength: max });
        }
      }
    }
    expect(byName(resolved, 'delete').requestBody).toBeUndefined();
  });

  it('states the list parameters with their limits', () => {
    const parameters = byName(resolved, 'list').parameters as ParameterObject[];
    const schemas = Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema]));
    expect(parameters.every((parameter) => parameter.in === 'query' && parameter.required !== true)).toBe(
      true,
    );
    expect(schemas).toEqual({
      limit: { type: 'integer', minimum: 1, maximum: LIST_LIMIT_MAX, default: LIST_LIMIT_DEFAULT },
      name: { type: 'string', minLength: 1, maxLength: NAME_MAX_LENGTH },
      criteria: { type: 'string', minLength: 1, maxLength: CRITERIA_MAX_LENGTH },
      starting_after: { type: 'string', pattern: '^[0-9A-Za-z]{16}$' },
      ending_before: { type: 'string', pattern: '^[0-9A-Za-z]{16}$' },
    });
  });
});

describe('GET /openapi.json', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('serves the document as JSON without a token', async () => {
    const response = await fetch(`${server.baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
