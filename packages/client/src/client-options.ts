import type { FetchFunction, RequestSenderConfig } from './request-sender';

export const DEFAULT_BASE_URL = 'https://api.finx.ai';
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

export interface FinXOptions {
  /** The API token (`fx_...`); defaults to the `FINX_TOKEN` environment variable. */
  readonly token?: string;
  /** Defaults to the `FINX_BASE_URL` environment variable, else `https://api.finx.ai`. */
  readonly baseUrl?: string;
  /** Milliseconds to wait for each attempt's response; 60 000 by default. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt of a call; 2 by default, 0 turns retries off. */
  readonly maxRetries?: number;
  /** A fetch implementation; the global `fetch` by default. */
  readonly fetch?: FetchFunction;
}

export interface ClientConfig extends RequestSenderConfig {
  /** Without a trailing slash. */
  readonly baseUrl: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** The process environment where there is one (Node.js, Bun, Deno); empty in a browser. */
export function processEnvironment(): Environment {
  return typeof process === 'object' && typeof process.env === 'object' ? process.env : {};
}

export function checkTimeoutMs(value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError('timeoutMs must be a positive number');
  return value;
}

export function checkMaxRetries(value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError('maxRetries must be a non-negative integer');
  return value;
}

function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`baseUrl is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl must be an http or https URL: ${value}`);
  }
  return value.replace(/\/+$/, '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The client's settings: the options given, else the environment, else the defaults; checked. */
export function resolveClientConfig(options: FinXOptions, environment: Environment): ClientConfig {
  const token = nonEmpty(options.token) ?? nonEmpty(environment['FINX_TOKEN']);
  if (token === undefined) {
    throw new Error(
      'FinX: no API token. Pass new FinX({ token }) or set the FINX_TOKEN environment variable.',
    );
  }
  const fetch = options.fetch ?? globalThis.fetch;
  if (typeof fetch !== 'function') {
    throw new TypeError('FinX: no global fetch here (Node.js 20 or later has one): pass new FinX({ fetch })');
  }
  return {
    token,
    baseUrl: checkBaseUrl(
      nonEmpty(options.baseUrl) ?? nonEmpty(environment['FINX_BASE_URL']) ?? DEFAULT_BASE_URL,
    ),
    timeoutMs: checkTimeoutMs(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    maxRetries: checkMaxRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES),
    fetch,
  };
}
