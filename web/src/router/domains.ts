// Pages of the domains module: the operators' platform lists and certificates, an organisation's
// certificates (a mini-program's own domains are a tab of its detail page).
import { Connection, Lock } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const domainsRoutes: ModuleRoutes = {
  console: [
    {
      path: 'ops/domain-lists',
      name: 'ops-domain-lists',
      component: () => import('@/views/ops/DomainLists.vue'),
      meta: { platform: 'platform:read', title: 'nav.domainLists', nav: { icon: Connection, order: 45 } },
    },
    {
      path: 'ops/certificates',
      name: 'ops-certificates',
      component: () => import('@/views/ops/Certificates.vue'),
      meta: { platform: 'platform:read', title: 'nav.certificates', nav: { icon: Lock, order: 47 } },
    },
    {
      path: 'o/:orgId/certificates',
      name: 'org-certificates',
      component: () => import('@/views/org/Certificates.vue'),
      meta: { org: 'apps:read', title: 'nav.certificates', nav: { icon: Lock, order: 42 } },
    },
  ],
};
