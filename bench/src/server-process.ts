import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './bench-database';

/** A server under test, started as its own process tree. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from /healthz (or the first answer at all). */
  startMs: number;
  /** Everything it printed on standard output (the first token at a first start). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  args: string[];
  port: number;
  env: Record<string, string>;
  /** Path that answers once the server is ready. */
  readyPath?: string;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

export async function startServer({
  name,
  args,
  port,
  env,
  readyPath = '/healthz',
  timeoutMs = 60_000,
}: StartOptions): Promise<ServerProcess> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    // Keep the head only: the access log of a benchmark is large and not needed.
    if (stdout.length < 64 * 1024) stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 64 * 1024) stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited at start: ${stderr || stdout}`);
    if (await answers(url + readyPath)) break;
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer within ${timeoutMs} ms: ${stderr || stdout}`);
    }
    await sleep(25);
  }
  const startMs = performance.now() - started;
  if (child.pid === undefined) throw new Error(`${name} has no pid`);
  return {
    name,
    url,
    pid: child.pid,
    startMs,
    output: () => stdout,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
