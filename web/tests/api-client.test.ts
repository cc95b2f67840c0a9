import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, NetworkError, fillPath } from '../src/api/http';
import { fakeFetch, json } from './fake';

const grant = (token: string) => ({ accessToken: token, expiresIn: 900, user: { id: 'usr_1' } });

describe('ApiClient', () => {
  it('sends the access token and JSON body, and parses the answer', async () => {
    const { fetch, calls } = fakeFetch([(c) => (c.url === '/api/v1/orgs/org_1/apps' ? json(201, { appId: 'app_1' }) : undefined)]);
    const client = new ApiClient({ fetch });
    client.setToken('tok');
    const res = await client.request<{ appId: string }>('POST', '/api/v1/orgs/org_1/apps', { body: { name: 'Demo' } });
    expect(res.appId).toBe('app_1');
    expect(calls[0]?.headers.Authorization).toBe('Bearer tok');
    expect(calls[0]?.headers['Content-Type']).toBe('application/json');
    expect(calls[0]?.body).toEqual({ name: 'Demo' });
  });

  it('on a 401 refreshes once with the cookie and retries with the new token', async () => {
    const { fetch, calls } = fakeFetch([
      (c) => (c.url === '/api/v1/auth/refresh' ? json(200, grant('new')) : undefined),
      (c) =>
        c.headers.Authorization === 'Bearer new'
          ? json(200, { ok: true })
          : json(401, { code: 'unauthenticated', message: 'expired', requestId: 'r1' }),
    ]);
    const client = new ApiClient({ fetch });
    const tokens: (string | null)[] = [];
    client.onToken = (t) => tokens.push(t);
    client.setToken('old');
    await expect(client.request('GET', '/api/v1/me')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/v1/me', 'POST /api/v1/auth/refresh', 'GET /api/v1/me']);
    expect(client.accessToken).toBe('new');
    expect(tokens).toEqual(['new']);
  });

  it('shares one refresh between concurrent 401s (a second exchange would look like token reuse)', async () => {
    let refreshes = 0;
    const { fetch } = fakeFetch([
      (c) => {
        if (c.url !== '/api/v1/auth/refresh') return undefined;
        refreshes += 1;
        return json(200, grant('new'));
      },
      (c) => (c.headers.Authorization === 'Bearer new' ? json(200, { url: c.url }) : json(401, { code: 'unauthenticated', message: '' })),
    ]);
    const client = new ApiClient({ fetch });
    client.setToken('old');
    const results = await Promise.all([client.request('GET', '/a'), client.request('GET', '/b'), client.request('GET', '/c')]);
    expect(results).toEqual([{ url: '/a' }, { url: '/b' }, { url: '/c' }]);
    expect(refreshes).toBe(1);
  });

  it('retries only once: a second 401 is the caller’s error', async () => {
    const { fetch, calls } = fakeFetch([
      (c) => (c.url === '/api/v1/auth/refresh' ? json(200, grant('new')) : undefined),
      () => json(401, { code: 'unauthenticated', message: 'nope', requestId: 'r2' }),
    ]);
    const client = new ApiClient({ fetch });
    client.setToken('old');
    const err = await client.request('GET', '/api/v1/me').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(calls.filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(calls).toHaveLength(3);
  });

  it('when the refresh fails, reports the session gone and throws the original 401', async () => {
    const { fetch } = fakeFetch([
      (c) => (c.url === '/api/v1/auth/refresh' ? json(401, { code: 'auth.refresh_invalid', message: 'gone' }) : undefined),
      () => json(401, { code: 'unauthenticated', message: 'expired', requestId: 'r3' }),
    ]);
    const client = new ApiClient({ fetch });
    const onToken = vi.fn();
    client.onToken = onToken;
    client.setToken('old');
    const err = (await client.request('GET', '/api/v1/me').catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('unauthenticated');
    expect(err.requestId).toBe('r3');
    expect(onToken).toHaveBeenCalledWith(null);
    expect(client.accessToken).toBeNull();
  });

  it('does not refresh for requests sent without a token (a wrong password is not an expired session)', async () => {
    const { fetch, calls } = fakeFetch([() => json(401, { code: 'auth.invalid_credentials', message: 'Wrong email or password' })]);
    const client = new ApiClient({ fetch });
    const err = (await client.request('POST', '/api/v1/auth/login', { body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('auth.invalid_credentials');
    expect(calls).toHaveLength(1);
  });

  it('maps the error shape, keeping details and request id', async () => {
    const { fetch } = fakeFetch([
      () => json(409, { code: 'apps.version_not_increasing', message: 'Must be greater', details: { latest: '1.2.0' }, requestId: 'req-9' }),
    ]);
    const client = new ApiClient({ fetch });
    const err = (await client.request('PUT', '/x').catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ status: 409, code: 'apps.version_not_increasing', message: 'Must be greater', requestId: 'req-9' });
    expect(err.details).toEqual({ latest: '1.2.0' });
    expect(err.fields).toEqual({});
  });

  it('turns validation_failed details.fields into field errors', async () => {
    const { fetch } = fakeFetch([
      () =>
        json(400, {
          code: 'validation_failed',
          message: 'Invalid input',
          details: { fields: { 'owner.password': { code: 'too_weak', message: 'Too weak' }, name: { code: 'required', message: 'Required' } } },
        }),
    ]);
    const client = new ApiClient({ fetch });
    const err = (await client.request('POST', '/api/v1/orgs/register', { body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(err.fields).toEqual({
      'owner.password': { code: 'too_weak', message: 'Too weak' },
      name: { code: 'required', message: 'Required' },
    });
  });

  it('keeps a status-based error when the body is not JSON (a proxy error page)', async () => {
    const { fetch } = fakeFetch([() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'X-Request-Id': 'px' } })]);
    const err = (await new ApiClient({ fetch }).request('GET', '/x').catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ status: 502, code: 'http_502', requestId: 'px' });
  });

  it('reports a network failure as NetworkError', async () => {
    const fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof globalThis.fetch;
    await expect(new ApiClient({ fetch }).request('GET', '/x')).rejects.toBeInstanceOf(NetworkError);
  });

  it('answers 204 with undefined and drops empty query values', async () => {
    const { fetch, calls } = fakeFetch([() => new Response(null, { status: 204 })]);
    await expect(new ApiClient({ fetch }).request('DELETE', '/x', { query: { status: '', q: 'a b', limit: 20, cursor: undefined } })).resolves.toBeUndefined();
    expect(calls[0]?.url).toBe('/x?q=a+b&limit=20');
  });

  it('fills path templates with encoded values and refuses missing ones', () => {
    expect(fillPath('/api/v1/apps/{appId}/versions/{version}/package', { appId: 'app_1', version: '1.0.0' })).toBe(
      '/api/v1/apps/app_1/versions/1.0.0/package',
    );
    expect(fillPath('/api/v1/invitations/{token}', { token: 'a/b?c' })).toBe('/api/v1/invitations/a%2Fb%3Fc');
    expect(() => fillPath('/api/v1/apps/{appId}', {})).toThrow(/appId/);
  });
});

// A minimal XMLHttpRequest double: answers from a queue and reports upload progress in two steps.
class FakeXhr {
  static answers: { status: number; body: unknown }[] = [];
  static sent: { method: string; url: string; headers: Record<string, string> }[] = [];
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = '';
  private method = '';
  private url = '';
  private headers: Record<string, string> = {};
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  getResponseHeader() {
    return null;
  }
  abort() {
    this.onabort?.();
  }
  send(body: Blob) {
    FakeXhr.sent.push({ method: this.method, url: this.url, headers: this.headers });
    const answer = FakeXhr.answers.shift() ?? { status: 500, body: { code: 'internal', message: 'x' } };
    queueMicrotask(() => {
      this.upload.onprogress?.({ loaded: body.size / 2, total: body.size, lengthComputable: true });
      this.upload.onprogress?.({ loaded: body.size, total: body.size, lengthComputable: true });
      this.status = answer.status;
      this.responseText = JSON.stringify(answer.body);
      this.onload?.();
    });
  }
}

describe('ApiClient.upload', () => {
  it('reports progress, sends the raw file with the token, refreshes once on 401', async () => {
    FakeXhr.sent = [];
    FakeXhr.answers = [
      { status: 401, body: { code: 'unauthenticated', message: 'expired' } },
      { status: 201, body: { version: '1.0.0', status: 'uploaded' } },
    ];
    const { fetch } = fakeFetch([(c) => (c.url === '/api/v1/auth/refresh' ? json(200, grant('new')) : undefined)]);
    const client = new ApiClient({ fetch, xhr: () => new FakeXhr() as unknown as XMLHttpRequest });
    client.setToken('old');
    const progress: number[] = [];
    const file = new Blob([new Uint8Array(1000)], { type: 'application/zip' });
    const res = await client.upload('PUT', '/api/v1/apps/app_1/versions/1.0.0/package', file, {
      onProgress: (loaded, total) => progress.push(Math.round((loaded / total) * 100)),
    });
    expect(res).toEqual({ version: '1.0.0', status: 'uploaded' });
    expect(progress).toEqual([50, 100, 50, 100]);
    expect(FakeXhr.sent.map((s) => s.headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(FakeXhr.sent[1]?.headers['Content-Type']).toBe('application/zip');
  });

  it('maps an upload error to ApiError', async () => {
    FakeXhr.answers = [{ status: 409, body: { code: 'apps.version_exists', message: 'exists', details: {}, requestId: 'u1' } }];
    const client = new ApiClient({ xhr: () => new FakeXhr() as unknown as XMLHttpRequest });
    const err = (await client.upload('PUT', '/x', new Blob(['z'])).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'apps.version_exists', requestId: 'u1' });
  });
});
