// Who may open a page, and the console menu built from the route records' meta: a module's page
// with `meta.nav` appears in the menu of its console for exactly the users the guard lets in.
import type { Component } from 'vue';
import type { RouteMeta, RouteRecordNormalized } from 'vue-router';
import './meta';

export type ConsoleName = 'ops' | 'org';

/** What the signed-in user may do; the auth store is one. */
export interface Access {
  platformPermitted(permission: string): boolean;
  orgPermitted(orgId: string, permission?: string): boolean;
}

/** Whether the user may open a page with this meta (org pages: in this organisation). */
export function canEnter(meta: RouteMeta, access: Access, orgId?: string): boolean {
  if (meta.platform !== undefined && !access.platformPermitted(meta.platform)) return false;
  if (meta.org !== undefined && (orgId === undefined || !access.orgPermitted(orgId, meta.org || undefined))) return false;
  return true;
}

export interface NavItem {
  name: string;
  path: string;
  /** i18n key. */
  title: string;
  icon: Component;
  /** Overview counter shown as a badge (operations console). */
  badge?: string;
}

/** The menu of one console: the pages with `meta.nav` the user may open, by `order`. */
export function navItems(records: readonly RouteRecordNormalized[], console: ConsoleName, access: Access, orgId?: string): NavItem[] {
  const inConsole = (meta: RouteMeta) => (console === 'ops' ? meta.platform !== undefined : meta.org !== undefined);
  return records
    .filter((r) => r.meta.nav && inConsole(r.meta) && canEnter(r.meta, access, orgId))
    .sort((a, b) => (a.meta.nav?.order ?? 0) - (b.meta.nav?.order ?? 0))
    .map((r) => ({
      name: String(r.name),
      path: r.path.replace(':orgId', encodeURIComponent(orgId ?? '')),
      title: r.meta.title ?? '',
      icon: r.meta.nav!.icon,
      ...(r.meta.nav!.badge ? { badge: r.meta.nav!.badge } : {}),
    }));
}
