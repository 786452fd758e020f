import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  buildSegmentInput,
  errorBody,
  startTestServer,
  type Api,
  type TestServer,
} from '../support';

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
});
afterAll(() => server.close());

const SEGMENT_KEYS = ['id', 'name', 'criteria', 'description', 'created_at', 'updated_at'];

async function countSegments(): Promise<number> {
  const response = await api('/v1/market-segments?limit=100');
  return response.body.data.length;
}

describe('POST /v1/market-segments', () => {
  it('creates a segment from JSON: 201, exactly six keys in order, Location', async () => {
    const input = buildSegmentInput();
    const before = Math.floor(Date.now() / 1000);
    const response = await api('/v1/market-segments', { method: 'POST', json: input });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body)).toEqual(SEGMENT_KEYS);
    expect(response.body).toMatchObject(input);
    expect(response.body.id).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(Number.isInteger(response.body.created_at)).toBe(true);
    expect(response.body.created_at).toBeGreaterThanOrEqual(before);
    expect(response.body.created_at).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(response.body.updated_at).toBe(response.body.created_at);
    expect(response.headers.get('location')).toBe(`/v1/market-segments/${response.body.id}`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);

    const stored = await api(`/v1/market-segments/${response.body.id}`);
    expect(stored.body).toEqual(response.body);
  });

  it('creates a segment from form fields, as curl -d on the vendor page does', async () => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      form: 'name=Tech+Enthusiasts&criteria=Customers%20interested%20in%20technology%20products&description=Segment+of+customers',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: 'Tech Enthusiasts',
      criteria: 'Customers interested in technology products',
      description: 'Segment of customers',
    });
  });

  it('gives every segment a distinct random id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const response = await api('/v1/market-segments', { method: 'POST', json: buildSegmentInput() });
      ids.add(response.body.id);
    }
    expect(ids.size).toBe(20);
  });

  it('trims surrounding white space and stores the rest verbatim (no normalisation, no case folding)', async () => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      json: {
        name: '  \tCafé Ünïcode 🚀 \n',
        criteria: " x' OR 1=1; -- %_ ",
        description: 'MiXeD  case\twith inner  space',
      },
    });
    expect(response.status).toBe(201);
    expect(response.body.name).toBe('Café Ünïcode 🚀');
    expect(response.body.criteria).toBe("x' OR 1=1; -- %_");
    expect(response.body.description).toBe('MiXeD  case\twith inner  space');
    // NFC and NFD forms stay distinct.
    const nfd = await api('/v1/market-segments', {
      method: 'POST',
      json: buildSegmentInput({ name: 'Cafe\u0301' }),
    });
    expect(nfd.body.name).toBe('Cafe\u0301');
  });

  it('counts length limits in characters, not bytes or UTF-16 units', async () => {
    const emojiName = '😀'.repeat(255); // 510 UTF-16 units, 1020 bytes
    const ok = await api('/v1/market-segments', {
      method: 'POST',
      json: buildSegmentInput({ name: emojiName }),
    });
    expect(ok.status).toBe(201);
    expect(ok.body.name).toBe(emojiName);

    const tooLong = await api('/v1/market-segments', {
      method: 'POST',
      json: buildSegmentInput({ name: '😀'.repeat(256) }),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual(errorBody('invalid_request', 'name must be at most 255 characters', 'name'));
  });

  it('accepts criteria and description of exactly 10,000 characters and rejects 10,001', async () => {
    const longest = buildSegmentInput({ criteria: 'c'.repeat(10_000), description: 'd'.repeat(10_000) });
    const ok = await api('/v1/market-segments', { method: 'POST', json: longest });
    expect(ok.status).toBe(201);
    expect(ok.body.criteria).toHaveLength(10_000);

    for (const field of ['criteria', 'description'] as const) {
      const response = await api('/v1/market-segments', {
        method: 'POST',
        json: buildSegmentInput({ [field]: 'x'.repeat(10_001) }),
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody('invalid_request', `${field} must be at most 10,000 characters`, field),
      );
    }
  });

  it.each([
    ['missing', {}, 'name is required'],
    ['null', { name: null }, 'name must be a string'],
    ['a number', { name: 42 }, 'name must be a string'],
    ['an array', { name: ['a'] }, 'name must be a string'],
    ['an object', { name: { a: 1 } }, 'name must be a string'],
    ['a boolean', { name: true }, 'name must be a string'],
    ['empty', { name: '' }, 'name must not be empty'],
    ['only white space', { name: ' \t\n ' }, 'name must not be empty'],
    ['with a NUL character', { name: 'a\u0000b' }, 'name must not contain NUL characters'],
    ['with a lone surrogate', { name: 'a\ud800b' }, 'name must be valid Unicode text'],
  ])('rejects name %s with a 400 naming it', async (_case, override, message) => {
    const input: Record<string, unknown> = { ...buildSegmentInput(), ...override };
    if (!('name' in override)) delete input['name'];
    const before = await countSegments();
    const response = await api('/v1/market-segments', { method: 'POST', json: input });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', message, 'name'));
    expect(await countSegments()).toBe(before);
  });

  it.each(['criteria', 'description'])('requires %s', async (field) => {
    const input = Object.fromEntries(Object.entries(buildSegmentInput()).filter(([key]) => key !== field));
    const response = await api('/v1/market-segments', { method: 'POST', json: input });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', `${field} is required`, field));
  });

  it('rejects unknown fields, naming the field, in JSON and in forms', async () => {
    const json = await api('/v1/market-segments', {
      method: 'POST',
      json: { ...buildSegmentInput(), color: 'red' },
    });
    expect(json.status).toBe(400);
    expect(json.body).toEqual(errorBody('invalid_request', 'Unknown field: color', 'color'));

    const form = await api('/v1/market-segments', {
      method: 'POST',
      form: { ...buildSegmentInput(), 'name[x]': 'y' },
    });
    expect(form.status).toBe(400);
    expect(form.body).toEqual(errorBody('invalid_request', 'Unknown field: name[x]', 'name[x]'));

    const proto = await api('/v1/market-segments', {
      method: 'POST',
      raw: `{"name":"a","criteria":"b","description":"c","__proto__":{"admin":true}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(proto.status).toBe(400);
    expect(proto.body).toEqual(errorBody('invalid_request', 'Unknown field: __proto__', '__proto__'));
  });

  it('rejects a repeated form field, naming it', async () => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      form: 'name=a&name=b&criteria=c&description=d',
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      errorBody('invalid_request', 'The field name may appear only once', 'name'),
    );
  });

  it('rejects a repeated JSON key, naming it (JSON.parse would silently keep the last)', async () => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      raw: '{"name":"a","criteria":"c","description":"d","name":"b"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      errorBody('invalid_request', 'The field name may appear only once', 'name'),
    );
    // Keys of nested values and strings that look like keys do not count.
    const nested = await api('/v1/market-segments', {
      method: 'POST',
      raw: '{"name":"\\"name\\",","criteria":"c","description":"d"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(nested.status).toBe(201);
    expect(nested.body.name).toBe('"name",');
    const escaped = await api('/v1/market-segments', {
      method: 'POST',
      raw: '{"name":"a","criteria":"c","description":"d","\\u006eame":"b"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(escaped.status).toBe(400);
    expect(escaped.body.param).toBe('name');
  });

  it('rejects malformed percent-encoding in a form field', async () => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      form: 'name=%E0%A4%A&criteria=c&description=d',
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', 'Malformed percent-encoding in name', 'name'));
  });

  it('answers malformed JSON with 400', async () => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      raw: '{"name": "a",',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', 'The request body is not valid JSON'));
  });

  it.each([
    ['an array', '[1,2]'],
    ['a string', '"name"'],
    ['null', 'null'],
  ])('answers a JSON body that is %s with 400', async (_case, raw) => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', 'The request body must be a JSON object'));
  });

  it('answers a body that is not UTF-8 with 400', async () => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      raw: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', 'The request body is not valid UTF-8'));
  });

  it('answers a body over 64 KiB with 413 and stores nothing', async () => {
    const before = await countSegments();
    const response = await api('/v1/market-segments', {
      method: 'POST',
      json: buildSegmentInput({ description: 'x'.repeat(70_000) }),
    });
    expect(response.status).toBe(413);
    expect(response.body).toEqual(errorBody('invalid_request', 'The request body must not exceed 64 KiB'));
    expect(await countSegments()).toBe(before);
  });

  it.each([
    ['text/plain', 'name=a'],
    ['application/xml', '<a/>'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('answers a %s body with 415', async (contentType, raw) => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      raw,
      headers: { 'content-type': contentType },
    });
    expect(response.status).toBe(415);
    expect(response.body).toEqual(
      errorBody('invalid_request', 'Send the body as application/json or application/x-www-form-urlencoded'),
    );
  });

  it('answers a non-empty body without Content-Type with 415', async () => {
    const response = await fetch(`${server.baseUrl}/v1/market-segments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: new Uint8Array(Buffer.from('{"name":"a"}')),
    });
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(response.status).toBe(415);
  });

  it('ignores charset parameters and the case of the media type', async () => {
    for (const contentType of [
      'application/json; charset=utf-8',
      'Application/JSON;charset=UTF-8',
      'application/json; charset=latin1',
    ]) {
      const response = await api('/v1/market-segments', {
        method: 'POST',
        raw: JSON.stringify(buildSegmentInput()),
        headers: { 'content-type': contentType },
      });
      expect(response.status).toBe(201);
    }
    const form = await api('/v1/market-segments', {
      method: 'POST',
      raw: 'name=a&criteria=b&description=c',
      headers: { 'content-type': 'APPLICATION/X-WWW-FORM-URLENCODED; charset=UTF-8' },
    });
    expect(form.status).toBe(201);
  });

  it('treats a POST without body as missing fields', async () => {
    const response = await api('/v1/market-segments', { method: 'POST' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', 'name is required', 'name'));
  });

  it('stores SQL-looking and wildcard input verbatim', async () => {
    const input = buildSegmentInput({
      name: "Robert'); DROP TABLE market_segments;--",
      criteria: '%',
      description: '_',
    });
    const response = await api('/v1/market-segments', { method: 'POST', json: input });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject(input);
    expect((await api('/v1/market-segments')).status).toBe(200);
  });
});
