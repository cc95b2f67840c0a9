// Pages of the gray module: UID lists (plans live in the mini-program's gray tab).
import { List } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const grayRoutes: ModuleRoutes = {
  console: [
    {
      path: 'o/:orgId/uid-lists',
      name: 'org-uid-lists',
      component: () => import('@/views/org/UidLists.vue'),
      meta: { org: 'apps:read', title: 'nav.uidLists', nav: { icon: List, order: 40 } },
    },
  ],
};
