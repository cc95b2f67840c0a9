import { defineStore } from 'pinia';
import { client } from '@/api';
import { accountsApi, type Me, type MeOrg } from '@/api/accounts';

const ORG_KEY = 'cove.org';

function savedOrg(): string | null {
  try {
    return localStorage.getItem(ORG_KEY);
  } catch {
    return null;
  }
}

export const useAuthStore = defineStore('auth', {
  state: () => ({
    me: null as Me | null,
    /** True once the first session restore (refresh cookie) has been tried. */
    ready: false,
    currentOrgId: savedOrg(),
    /** Names of organisations an operator views without being a member (read-only view). */
    viewedOrgNames: {} as Record<string, string>,
  }),
  getters: {
    signedIn: (s) => s.me !== null,
    isOperator: (s) => !!s.me?.platformRole,
    orgs: (s): MeOrg[] => s.me?.orgs ?? [],
    currentOrg(): MeOrg | null {
      return this.orgs.find((o) => o.id === this.currentOrgId) ?? this.orgs[0] ?? null;
    },
    /** Where a signed-in user starts: operators in the operations console, others in their org. */
    homePath(): string {
      if (!this.me) return '/sign-in';
      if (this.me.restriction === 'auth.password_change_required') return '/change-password';
      if (this.me.restriction === 'auth.2fa_enrollment_required') return '/account';
      if (this.isOperator) return '/ops';
      const org = this.currentOrg;
      return org ? `/o/${org.id}` : '/account';
    },
  },
  actions: {
    /** Restores a session from the refresh cookie, once per page load. */
    async init(): Promise<void> {
      if (this.ready) return;
      try {
        if (await client.refresh()) await this.loadMe();
      } catch {
        this.me = null;
      } finally {
        this.ready = true;
      }
    },
    async loadMe(): Promise<Me> {
      const me = await accountsApi.me();
      this.me = me;
      if (this.currentOrgId && !me.orgs.some((o) => o.id === this.currentOrgId)) this.currentOrgId = null;
      return me;
    },
    /** Signs in; the caller handles `auth.totp_required` by asking for the code. */
    async login(email: string, password: string, code?: string): Promise<Me> {
      const body: { email: string; password: string; totp?: string; recoveryCode?: string } = { email, password };
      if (code) {
        if (/^\d{6}$/.test(code.trim())) body.totp = code.trim();
        else body.recoveryCode = code.trim();
      }
      const grant = await accountsApi.login(body);
      client.setToken(grant.accessToken);
      return this.loadMe();
    },
    async logout(): Promise<void> {
      try {
        await accountsApi.logout();
      } finally {
        this.clear();
      }
    },
    clear(): void {
      client.setToken(null);
      this.me = null;
    },
    selectOrg(orgId: string): void {
      this.currentOrgId = orgId;
      try {
        localStorage.setItem(ORG_KEY, orgId);
      } catch {
        // Not persisted.
      }
    },
    /**
     * A member's permission in their organisation. Operators with platform:read may also read any
     * organisation (the server answers its `:read` routes as for a reader): they pass for the
     * organisation's overview (no permission) and `…:read` permissions, never for writes.
     */
    orgPermitted(orgId: string, permission?: string): boolean {
      const org = this.orgs.find((o) => o.id === orgId);
      if (!org) return this.orgReadOnly(orgId) && (!permission || permission.endsWith(':read'));
      return !permission || org.permissions.includes(permission);
    },
    /** An operator looking at an organisation they are not a member of: a read-only view. */
    orgReadOnly(orgId: string): boolean {
      return !this.orgs.some((o) => o.id === orgId) && this.platformPermitted('platform:read');
    },
    /** The organisation's name for the header and breadcrumbs (fetched once for a read-only view). */
    async loadOrgName(orgId: string): Promise<void> {
      if (this.orgs.some((o) => o.id === orgId) || this.viewedOrgNames[orgId]) return;
      try {
        this.viewedOrgNames[orgId] = (await accountsApi.org(orgId)).name;
      } catch {
        // The page shows the error (not found); the header stays without a name.
      }
    },
    orgName(orgId: string): string {
      return this.orgs.find((o) => o.id === orgId)?.name ?? this.viewedOrgNames[orgId] ?? '';
    },
    platformPermitted(permission: string): boolean {
      return this.me?.platformPermissions.includes(permission) ?? false;
    },
  },
});
