import { marketSegmentsContract } from '@finx/contract';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support';

const README = fileURLToPath(new URL('../../../../README.md', import.meta.url));
const SECTION = '## API reference';
/** What the README's examples address; the test points them at its own server and segment. */
const README_BASE_URL = 'http://localhost:3000';
const README_ID = 'xgQQXg3hrtjh7AvZ';

interface Example {
  readonly command: string;
  readonly status: number;
  /** The JSON shown after the command, if any. */
  readonly body: unknown;
}

function apiReferenceSection(markdown: string): string {
  const start = markdown.indexOf(`\n${SECTION}\n`);
  if (start === -1) throw new Error(`README.md has no "${SECTION}" section`);
  const end = markdown.indexOf('\n## ', start + SECTION.length + 2);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** Each ```sh block, the status named after it (`201 Created`) and the ```json block that follows. */
function examplesIn(section: string): Example[] {
  const blocks = [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((match) => ({
    lang: match[1],
    text: match[2] ?? '',
    start: match.index,
    end: match.index + match[0].length,
  }));
  return blocks.flatMap((block, index) => {
    if (block.lang !== 'sh') return [];
    const next = blocks[index + 1];
    const between = section.slice(block.end, next?.start);
    const status = /`(\d{3}) [A-Z]/.exec(between)?.[1];
    if (status === undefined) throw new Error(`No status stated after the example:\n${block.text}`);
    const body = next?.lang === 'json' ? (JSON.parse(next.text) as unknown) : undefined;
    return [{ command: block.text.trim(), status: Number(status), body }];
  });
}

/** The endpoints table's rows: [operation, request, success]. */
function tableRows(section: string): string[][] {
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

/** Replaces what differs from run to run (ids, times, request ids) with placeholders. */
function normalize(value: unknown, segmentId: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => normalize(item, segmentId));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => {
      if (key === 'id' && (field === segmentId || field === README_ID)) return [key, '<the segment id>'];
      if ((key === 'created_at' || key === 'updated_at') && Number.isInteger(field))
        return [key, '<unix seconds>'];
      if (key === 'request_id' && typeof field === 'string' && /^req_\w+$/.test(field))
        return [key, '<request id>'];
      return [key, normalize(field, segmentId)];
    }),
  );
}

const markdown = readFileSync(README, 'utf8');
const section = apiReferenceSection(markdown);
const examples = examplesIn(section);
const run = promisify(execFile);

describe('README "API reference"', () => {
  it('lists every operation of the contract in its endpoints table', () => {
    const expected = Object.values(marketSegmentsContract).map((route) => [
      route.summary,
      `\`${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}\``,
      Object.keys(route.responses).find((status) => status.startsWith('2')),
    ]);
    const rows = tableRows(section).map(([operation, request, success]) => [
      operation,
      request,
      /^`(\d{3})`/.exec(success ?? '')?.[1],
    ]);
    expect(rows).toEqual(expected);
  });

  it('has a curl example for each operation', () => {
    const methods = examples.map(
      ({ command }) =>
        /-X (\w+)/.exec(command)?.[1] ?? (/ -d /.test(command) && !/-G/.test(command) ? 'POST' : 'GET'),
    );
    expect(new Set(methods)).toEqual(new Set(['GET', 'POST', 'PUT', 'DELETE']));
    expect(examples.length).toBeGreaterThanOrEqual(Object.keys(marketSegmentsContract).length);
  });
});

describe("the README's curl examples, run in order against a live server", () => {
  let server: TestServer;
  let curlHome: string;
  let segmentId: string | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    // curl reads $CURL_HOME/.curlrc: the commands run verbatim, and the status comes last on stdout.
    curlHome = mkdtempSync(join(tmpdir(), 'finx-readme-curl-'));
    writeFileSync(join(curlHome, '.curlrc'), 'silent\nshow-error\nwrite-out = "\\n%{http_code}"\n');
  });
  afterAll(async () => {
    rmSync(curlHome, { recursive: true, force: true });
    await server.close();
  });

  it.each(
    examples.map(
      (example) => [example.command.split('\n', 1)[0]?.replace(/ \\$/, ''), example.status, example] as const,
    ),
  )('%s answers %i as shown', async (_title, _status, example) => {
    const command = example.command
      .replaceAll(README_BASE_URL, server.baseUrl)
      .replaceAll(README_ID, segmentId ?? README_ID);
    const { stdout } = await run('sh', ['-c', command], {
      env: { ...process.env, TOKEN: server.token, CURL_HOME: curlHome },
    });
    const cut = stdout.lastIndexOf('\n');
    const [text, status] = [stdout.slice(0, cut), Number(stdout.slice(cut + 1))];
    expect(status, `${command}\n${text}`).toBe(example.status);
    if (example.body === undefined) {
      expect(text).toBe('');
      return;
    }
    const body = JSON.parse(text) as unknown;
    if (segmentId === undefined && status === 201) segmentId = (body as { id: string }).id;
    expect(JSON.stringify(normalize(body, segmentId), null, 2)).toBe(
      JSON.stringify(normalize(example.body, segmentId), null, 2),
    );
  });
});
