import { CRITERIA_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH } from '@finx/contract';
import { STATUS_CODES } from 'node:http';
import {
  isReferenceObject,
  type HeadersObject,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type ResponseObject,
  type SchemaObject,
} from 'openapi3-ts';
import type { ErrorStatus } from '../errors/api-error';
import { MAX_BODY_BYTES } from '../http/body-parser.middleware';
import {
  CREATE_EXAMPLE,
  ERROR_EXAMPLES,
  LIST_EXAMPLE,
  REQUEST_ID_EXAMPLE,
  TECH_ENTHUSIASTS,
  UPDATE_EXAMPLE,
  UPDATED_TECH_ENTHUSIASTS,
} from './openapi-examples';

// Adds to the generated document what @ts-rest/open-api cannot know from the contract: the security
// scheme, form-encoded bodies, the text limits (enforced by refinements it cannot read), descriptions,
// headers and the vendor page's examples.

const TAG = 'Market segments';
const SECURITY_SCHEME = 'bearerAuth';
const MARKET_SEGMENT = 'MarketSegment';
const FORM = 'application/x-www-form-urlencoded';
const JSON_MEDIA = 'application/json';

/** The text fields and their limits, in characters after trimming (the contract's own constants). */
const TEXT_LIMITS: Readonly<Record<string, number>> = {
  name: NAME_MAX_LENGTH,
  criteria: CRITERIA_MAX_LENGTH,
  description: DESCRIPTION_MAX_LENGTH,
};

/** The vendor page's wording for the segment's properties. */
const SEGMENT_PROPERTY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  id: 'Unique identifier for the market segment: 16 characters of [0-9A-Za-z].',
  name: 'Name of the market segment.',
  criteria: 'Criteria used to define the market segment.',
  description: 'Description of the market segment.',
  created_at: 'Timestamp of when the market segment was created (Unix time in seconds).',
  updated_at: 'Timestamp of when the market segment was last updated (Unix time in seconds).',
};

interface InvalidRequestExample {
  readonly message: string;
  readonly param: string;
}

interface OperationExamples {
  readonly body?: object;
  /** A 400 this operation typically gives. */
  readonly invalid: InvalidRequestExample;
  readonly success: object | undefined;
  readonly successDescription: string;
}

const UNKNOWN_QUERY_PARAMETER = { message: 'Unknown query parameter: expand', param: 'expand' };

const OPERATION_EXAMPLES: Readonly<Record<string, OperationExamples>> = {
  list: {
    success: LIST_EXAMPLE,
    successDescription: 'A page of market segments, newest first',
    invalid: { message: 'limit must be an integer between 1 and 100', param: 'limit' },
  },
  create: {
    body: CREATE_EXAMPLE,
    success: TECH_ENTHUSIASTS,
    successDescription: 'The new market segment; Location gives its URL',
    invalid: { message: 'name is required', param: 'name' },
  },
  retrieve: {
    success: TECH_ENTHUSIASTS,
    successDescription: 'The market segment',
    invalid: UNKNOWN_QUERY_PARAMETER,
  },
  update: {
    body: UPDATE_EXAMPLE,
    success: UPDATED_TECH_ENTHUSIASTS,
    successDescription: 'The market segment after the update',
    invalid: { message: 'criteria must not be empty', param: 'criteria' },
  },
  delete: {
    success: undefined,
    successDescription: 'Deleted, permanently; no body',
    invalid: UNKNOWN_QUERY_PARAMETER,
  },
};

const INFO_DESCRIPTION = `Market segments categorise customers by market criteria such as demographics, behaviour
and preferences. This API lets you query, create, update and delete them.

**Authentication.** Every \`/v1\` request needs \`Authorization: Bearer <token>\` (click *Authorize*).
Tokens are created with \`npm run tokens -- create --account <name>\`; the first start prints one.

**Request bodies** are accepted as \`application/json\` or \`application/x-www-form-urlencoded\`
(at most ${MAX_BODY_BYTES / 1024} KiB). Unknown or repeated fields are rejected.

**Pagination.** Lists are newest first; pass the id of a page's last item as \`starting_after\` for the
next page, or of its first item as \`ending_before\` for the previous one. \`has_more\` tells whether
more items exist in that direction.

**Errors** are JSON with one envelope: \`{"type", "message", "param"?, "request_id"}\`. An unknown route
answers \`404\`; a known path with another method answers \`405\` with \`Allow\`.
Every response carries \`X-Request-Id\`.`;

