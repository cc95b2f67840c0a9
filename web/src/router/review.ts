// Pages of the review module: the operators' 待办中心 and a review's page (the organisation's
// review records are a tab of the mini-program detail, its version rows carry submit/withdraw).
import { Stamp } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const reviewRoutes: ModuleRoutes = {
  console: [
    {
      path: 'ops/reviews',
      name: 'ops-reviews',
      component: () => import('@/views/ops/Reviews.vue'),
      meta: { platform: 'platform:review', title: 'nav.reviews', nav: { icon: Stamp, order: 15, badge: 'pendingReviews' } },
    },
    {
      path: 'ops/reviews/:reviewId',
      name: 'ops-review',
      component: () => import('@/views/ops/ReviewDetail.vue'),
      meta: { platform: 'platform:review', title: 'nav.reviewDetail', parent: 'ops-reviews' },
    },
  ],
};
