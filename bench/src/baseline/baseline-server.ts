import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import postgres from 'postgres';

/*
 * The baseline: the same five operations over the same tables with node:http and the postgres
 * driver alone (prepared statements, one pool of 10 like the server's), and nothing else: no
 * framework, validation beyond the essentials, logging, idempotency or rate limiting. It answers
 * what a hand-written server would cost, so the report can show the real server's overhead as a ratio.
 */

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10, onnotice: () => undefined });
const PORT = Number(process.env.PORT ?? 3100);
const SEGMENT_PATH = /^\/v1\/market-segments\/([0-9A-Za-z]{16})$/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

interface Row {
  id: string;
  name: string;
  criteria: string;
  description: string;
  created_at: Date;
  updated_at: Date;
}

const toSegment = (row: Row) => ({
  id: row.id,
  name: row.name,
  criteria: row.criteria,
  description: row.description,
  created_at: Math.floor(row.created_at.getTime() / 1000),
  updated_at: Math.floor(row.updated_at.getTime() / 1000),
});

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function newId(): string {
  let id = '';
  for (const byte of randomBytes(32)) if (byte < 248 && id.length < 16) id += BASE62.charAt(byte % 62);
  return id.length === 16 ? id : newId();
}

async function accountOf(req: IncomingMessage): Promise<string | undefined> {
  const token = /^bearer +(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (token === undefined) return undefined;
  const hash = createHash('sha256').update(token).digest('hex');
  const [row] = await sql<{ account_id: string }[]>`
    select account_id from api_tokens where token_hash = ${hash} and revoked_at is null`;
  return row?.account_id;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  const parsed: unknown = body === '' ? {} : JSON.parse(body);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

async function list(res: ServerResponse, accountId: string, params: URLSearchParams): Promise<void> {
  const limit = Math.min(Math.max(Number(params.get('limit') ?? 10) || 10, 1), 100);
  const name = params.get('name');
  const criteria = params.get('criteria');
  const after = params.get('starting_after');
  const rows = await sql<Row[]>`
    select id, name, criteria, description, created_at, updated_at from market_segments
    where account_id = ${accountId}
      ${name === null ? sql`` : sql`and name = ${name}`}
      ${criteria === null ? sql`` : sql`and md5(criteria) = md5(${criteria}) and criteria = ${criteria}`}
      ${
        after === null
          ? sql``
          : sql`and (created_at, id) < (select c.created_at, c.id from market_segments c
                                        where c.account_id = ${accountId} and c.id = ${after})`
      }
    order by created_at desc, id desc
    limit ${limit + 1}`;
  send(res, 200, { has_more: rows.length > limit, data: rows.slice(0, limit).map(toSegment) });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const accountId = await accountOf(req);
  if (accountId === undefined) return send(res, 401, { type: 'authentication_error' });
  const url = new URL(req.url ?? '/', 'http://baseline');
  if (url.pathname === '/v1/market-segments') {
    if (req.method === 'GET') return list(res, accountId, url.searchParams);
    if (req.method !== 'POST') return send(res, 405, { type: 'invalid_request' });
    const body = await readJson(req);
    const [name, criteria, description] = [text(body.name), text(body.criteria), text(body.description)];
    if (!name || !criteria || !description) return send(res, 400, { type: 'invalid_request' });
    const [row] = await sql<Row[]>`
      insert into market_segments (account_id, id, name, criteria, description)
      values (${accountId}, ${newId()}, ${name}, ${criteria}, ${description})
      returning id, name, criteria, description, created_at, updated_at`;
    return row ? send(res, 201, toSegment(row)) : send(res, 500, { type: 'api_error' });
  }
  const id = SEGMENT_PATH.exec(url.pathname)?.[1];
  if (id === undefined) return send(res, 404, { type: 'not_found' });
  let rows: Row[];
  if (req.method === 'GET') {
    rows = await sql<Row[]>`
      select id, name, criteria, description, created_at, updated_at from market_segments
      where account_id = ${accountId} and id = ${id}`;
  } else if (req.method === 'PUT') {
    const body = await readJson(req);
    const [name, criteria, description] = [text(body.name), text(body.criteria), text(body.description)];
    rows = await sql<Row[]>`
      update market_segments set
        name = coalesce(${name ?? null}, name),
        criteria = coalesce(${criteria ?? null}, criteria),
        description = coalesce(${description ?? null}, description),
        updated_at = now()
      where account_id = ${accountId} and id = ${id}
      returning id, name, criteria, description, created_at, updated_at`;
  } else if (req.method === 'DELETE') {
    const deleted =
      await sql`delete from market_segments where account_id = ${accountId} and id = ${id} returning id`;
    return deleted.length > 0 ? send(res, 204) : send(res, 404, { type: 'not_found' });
  } else {
    return send(res, 405, { type: 'invalid_request' });
  }
  const [row] = rows;
  return row ? send(res, 200, toSegment(row)) : send(res, 404, { type: 'not_found' });
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, { type: 'api_error' }));
});
server.keepAliveTimeout = 65_000;
server.listen(PORT, '127.0.0.1', () => process.stdout.write(`baseline listening on ${PORT}\n`));
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void sql.end({ timeout: 2 }).then(() => process.exit(0));
});
