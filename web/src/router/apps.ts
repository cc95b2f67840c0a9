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
    { path: 'o/:orgId/apps/:appId', name: 'org-app', component: () => import('@/views/org/AppDetail.vue'), meta: { org: 'apps:read', title: 'nav.apps' } },
  ],
};
