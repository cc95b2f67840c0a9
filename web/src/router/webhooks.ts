// Pages of the webhooks module: an organisation's endpoints (设置 → Webhooks) and the platform's.
import { Promotion } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const webhooksRoutes: ModuleRoutes = {
  console: [
    {
      path: 'o/:orgId/webhooks',
      name: 'org-webhooks',
      component: () => import('@/views/org/Webhooks.vue'),
      meta: { org: 'webhooks:manage', title: 'nav.webhooks', nav: { icon: Promotion, order: 65 } },
    },
    {
      path: 'ops/webhooks',
      name: 'ops-webhooks',
      component: () => import('@/views/ops/Webhooks.vue'),
      meta: { platform: 'platform:read', title: 'nav.platformWebhooks', nav: { icon: Promotion, order: 48 } },
    },
  ],
};
