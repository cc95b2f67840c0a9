// A scripted fetch: each call is answered by the first matching handler; calls are recorded.
export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Handler = (call: Call) => Response | undefined;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function fakeFetch(handlers: Handler[]) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(Object.entries((init.headers as Record<string, string>) ?? {}));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    const call: Call = { method: init.method ?? 'GET', url: String(input), headers, body };
    calls.push(call);
    for (const h of handlers) {
      const res = h(call);
      if (res) return res;
    }
    return json(404, { code: 'not_found', message: 'No such route', requestId: 'req-test' });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}
