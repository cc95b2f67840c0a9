// The one HTTP client of the console. It knows the API's error shape
// ({code, message, details, requestId}), sends the access token, and on a 401 exchanges the
// refresh cookie for a new token once (concurrent 401s share that one refresh) and retries.

export interface FieldError {
  code: string;
  message: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly requestId: string;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? {};
    this.requestId = body.requestId ?? '';
  }

  /** `validation_failed` field errors keyed by the field path the server names ("owner.email"). */
  get fields(): Record<string, FieldError> {
    if (this.code !== 'validation_failed') return {};
    const fields = this.details.fields;
    if (typeof fields !== 'object' || fields === null) return {};
    const out: Record<string, FieldError> = {};
    for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
      const v = value as Partial<FieldError> | null;
      out[name] = { code: String(v?.code ?? 'invalid'), message: String(v?.message ?? '') };
    }
    return out;
  }
}

/** A failure before any answer (offline, DNS, aborted): shown as "network error". */
export class NetworkError extends Error {
  constructor(message = 'network error') {
    super(message);
    this.name = 'NetworkError';
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  /** JSON body (objects) — or a Blob/File sent raw. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Expect a file rather than JSON. */
  responseType?: 'json' | 'blob';
  /** Internal: this request must not trigger a refresh (login, refresh itself). */
  noRefresh?: boolean;
}

export interface UploadOptions {
  query?: Query;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface ClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Builds the XMLHttpRequest for uploads (tests pass a fake). */
  xhr?: () => XMLHttpRequest;
}

export const REFRESH_PATH = '/api/v1/auth/refresh';

/** Fills `{name}` segments of an openapi path template, percent-encoding each value. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(v);
  });
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: ErrorBody = { code: `http_${res.status}`, message: res.statusText || `HTTP ${res.status}` };
  try {
    const parsed = (await res.json()) as Partial<ErrorBody>;
    if (parsed && typeof parsed.code === 'string') body = { ...body, ...parsed } as ErrorBody;
  } catch {
    // Not JSON (a proxy's error page): keep the status-based error.
  }
  if (!body.requestId) body.requestId = res.headers.get('X-Request-Id') ?? '';
  return new ApiError(res.status, body);
}

export class ApiClient {
  private token: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly makeXhr: () => XMLHttpRequest;
  /** Called with each new access token (null when the session is gone). */
  onToken: (token: string | null, grant?: unknown) => void = () => {};

  constructor(opts: ClientOptions = {}) {
    this.baseUrl = opts.baseUrl ?? '';
    this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.makeXhr = opts.xhr ?? (() => new XMLHttpRequest());
  }

  get accessToken(): string | null {
    return this.token;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one request,
   * because the server spends the refresh token: a second parallel exchange would look like reuse
   * and revoke the whole session.
   */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = (async () => {
        try {
          const res = await this.fetchImpl(this.baseUrl + REFRESH_PATH, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { Accept: 'application/json' },
          });
          if (!res.ok) {
            // Read the error body: an unread body keeps the request open in the browser.
            await res.text().catch(() => '');
            this.token = null;
            this.onToken(null);
            return false;
          }
          const grant = (await res.json()) as { accessToken: string };
          this.token = grant.accessToken;
          this.onToken(grant.accessToken, grant);
          return true;
        } catch {
          return false;
        } finally {
          this.refreshing = null;
        }
      })();
    }
    return this.refreshing;
  }

  async request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
    const send = async (): Promise<Response> => {
      const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
      if (this.token) headers.Authorization = `Bearer ${this.token}`;
      let body: BodyInit | undefined;
      if (opts.body instanceof Blob) {
        body = opts.body;
        headers['Content-Type'] ??= opts.body.type || 'application/octet-stream';
      } else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['Content-Type'] = 'application/json';
      }
      try {
        return await this.fetchImpl(this.baseUrl + withQuery(path, opts.query), {
          method,
          headers,
          body,
          credentials: 'same-origin',
        });
      } catch (e) {
        throw new NetworkError(e instanceof Error ? e.message : String(e));
      }
    };

    const sentWithToken = this.token !== null;
    let res = await send();
    if (res.status === 401 && !opts.noRefresh && sentWithToken) {
      if (await this.refresh()) {
        await res.text().catch(() => '');
        res = await send();
      }
    }
    if (!res.ok) throw await errorFrom(res);
    if (opts.responseType === 'blob') return (await res.blob()) as T;
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * Reads a Server-Sent Events response with the access token (EventSource cannot send one),
   * calling `onEvent` per frame until the stream ends, fails or `signal` aborts. Refreshes once on
   * a 401. Resolves when the stream ended; rejects with ApiError when it was refused.
   */
  async events(path: string, onEvent: (name: string, data: string) => void, signal: AbortSignal): Promise<void> {
    const open = () =>
      this.fetchImpl(this.baseUrl + path, {
        headers: { Accept: 'text/event-stream', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
        credentials: 'same-origin',
        signal,
      });
    const sentWithToken = this.token !== null;
    let res = await open();
    if (res.status === 401 && sentWithToken && (await this.refresh())) {
      await res.text().catch(() => '');
      res = await open();
    }
    if (!res.ok || !res.body) throw await errorFrom(res);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        const data: string[] = [];
        for (const line of frame.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length) onEvent(name, data.join('\n'));
      }
    }
  }

  /** PUT/POST a file with upload progress (fetch cannot report it). Refreshes once on 401. */
  async upload<T>(method: Method, path: string, file: Blob, opts: UploadOptions = {}): Promise<T> {
    const sentWithToken = this.token !== null;
    const first = await this.sendXhr(method, path, file, opts);
    if (first.status === 401 && sentWithToken && (await this.refresh())) {
      return this.finishXhr<T>(await this.sendXhr(method, path, file, opts));
    }
    return this.finishXhr<T>(first);
  }

  private sendXhr(method: Method, path: string, file: Blob, opts: UploadOptions): Promise<XMLHttpRequest> {
    return new Promise((resolve, reject) => {
      const xhr = this.makeXhr();
      xhr.open(method, this.baseUrl + withQuery(path, opts.query));
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      for (const [k, v] of Object.entries(opts.headers ?? {})) xhr.setRequestHeader(k, v);
      if (this.token) xhr.setRequestHeader('Authorization', `Bearer ${this.token}`);
      xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
      xhr.onload = () => resolve(xhr);
      xhr.onerror = () => reject(new NetworkError());
      xhr.onabort = () => reject(new NetworkError('aborted'));
      opts.signal?.addEventListener('abort', () => xhr.abort());
      xhr.send(file);
    });
  }

  private finishXhr<T>(xhr: XMLHttpRequest): T {
    let parsed: unknown;
    try {
      parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
    } catch {
      parsed = undefined;
    }
    if (xhr.status >= 200 && xhr.status < 300) return parsed as T;
    const body = parsed as Partial<ErrorBody> | undefined;
    throw new ApiError(xhr.status, {
      code: typeof body?.code === 'string' ? body.code : `http_${xhr.status}`,
      message: typeof body?.message === 'string' ? body.message : `HTTP ${xhr.status}`,
      details: body?.details,
      requestId: body?.requestId ?? xhr.getResponseHeader('X-Request-Id') ?? '',
    });
  }
}