const HEADERS = {
  'X-Request-Id': {
    description: 'The id of this request (yours if you sent a sane X-Request-Id); error bodies repeat it',
    schema: { type: 'string', example: REQUEST_ID_EXAMPLE },
  },
  Location: {
    description: 'The URL of the new market segment',
    schema: { type: 'string', example: `/v1/market-segments/${TECH_ENTHUSIASTS.id}` },
  },
  'WWW-Authenticate': {
    description: 'The authentication scheme',
    schema: { type: 'string', example: 'Bearer' },
  },
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', example: 5 } },
  'RateLimit-Policy': {
    description:
      'The rate limit of your token (IETF draft httpapi-ratelimit-headers): q requests per w seconds',
    schema: { type: 'string', example: '"default";q=1000;w=60' },
  },
  RateLimit: {
    description: 'What is left of it: r requests remaining, the window resets in t seconds',
    schema: { type: 'string', example: '"default";r=998;t=42' },
  },
  ETag: {
    description:
      'The version of this market segment: send it in If-Match (PUT, DELETE) or If-None-Match (GET)',
    schema: { type: 'string', example: `"${TECH_ENTHUSIASTS.id}-1"` },
  },
  'Idempotent-Replayed': {
    description:
      'Present (true) when this is the stored response of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', example: 'true' },
  },
} as const;

function schemaOf(value: SchemaObject | ReferenceObject | undefined): SchemaObject | undefined {
  return value === undefined || isReferenceObject(value) ? undefined : value;
}

function limitTextFields(schema: SchemaObject | undefined): void {
  for (const [field, property] of Object.entries(schema?.properties ?? {})) {
    const max = TEXT_LIMITS[field];
    const target = schemaOf(property);
    if (max !== undefined && target?.type === 'string')
      Object.assign(target, { minLength: 1, maxLength: max });
  }
}

function enrichParameter(parameter: ParameterObject | ReferenceObject): void {
  if (isReferenceObject(parameter)) return;
  const schema = schemaOf(parameter.schema);
  const max = TEXT_LIMITS[parameter.name];
  if (parameter.in === 'query' && max !== undefined && schema !== undefined) {
    Object.assign(schema, { minLength: 1, maxLength: max });
    parameter.description = `Only show records with exactly this ${parameter.name}: ${parameter.description ?? ''}`;
  }
  if (parameter.in === 'path' && parameter.name === 'id') parameter.example = TECH_ENTHUSIASTS.id;
}

function enrichRequestBody(operation: OperationObject, example: object | undefined): void {
  const body = operation.requestBody;
  if (body === undefined || isReferenceObject(body)) return;
  const json = body.content[JSON_MEDIA];
  const schema = schemaOf(json?.schema);
  if (json === undefined || schema === undefined) return;
  limitTextFields(schema);
  json.example = example;
  body.content[FORM] = { schema, example };
  body.required = (schema.required ?? []).length > 0;
  body.description = body.required
    ? 'The new market segment, as JSON or as form fields'
    : 'Any subset of the attributes, as JSON or as form fields; attributes left out keep their value';
}

const headerRef = (name: keyof typeof HEADERS): ReferenceObject => ({ $ref: `#/components/headers/${name}` });

function responseHeaders(status: number, operation: OperationObject): HeadersObject {
  const headers: HeadersObject = { 'X-Request-Id': headerRef('X-Request-Id') };
  const singleSegment = operation.operationId !== 'list' && operation.operationId !== 'delete';
  if (status === 201) headers['Location'] = headerRef('Location');
  if ((status === 200 || status === 201 || status === 304) && singleSegment)
    headers['ETag'] = headerRef('ETag');
  if (status < 300 && operation.operationId !== 'list' && operation.operationId !== 'retrieve') {
    headers['Idempotent-Replayed'] = headerRef('Idempotent-Replayed');
  }
  if (status === 401) headers['WWW-Authenticate'] = headerRef('WWW-Authenticate');
  else {
    // Every response after authentication announces the token's rate limit (when limiting is on).
    headers['RateLimit-Policy'] = headerRef('RateLimit-Policy');
    headers['RateLimit'] = headerRef('RateLimit');
  }
  if (status === 429 || status === 503) headers['Retry-After'] = headerRef('Retry-After');
  return headers;
}

function errorExample(
  status: number,
  schema: SchemaObject | undefined,
  invalid: InvalidRequestExample | undefined,
) {
  const known = status === 400 && invalid !== undefined ? invalid : ERROR_EXAMPLES[status as ErrorStatus];
  const type: unknown = schemaOf(schema?.properties?.['type'])?.enum?.[0];
  return {
    type,
    message: known?.message ?? STATUS_CODES[status] ?? 'Error',
    ...(known?.param === undefined ? {} : { param: known.param }),
    request_id: REQUEST_ID_EXAMPLE,
  };
}

