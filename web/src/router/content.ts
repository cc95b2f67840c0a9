// Pages of announcements and articles (notify module): the operators' announcements and
// platform-wide articles, and an organisation's articles.
import { Bell, Document } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const contentRoutes: ModuleRoutes = {
  console: [
    {
      path: 'ops/announcements',
      name: 'ops-announcements',
      component: () => import('@/views/content/Announcements.vue'),
      meta: { platform: 'platform:content', title: 'nav.announcements', nav: { icon: Bell, order: 60 } },
    },
    {
      path: 'ops/articles',
      name: 'ops-articles',
      component: () => import('@/views/content/PlatformArticles.vue'),
      meta: { platform: 'platform:content', title: 'nav.platformArticles', nav: { icon: Document, order: 62 } },
    },
    {
      path: 'o/:orgId/articles',
      name: 'org-articles',
      component: () => import('@/views/content/OrgArticles.vue'),
      meta: { org: 'apps:read', title: 'nav.orgArticles', nav: { icon: Document, order: 35 } },
    },
  ],
};
