// The typed calls behind the privacy/Web3 tabs, host-app grants, organisation policies, base
// libraries and direct member creation send what docs/openapi.json asks for.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { client } from '../src/api';
import { accountsApi } from '../src/api/accounts';
import { appsApi } from '../src/api/apps';
import { hostAppsApi } from '../src/api/hostApps';
import { fakeFetch, json } from './fake';

function stub(status = 200, body: unknown = {}) {
  const { fetch, calls } = fakeFetch([() => json(status, body)]);
  vi.stubGlobal('fetch', fetch);
  client.setToken('tok');
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  client.setToken(null);
});

describe('API calls of the remaining console screens', () => {
  it('saves a privacy declaration and Web3 information with PATCH /apps/{appId}', async () => {
    const calls = stub(200, { appId: 'app_1' });
    await appsApi.updateApp('app_1', {
      privacy: { policyUrl: 'https://x.example/p', items: [{ dataType: 'location', purpose: 'Nearby shops' }] },
      contracts: [{ chain: 'ethereum', address: '0xabc', name: 'Vault' }],
    });
    expect(calls[0]?.method).toBe('PATCH');
    expect(calls[0]?.url).toBe('/api/v1/apps/app_1');
    expect(calls[0]?.body).toEqual({
      privacy: { policyUrl: 'https://x.example/p', items: [{ dataType: 'location', purpose: 'Nearby shops' }] },
      contracts: [{ chain: 'ethereum', address: '0xabc', name: 'Vault' }],
    });
  });

  it('associates without a body, and replaces grants with one', async () => {
    const calls = stub(200, { allowedApis: [], allowedMenus: [] });
    await hostAppsApi.associate('hst_1', 'app_1');
    await hostAppsApi.associate('hst_1', 'app_1', { allowedApis: ['getUserWallet'], allowedMenus: [] });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['PUT /api/v1/host-apps/hst_1/apps/app_1', 'PUT /api/v1/host-apps/hst_1/apps/app_1']);
    expect(calls[0]?.body).toBeUndefined();
    expect(calls[1]?.body).toEqual({ allowedApis: ['getUserWallet'], allowedMenus: [] });
  });

  it('defines custom APIs and menus with PATCH /host-apps/{id}', async () => {
    const calls = stub(200, {});
    await hostAppsApi.updateHostApp('hst_1', { customApis: [{ name: 'getUserWallet' }], menus: [{ id: 'share', title: 'Share' }] });
    expect(calls[0]?.method).toBe('PATCH');
    expect(calls[0]?.body).toEqual({ customApis: [{ name: 'getUserWallet' }], menus: [{ id: 'share', title: 'Share' }] });
  });

  it('sends quota overrides with null for “the platform default”, and imposes 2FA', async () => {
    const calls = stub(200, {});
    await accountsApi.updateOrgQuotas('org_1', { maxApps: 3, maxMembers: null });
    await accountsApi.updateOrgSecurity('org_1', true);
    expect(calls[0]?.url).toBe('/api/v1/platform/orgs/org_1/quotas');
    expect(calls[0]?.method).toBe('PUT');
    expect(calls[0]?.body).toEqual({ maxApps: 3, maxMembers: null });
    expect(calls[1]?.url).toBe('/api/v1/platform/orgs/org_1/security');
    expect(calls[1]?.body).toEqual({ require2fa: true });
  });

  it('manages base libraries and creates members', async () => {
    const calls = stub(200, {});
    await appsApi.createBaseLibrary({ version: '3.2.0', notes: 'n' });
    await appsApi.updateBaseLibrary('3.2.0', { status: 'deprecated' });
    await accountsApi.createMember('org_1', { email: 'a@b.example', name: 'A', role: 'viewer', initialPassword: 'pw' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/v1/platform/base-libraries',
      'PATCH /api/v1/platform/base-libraries/3.2.0',
      'POST /api/v1/orgs/org_1/members',
    ]);
    expect(calls[2]?.body).toEqual({ email: 'a@b.example', name: 'A', role: 'viewer', initialPassword: 'pw' });
  });

  it('sends sign-in without a refresh on 401 and drops empty list filters', async () => {
    const calls = stub(401, { code: 'auth.invalid_credentials', message: 'Wrong email or password' });
    client.setToken('stale');
    await expect(accountsApi.login({ email: 'a@b.example', password: 'x' })).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/auth/login']);
    const list = stub(200, { items: [], nextCursor: null });
    await appsApi.platformApps({ status: '', q: 'demo', limit: 20 });
    expect(list[0]?.url).toBe('/api/v1/platform/apps?q=demo&limit=20');
  });
});
