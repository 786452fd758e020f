export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string | undefined;
}

/** The global fetch, noting every request it sends (the requests still go over real HTTP). */
export function recordingFetch(requests: RecordedRequest[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    requests.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: init?.body == null ? undefined : await request.clone().text(),
    });
    return fetch(request);
  };
}
