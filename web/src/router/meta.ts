// What a route record says about itself. The guard (router/index.ts) and the console menu
// (router/nav.ts, ConsoleLayout) read only this, so a module's pages carry their own access rule,
// title and menu entry.
import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Operations console (运营端): needs this platform permission. */
    platform?: string;
    /** Organisation console (开发中心, path has :orgId): needs this org permission ('' = membership). */
    org?: string;
    /** i18n key of the page title (document title, menu label, last breadcrumb). */
    title?: string;
    /** Name of the page a detail page belongs to: its breadcrumb before this page's object. */
    parent?: string;
    /**
     * A menu entry in the console that `platform` / `org` names, shown when the user may enter.
     * Entries sort by `order` (core and today's modules use multiples of 10). `badge` names a counter
     * of GET /api/v1/platform/overview (e.g. "pendingOrgs") shown on the entry when not zero.
     */
    nav?: { icon: Component; order: number; badge?: string };
  }
}

/** A module's pages (src/router/<module>.ts), listed once in router/routes.ts. */
export interface ModuleRoutes {
  /** Pages outside the console frame: sign-in, registration, invitation links. */
  standalone?: RouteRecordRaw[];
  /** Pages inside the console frame, paths relative to '/' ('ops/…', 'o/:orgId/…'). */
  console?: RouteRecordRaw[];
}
