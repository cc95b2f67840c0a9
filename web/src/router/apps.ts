// Pages of the apps module: every mini-program and the base libraries (operations console), an
// organisation's mini-programs and their detail (organisation console).
import { Collection, Grid } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const appsRoutes: ModuleRoutes = {
  console: [
    {
      path: 'ops/apps',
      name: 'ops-apps',
      component: () => import('@/views/ops/Apps.vue'),
      meta: { platform: 'platform:read', title: 'nav.allApps', nav: { icon: Grid, order: 20 } },
    },
    {
      // An operator's read-only view of any mini-program (versions, history), with takedown.
      path: 'ops/apps/:appId',
      name: 'ops-app',
      component: () => import('@/views/org/AppDetail.vue'),
      meta: { platform: 'platform:read', title: 'nav.appDetail', parent: 'ops-apps' },
    },
    {
      path: 'ops/base-libraries',
      name: 'ops-base-libraries',
      component: () => import('@/views/ops/BaseLibraries.vue'),
      meta: { platform: 'platform:read', title: 'nav.baseLibraries', nav: { icon: Collection, order: 40 } },
    },
    {
      path: 'o/:orgId/apps',
      name: 'org-apps',
      component: () => import('@/views/org/Apps.vue'),
      meta: { org: 'apps:read', title: 'nav.apps', nav: { icon: Grid, order: 20 } },
    },
    {
      path: 'o/:orgId/apps/:appId',
      name: 'org-app',
      component: () => import('@/views/org/AppDetail.vue'),
      meta: { org: 'apps:read', title: 'nav.appDetail', parent: 'org-apps' },
    },
  ],
};
