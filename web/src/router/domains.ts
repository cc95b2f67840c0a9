// Pages of the domains module: the operators' platform lists (a mini-program's own domains are a
// tab of its detail page).
import { Connection } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const domainsRoutes: ModuleRoutes = {
  console: [
    {
      path: 'ops/domain-lists',
      name: 'ops-domain-lists',
      component: () => import('@/views/ops/DomainLists.vue'),
      meta: { platform: 'platform:read', title: 'nav.domainLists', nav: { icon: Connection, order: 45 } },
    },
  ],
};
