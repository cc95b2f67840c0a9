// The console menu is derived from the route records' meta: a page with `meta.nav` appears in the
// menu of its console (platform → operations, org → organisation) for exactly the users the guard
// lets in, in `order`. The first tests pin today's menus, which the e2e suite also relies on.
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import { canEnter, navItems, type Access } from '../src/router/nav';
import { routes } from '../src/router/routes';

function access(platform: string[], orgs: Record<string, string[]> = {}): Access {
  return {
    platformPermitted: (p) => platform.includes(p),
    orgPermitted: (orgId, p) => orgId in orgs && (!p || (orgs[orgId] ?? []).includes(p)),
  };
}
const records = (extra: RouteRecordRaw[] = []) =>
  createRouter({ history: createMemoryHistory(), routes: [...routes, ...extra] }).getRoutes();
const names = (items: { name: string }[]) => items.map((i) => i.name);

describe('console menu from route meta', () => {
  it('operations console: every page for an admin, in order, with titles', () => {
    const items = navItems(records(), 'ops', access(['platform:read', 'platform:operators']));
    expect(names(items)).toEqual(['ops-home', 'ops-orgs', 'ops-apps', 'ops-operators', 'ops-base-libraries', 'ops-domain-lists', 'ops-certificates', 'ops-webhooks', 'ops-review-settings', 'ops-settings']);
    expect(items.map((i) => i.title)).toEqual(['nav.workbench', 'nav.orgReview', 'nav.allApps', 'nav.operators', 'nav.baseLibraries', 'nav.domainLists', 'nav.certificates', 'nav.platformWebhooks', 'nav.reviewSettings', 'nav.settings']);
    expect(items[0]?.path).toBe('/ops');
    // The review queue carries the pending-organisations counter as its badge.
    expect(items[1]).toMatchObject({ path: '/ops/orgs', badge: 'pendingOrgs' });
  });

  it('operations console: a reviewer does not see operators; a non-operator sees nothing', () => {
    expect(names(navItems(records(), 'ops', access(['platform:read'])))).not.toContain('ops-operators');
    expect(navItems(records(), 'ops', access([]))).toEqual([]);
  });

  it('organisation console: entries follow the member’s permissions, paths name the org', () => {
    const viewer = access([], { org_1: ['apps:read', 'members:read'] });
    const items = navItems(records(), 'org', viewer, 'org_1');
    expect(names(items)).toEqual(['org-dashboard', 'org-apps', 'org-cases', 'org-host-apps', 'org-articles', 'org-uid-lists', 'org-certificates', 'org-members']);
    expect(items.map((i) => i.path)).toEqual(['/o/org_1', '/o/org_1/apps', '/o/org_1/cases', '/o/org_1/host-apps', '/o/org_1/articles', '/o/org_1/uid-lists', '/o/org_1/certificates', '/o/org_1/members']);

    const owner = access([], { org_1: ['apps:read', 'members:read', 'keys:manage', 'org:manage'] });
    expect(names(navItems(records(), 'org', owner, 'org_1')).slice(-2)).toEqual(['org-api-keys', 'org-settings']);
    expect(navItems(records(), 'org', owner, 'org_2')).toEqual([]);
    expect(names(navItems(records(), 'org', access([], { org_1: [] }), 'org_1'))).toEqual(['org-dashboard']);
  });

  it('a new module’s page with meta.nav appears in its console at its order; its permission hides it', () => {
    const domains: RouteRecordRaw = {
      path: '/o/:orgId/domains',
      name: 'org-domains',
      component: { render: () => null },
      meta: { org: 'domains:read', title: 'nav.domains', nav: { icon: { render: () => null }, order: 45 } },
    };
    const detail: RouteRecordRaw = {
      path: '/o/:orgId/domains/:domainId',
      name: 'org-domain',
      component: { render: () => null },
      meta: { org: 'domains:read', title: 'nav.domains' },
    };
    const extra = [domains, detail];
    const can = access([], { org_1: ['apps:read', 'domains:read'] });
    const items = navItems(records(extra), 'org', can, 'org_1');
    expect(names(items)).toEqual(['org-dashboard', 'org-apps', 'org-cases', 'org-host-apps', 'org-articles', 'org-uid-lists', 'org-certificates', 'org-domains']);
    expect(items.at(-1)).toMatchObject({ path: '/o/org_1/domains', title: 'nav.domains' });

    expect(names(navItems(records(extra), 'org', access([], { org_1: ['apps:read'] }), 'org_1'))).not.toContain('org-domains');
    expect(names(navItems(records(extra), 'ops', access(['platform:read', 'domains:read'])))).not.toContain('org-domains');
  });

  it('detail pages name the list they belong to (breadcrumbs) and are not menu entries', () => {
    const byName = new Map(records().map((r) => [String(r.name), r]));
    expect(byName.get('org-app')?.meta).toMatchObject({ parent: 'org-apps', title: 'nav.appDetail' });
    expect(byName.get('ops-app')?.meta).toMatchObject({ parent: 'ops-apps', platform: 'platform:read' });
    expect(byName.get('ops-app')?.meta.nav).toBeUndefined();
    for (const r of records()) if (r.meta.parent) expect(byName.has(r.meta.parent), String(r.name)).toBe(true);
  });

  it('shows a page exactly when the guard lets the user in', () => {
    const meta = { org: 'keys:manage' };
    expect(canEnter(meta, access([], { org_1: ['keys:manage'] }), 'org_1')).toBe(true);
    expect(canEnter(meta, access([], { org_1: ['apps:read'] }), 'org_1')).toBe(false);
    expect(canEnter(meta, access([], { org_1: ['keys:manage'] }))).toBe(false);
    expect(canEnter({ platform: 'platform:operators' }, access(['platform:read']))).toBe(false);
    expect(canEnter({ title: 'nav.account' }, access([]))).toBe(true);
  });
});
