// Pages of the accounts module: sign-in and registration, my account, organisation review,
// operators, platform settings, members, API keys, organisation settings.
import { Avatar, Document, Key, OfficeBuilding, Setting, User } from '@element-plus/icons-vue';
import type { ModuleRoutes } from './meta';

export const accountsRoutes: ModuleRoutes = {
  standalone: [
    { path: '/sign-in', name: 'sign-in', component: () => import('@/views/auth/SignIn.vue'), meta: { public: true, title: 'signIn.title' } },
    { path: '/setup', name: 'setup', component: () => import('@/views/auth/Setup.vue'), meta: { public: true, title: 'setup.title' } },
    { path: '/register', name: 'register', component: () => import('@/views/auth/Register.vue'), meta: { public: true, title: 'register.title' } },
    {
      path: '/register/submitted',
      name: 'register-submitted',
      component: () => import('@/views/auth/RegisterSubmitted.vue'),
      meta: { public: true, title: 'register.title' },
    },
    { path: '/invite/:token', name: 'invite', component: () => import('@/views/auth/AcceptInvite.vue'), meta: { public: true, title: 'invite.title' } },
    { path: '/change-password', name: 'change-password', component: () => import('@/views/auth/ChangePassword.vue'), meta: { title: 'changePassword.title' } },
  ],
  console: [
    {
      path: 'ops/orgs',
      name: 'ops-orgs',
      component: () => import('@/views/ops/Orgs.vue'),
      meta: { platform: 'platform:read', title: 'nav.orgReview', nav: { icon: OfficeBuilding, order: 10, badge: 'pendingOrgs' } },
    },
    {
      path: 'ops/operators',
      name: 'ops-operators',
      component: () => import('@/views/ops/Operators.vue'),
      meta: { platform: 'platform:operators', title: 'nav.operators', nav: { icon: Avatar, order: 30 } },
    },
    {
      path: 'ops/operation-log',
      name: 'ops-operation-log',
      component: () => import('@/views/ops/OperationLog.vue'),
      meta: { platform: 'platform:audit', title: 'nav.operationLog', nav: { icon: Document, order: 80 } },
    },
    {
      path: 'ops/settings',
      name: 'ops-settings',
      component: () => import('@/views/ops/Settings.vue'),
      meta: { platform: 'platform:read', title: 'nav.settings', nav: { icon: Setting, order: 90 } },
    },
    {
      path: 'o/:orgId/members',
      name: 'org-members',
      component: () => import('@/views/org/Members.vue'),
      meta: { org: 'members:read', title: 'nav.members', nav: { icon: User, order: 50 } },
    },
    {
      path: 'o/:orgId/api-keys',
      name: 'org-api-keys',
      component: () => import('@/views/org/ApiKeys.vue'),
      meta: { org: 'keys:manage', title: 'nav.apiKeys', nav: { icon: Key, order: 60 } },
    },
    {
      path: 'o/:orgId/operation-log',
      name: 'org-operation-log',
      component: () => import('@/views/org/OperationLog.vue'),
      meta: { org: 'audit:read', title: 'nav.operationLog', nav: { icon: Document, order: 80 } },
    },
    {
      path: 'o/:orgId/settings',
      name: 'org-settings',
      component: () => import('@/views/org/OrgSettings.vue'),
      meta: { org: 'org:manage', title: 'nav.orgSettings', nav: { icon: Setting, order: 90 } },
    },
    { path: 'account', name: 'account', component: () => import('@/views/account/Account.vue'), meta: { title: 'nav.account' } },
  ],
};
