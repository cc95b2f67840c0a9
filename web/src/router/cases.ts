// Pages of violation reports and cases: the operators' 举报处理 list with its case drawer, and
// the organisation's 违规处理 list with the appeal; the operators' review settings (审核设置).
import { Setting, Warning } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const casesRoutes: ModuleRoutes = {
  console: [
    {
      path: 'ops/cases',
      name: 'ops-cases',
      component: () => import('@/views/ops/Cases.vue'),
      meta: { platform: 'platform:review', title: 'nav.cases', nav: { icon: Warning, order: 17, badge: 'openCases' } },
    },
    {
      path: 'ops/review-settings',
      name: 'ops-review-settings',
      component: () => import('@/views/ops/ReviewSettings.vue'),
      meta: { platform: 'platform:read', title: 'nav.reviewSettings', nav: { icon: Setting, order: 88 } },
    },
    {
      path: 'o/:orgId/cases',
      name: 'org-cases',
      component: () => import('@/views/org/Cases.vue'),
      meta: { org: 'apps:read', title: 'nav.orgCases', nav: { icon: Warning, order: 25 } },
    },
  ],
};
