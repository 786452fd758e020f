import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE = {
  main: 'src/main.ts',
  tokens: 'src/cli/tokens.cli.ts',
  migrate: 'src/cli/migrate.cli.ts',
} as const;

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything written to stdout so far. */
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function baseEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], NODE_ENV: 'test', LOG_LEVEL: 'info', ...env };
}

function nodeArgs(entry: keyof typeof SOURCE, args: string[]) {
  return ['--import', 'tsx', SOURCE[entry], ...args];
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** Starts the real server (`src/main.ts`) as its own process on a free port; resolves once it listens. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, nodeArgs('main', []), {
    cwd: SERVER_ROOT,
    env: baseEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /"url":"(http:\/\/[^"]+)".*"msg":"listening"/.exec(stdout)?.[1];
      if (url) {
        resolve({
          child,
          url,
          output: () => stdout,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited(child);
          },
        });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`server exited with ${code} before listening: ${stderr}${stdout}`)),
    );
  });
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `main`, `tokens` or `migrate` to completion. */
export function runCommand(
  entry: keyof typeof SOURCE,
  args: string[],
  env: Record<string, string>,
): Promise<CommandResult> {
  const child = spawn(process.execPath, nodeArgs(entry, args), {
    cwd: SERVER_ROOT,
    env: baseEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return exited(child).then((code) => ({ code, stdout, stderr }));
}
