// Every page of the console: the core pages here, each module's from src/router/<module>.ts.
// Adding a module's pages is adding it to `modules` (and its import); its menu entries come from
// its routes' meta (router/nav.ts).
import { Monitor, Odometer } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import type { ModuleRoutes } from './meta';
import { accountsRoutes } from './accounts';
import { appsRoutes } from './apps';
import { hostAppsRoutes } from './hostApps';
import { grayRoutes } from './gray';
import { domainsRoutes } from './domains';
import { webhooksRoutes } from './webhooks';
import { reviewRoutes } from './review';
import { casesRoutes } from './cases';
import { notifyRoutes } from './notify';
import { contentRoutes } from './content';

const modules: ModuleRoutes[] = [accountsRoutes, appsRoutes, hostAppsRoutes, grayRoutes, domainsRoutes, reviewRoutes, casesRoutes, notifyRoutes, webhooksRoutes, contentRoutes];

export const routes: RouteRecordRaw[] = [
  ...modules.flatMap((m) => m.standalone ?? []),
  {
    path: '/',
    component: () => import('@/layouts/ConsoleLayout.vue'),
    children: [
      // Sent on by the guard to the user's home (operations console, their org, or My account).
      { path: '', name: 'home', component: { render: () => null } },
      {
        path: 'ops',
        name: 'ops-home',
        component: () => import('@/views/ops/Workbench.vue'),
        meta: { platform: 'platform:read', title: 'nav.workbench', nav: { icon: Monitor, order: 5 } },
      },
      {
        path: 'o/:orgId',
        name: 'org-dashboard',
        component: () => import('@/views/org/Dashboard.vue'),
        meta: { org: '', title: 'nav.dashboard', nav: { icon: Odometer, order: 10 } },
      },
      ...modules.flatMap((m) => m.console ?? []),
      { path: '403', name: 'forbidden', component: () => import('@/views/Forbidden.vue'), meta: { title: 'forbidden.title' } },
    ],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFound.vue'), meta: { public: true, title: 'notFound.title' } },
];
