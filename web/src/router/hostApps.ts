// Pages of host apps (the apps module's runtime side).
import { Cellphone } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const hostAppsRoutes: ModuleRoutes = {
  console: [
    {
      path: 'o/:orgId/host-apps',
      name: 'org-host-apps',
      component: () => import('@/views/org/HostApps.vue'),
      meta: { org: 'apps:read', title: 'nav.hostApps', nav: { icon: Cellphone, order: 30 } },
    },
  ],
};
