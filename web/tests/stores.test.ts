import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { client } from '../src/api';
import { useAuthStore } from '../src/stores/auth';
import { fakeFetch, json, type Handler } from './fake';

const user = (over: Record<string, unknown> = {}) => ({
  id: 'usr_1', email: 'a@example.com', name: 'Ada', platformRole: null, status: 'active',
  twoFactorEnabled: false, mustChangePassword: false, createdAt: '2026-01-01T00:00:00.000Z', ...over,
});
const me = (over: Record<string, unknown> = {}) => ({
  user: user(), platformRole: null, platformPermissions: [], restriction: null,
  orgs: [
    { id: 'org_b', name: 'Beta', status: 'active', role: 'developer', permissions: ['org:read', 'apps:read', 'apps:write'] },
    { id: 'org_a', name: 'Alpha', status: 'active', role: 'owner', permissions: ['org:read', 'apps:read', 'keys:manage'] },
  ],
  ...over,
});

function serve(handlers: Handler[]) {
  const fake = fakeFetch(handlers);
  vi.stubGlobal('fetch', fake.fetch);
  return fake;
}

describe('auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    client.setToken(null);
    vi.unstubAllGlobals();
  });

  it('init without a refresh cookie leaves the user signed out, once', async () => {
    const { calls } = serve([() => json(401, { code: 'auth.refresh_invalid', message: 'no session' })]);
    const auth = useAuthStore();
    await auth.init();
    await auth.init();
    expect(auth.ready).toBe(true);
    expect(auth.signedIn).toBe(false);
    expect(auth.homePath).toBe('/sign-in');
    expect(calls).toHaveLength(1);
  });

  it('init restores the session from the refresh cookie and loads /me', async () => {
    serve([
      (c) => (c.url === '/api/v1/auth/refresh' ? json(200, { accessToken: 'tok', expiresIn: 900, user: user() }) : undefined),
      (c) => (c.url === '/api/v1/me' && c.headers.Authorization === 'Bearer tok' ? json(200, me()) : undefined),
    ]);
    const auth = useAuthStore();
    await auth.init();
    expect(auth.signedIn).toBe(true);
    expect(auth.homePath).toBe('/o/org_b');
  });

  it('login sends a 6-digit code as totp and anything else as a recovery code', async () => {
    const { calls } = serve([
      (c) => (c.url === '/api/v1/auth/login' ? json(200, { accessToken: 'tok', expiresIn: 900, user: user() }) : undefined),
      (c) => (c.url === '/api/v1/me' ? json(200, me()) : undefined),
    ]);
    const auth = useAuthStore();
    await auth.login('a@example.com', 'pw', '123456');
    await auth.login('a@example.com', 'pw', 'abcde-12345');
    const bodies = calls.filter((c) => c.url === '/api/v1/auth/login').map((c) => c.body);
    expect(bodies).toEqual([
      { email: 'a@example.com', password: 'pw', totp: '123456' },
      { email: 'a@example.com', password: 'pw', recoveryCode: 'abcde-12345' },
    ]);
    expect(client.accessToken).toBe('tok');
  });

  it('sends operators to their workbench and restricted users to the fix', async () => {
    serve([(c) => (c.url === '/api/v1/me' ? json(200, me({ platformRole: 'platform_admin', platformPermissions: ['platform:read'] })) : undefined)]);
    const auth = useAuthStore();
    await auth.loadMe();
    expect(auth.homePath).toBe('/ops');
    auth.me = { ...auth.me!, restriction: 'auth.password_change_required' };
    expect(auth.homePath).toBe('/change-password');
    auth.me = { ...auth.me!, restriction: 'auth.2fa_enrollment_required' };
    expect(auth.homePath).toBe('/account');
  });

  it('checks org and platform permissions and remembers the chosen org', async () => {
    serve([(c) => (c.url === '/api/v1/me' ? json(200, me()) : undefined)]);
    const auth = useAuthStore();
    await auth.loadMe();
    expect(auth.orgPermitted('org_a', 'keys:manage')).toBe(true);
    expect(auth.orgPermitted('org_b', 'keys:manage')).toBe(false);
    expect(auth.orgPermitted('org_x')).toBe(false);
    expect(auth.platformPermitted('platform:read')).toBe(false);
    auth.selectOrg('org_a');
    expect(auth.currentOrg?.name).toBe('Alpha');
    expect(auth.homePath).toBe('/o/org_a');
  });

  it('lets operators read any organisation, never write; members keep their own permissions', async () => {
    serve([
      (c) => (c.url === '/api/v1/me' ? json(200, me({ platformRole: 'platform_reviewer', platformPermissions: ['platform:read'] })) : undefined),
      (c) => (c.url === '/api/v1/orgs/org_x' ? json(200, { id: 'org_x', name: 'Xeno Ltd' }) : undefined),
    ]);
    const auth = useAuthStore();
    await auth.loadMe();
    expect(auth.orgReadOnly('org_x')).toBe(true);
    expect(auth.orgPermitted('org_x')).toBe(true);
    expect(auth.orgPermitted('org_x', 'apps:read')).toBe(true);
    expect(auth.orgPermitted('org_x', 'apps:write')).toBe(false);
    expect(auth.orgPermitted('org_x', 'keys:manage')).toBe(false);
    // In an organisation they belong to, an operator is a member like any other.
    expect(auth.orgReadOnly('org_a')).toBe(false);
    expect(auth.orgPermitted('org_a', 'keys:manage')).toBe(true);
    await auth.loadOrgName('org_x');
    expect(auth.orgName('org_x')).toBe('Xeno Ltd');
    expect(auth.orgName('org_a')).toBe('Alpha');
  });

  it('forgets a remembered org the user no longer belongs to', async () => {
    serve([(c) => (c.url === '/api/v1/me' ? json(200, me()) : undefined)]);
    const auth = useAuthStore();
    auth.currentOrgId = 'org_gone';
    await auth.loadMe();
    expect(auth.currentOrgId).toBeNull();
    expect(auth.currentOrg?.id).toBe('org_b');
  });

  it('logout revokes the session and clears the token even when the call fails', async () => {
    serve([() => json(500, { code: 'internal', message: 'boom' })]);
    const auth = useAuthStore();
    auth.me = me() as never;
    client.setToken('tok');
    await expect(auth.logout()).rejects.toThrow();
    expect(auth.me).toBeNull();
    expect(client.accessToken).toBeNull();
  });
});
