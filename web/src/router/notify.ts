// Pages of the notify module: 消息中心 (for everyone signed in), the operators' mail settings and
// mail log, and the forgot-password pages outside the console frame.
import { Message } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const notifyRoutes: ModuleRoutes = {
  standalone: [
    { path: '/forgot-password', name: 'forgot-password', component: () => import('@/views/notify/ForgotPassword.vue'), meta: { public: true, title: 'reset.title' } },
    { path: '/reset-password/:token', name: 'reset-password', component: () => import('@/views/notify/ResetPassword.vue'), meta: { public: true, title: 'reset.newTitle' } },
  ],
  console: [
    { path: 'notifications', name: 'notifications', component: () => import('@/views/notify/Notifications.vue'), meta: { title: 'nav.notifications' } },
    {
      path: 'ops/mail',
      name: 'ops-mail',
      component: () => import('@/views/notify/MailSettings.vue'),
      meta: { platform: 'platform:settings', title: 'nav.mailSettings', nav: { icon: Message, order: 85 } },
    },
  ],
};