function enrichResponse(
  status: number,
  response: ResponseObject,
  operation: OperationObject,
  examples: OperationExamples | undefined,
): void {
  response.headers = responseHeaders(status, operation);
  const media = response.content?.[JSON_MEDIA];
  if (status < 400) {
    response.description = examples?.successDescription ?? STATUS_CODES[status] ?? String(status);
    if (media !== undefined) media.example = examples?.success;
    return;
  }
  response.description =
    ERROR_EXAMPLES[status as ErrorStatus]?.summary ?? STATUS_CODES[status] ?? String(status);
  if (media !== undefined) media.example = errorExample(status, schemaOf(media.schema), examples?.invalid);
}

function enrichOperation(operation: OperationObject): void {
  const examples = OPERATION_EXAMPLES[operation.operationId ?? ''];
  operation.tags = [TAG];
  for (const parameter of operation.parameters ?? []) enrichParameter(parameter);
  enrichRequestBody(operation, examples?.body);
  for (const [status, response] of Object.entries(operation.responses)) {
    enrichResponse(Number(status), response as ResponseObject, operation, examples);
  }
}

/** Replaces every inline copy of a shared schema (found by structure) with a reference to its component. */
function useComponents(node: unknown, shared: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => useComponents(item, shared));
  if (typeof node !== 'object' || node === null) return node;
  const name = shared.get(JSON.stringify(node));
  if (name !== undefined) return { $ref: `#/components/schemas/${name}` };
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, useComponents(value, shared)]));
}

function operationsOf(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((pathItem) =>
    Object.values(pathItem as Record<string, OperationObject>),
  );
}

function jsonSchemaOf(response: ResponseObject | ReferenceObject | undefined): SchemaObject | undefined {
  return response === undefined || isReferenceObject(response)
    ? undefined
    : schemaOf(response.content?.[JSON_MEDIA]?.schema);
}

/** `not_found` → `NotFoundError`, `api_error` → `ApiError`. */
function errorComponentName(type: string): string {
  const pascal = type.replace(/(^|_)([a-z])/g, (_, _sep: string, letter: string) => letter.toUpperCase());
  return pascal.endsWith('Error') ? pascal : `${pascal}Error`;
}

/** The schemas worth naming: the segment (from retrieve's 200) and each error envelope, by its type. */
function sharedSchemas(document: OpenAPIObject): Map<string, SchemaObject> {
  const shared = new Map<string, SchemaObject>();
  const retrieve = document.paths['/v1/market-segments/{id}']?.get as OperationObject | undefined;
  const segment = jsonSchemaOf(retrieve?.responses['200']);
  if (segment === undefined) throw new Error('The contract has no retrieve operation with a 200 schema');
  shared.set(MARKET_SEGMENT, segment);
  for (const operation of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses)) {
      const schema = jsonSchemaOf(response as ResponseObject);
      const type: unknown = schemaOf(schema?.properties?.['type'])?.enum?.[0];
      if (Number(status) >= 400 && schema !== undefined && typeof type === 'string') {
        shared.set(errorComponentName(type), schema);
      }
    }
  }
  return shared;
}

function describeSegment(segment: SchemaObject): SchemaObject {
  const properties = Object.fromEntries(
    Object.entries(segment.properties ?? {}).map(([name, property]) => [
      name,
      { ...property, description: SEGMENT_PROPERTY_DESCRIPTIONS[name] },
    ]),
  );
  return { ...segment, properties, example: TECH_ENTHUSIASTS };
}

/** Returns the generated document completed for readers: see the note at the top of this file. */
export function enrichOpenApiDocument(generated: OpenAPIObject): OpenAPIObject {
  for (const operation of operationsOf(generated)) enrichOperation(operation);
  const shared = sharedSchemas(generated);
  const byStructure = new Map([...shared].map(([name, schema]) => [JSON.stringify(schema), name]));
  const schemas = Object.fromEntries(
    [...shared].map(([name, schema]) => [
      name,
      name === MARKET_SEGMENT ? describeSegment(schema) : structuredClone(schema),
    ]),
  );
  return {
    openapi: generated.openapi,
    info: { ...generated.info, description: INFO_DESCRIPTION },
    servers: [{ url: '/', description: 'This server' }],
    security: [{ [SECURITY_SCHEME]: [] }],
    tags: [{ name: TAG, description: 'Query, create, update and delete market segment records.' }],
    paths: useComponents(generated.paths, byStructure) as OpenAPIObject['paths'],
    components: {
      schemas,
      headers: HEADERS,
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (fx_...), sent as "Authorization: Bearer <token>"',
        },
      },
    },
  };
}
