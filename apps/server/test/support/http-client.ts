export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text ('' for no body). */
  body: T;
  text: string;
}

export interface ApiRequest {
  method?: string;
  token?: string | null;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded (a string is sent verbatim). */
  form?: Record<string, string> | string;
  /** Sent verbatim, with whatever headers are given. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** A thin fetch wrapper for tests: real HTTP, no client library in between. */
export function apiClient(baseUrl: string, defaultToken: string) {
  return async function api<T = any>(path: string, request: ApiRequest = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...request.headers };
    const token = request.token === undefined ? defaultToken : request.token;
    if (token !== null) headers['authorization'] ??= `Bearer ${token}`;
    let body: string | Uint8Array | undefined;
    if (request.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form !== undefined) {
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
      body = typeof request.form === 'string' ? request.form : new URLSearchParams(request.form).toString();
    } else if (request.raw !== undefined) {
      body = request.raw;
    }
    const response = await fetch(`${baseUrl}${path}`, { method: request.method ?? 'GET', headers, body });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: (isJson && text !== '' ? JSON.parse(text) : text) as T,
    };
  };
}

export type Api = ReturnType<typeof apiClient>;
