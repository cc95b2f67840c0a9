import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { useAuthStore } from '@/stores/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Operations console: needs this platform permission. */
    platform?: string;
    /** Organisation console (route has :orgId): needs this org permission ('' = membership). */
    org?: string;
    /** i18n key of the page title. */
    title?: string;
  }
}

const ConsoleLayout = () => import('@/layouts/ConsoleLayout.vue');

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/sign-in', name: 'sign-in', component: () => import('@/views/auth/SignIn.vue'), meta: { public: true, title: 'signIn.title' } },
    { path: '/setup', name: 'setup', component: () => import('@/views/auth/Setup.vue'), meta: { public: true, title: 'setup.title' } },
    { path: '/register', name: 'register', component: () => import('@/views/auth/Register.vue'), meta: { public: true, title: 'register.title' } },
    { path: '/register/submitted', name: 'register-submitted', component: () => import('@/views/auth/RegisterSubmitted.vue'), meta: { public: true, title: 'register.title' } },
    { path: '/invite/:token', name: 'invite', component: () => import('@/views/auth/AcceptInvite.vue'), meta: { public: true, title: 'invite.title' } },
    { path: '/change-password', name: 'change-password', component: () => import('@/views/auth/ChangePassword.vue'), meta: { title: 'changePassword.title' } },
    {
      path: '/',
      component: ConsoleLayout,
      children: [
        { path: '', name: 'home', component: { render: () => null } },
        { path: 'ops/orgs', name: 'ops-orgs', component: () => import('@/views/ops/Orgs.vue'), meta: { platform: 'platform:read', title: 'nav.orgReview' } },
        { path: 'ops/apps', name: 'ops-apps', component: () => import('@/views/ops/Apps.vue'), meta: { platform: 'platform:read', title: 'nav.allApps' } },
        { path: 'ops/operators', name: 'ops-operators', component: () => import('@/views/ops/Operators.vue'), meta: { platform: 'platform:operators', title: 'nav.operators' } },
        { path: 'ops/base-libraries', name: 'ops-base-libraries', component: () => import('@/views/ops/BaseLibraries.vue'), meta: { platform: 'platform:read', title: 'nav.baseLibraries' } },
        { path: 'ops/settings', name: 'ops-settings', component: () => import('@/views/ops/Settings.vue'), meta: { platform: 'platform:read', title: 'nav.settings' } },
        { path: 'o/:orgId', name: 'org-dashboard', component: () => import('@/views/org/Dashboard.vue'), meta: { org: '', title: 'nav.dashboard' } },
        { path: 'o/:orgId/apps', name: 'org-apps', component: () => import('@/views/org/Apps.vue'), meta: { org: 'apps:read', title: 'nav.apps' } },
        { path: 'o/:orgId/apps/:appId', name: 'org-app', component: () => import('@/views/org/AppDetail.vue'), meta: { org: 'apps:read', title: 'nav.apps' } },
        { path: 'o/:orgId/uid-lists', name: 'org-uid-lists', component: () => import('@/views/org/UidLists.vue'), meta: { org: 'apps:read', title: 'nav.uidLists' } },
        { path: 'o/:orgId/host-apps', name: 'org-host-apps', component: () => import('@/views/org/HostApps.vue'), meta: { org: 'apps:read', title: 'nav.hostApps' } },
        { path: 'o/:orgId/members', name: 'org-members', component: () => import('@/views/org/Members.vue'), meta: { org: 'members:read', title: 'nav.members' } },
        { path: 'o/:orgId/settings', name: 'org-settings', component: () => import('@/views/org/OrgSettings.vue'), meta: { org: 'org:manage', title: 'nav.orgSettings' } },
        { path: 'o/:orgId/api-keys', name: 'org-api-keys', component: () => import('@/views/org/ApiKeys.vue'), meta: { org: 'keys:manage', title: 'nav.apiKeys' } },
        { path: 'account', name: 'account', component: () => import('@/views/account/Account.vue'), meta: { title: 'nav.account' } },
        { path: '403', name: 'forbidden', component: () => import('@/views/Forbidden.vue'), meta: { title: 'forbidden.title' } },
      ],
    },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFound.vue'), meta: { public: true, title: 'notFound.title' } },
  ],
});

function forbidden(to: RouteLocationNormalized) {
  return { name: 'forbidden', query: { from: to.fullPath }, replace: true } as const;
}

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  await auth.init();
  if (to.meta.public) {
    if (auth.signedIn && to.name === 'sign-in') return auth.homePath;
    return true;
  }
  if (!auth.me) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };

  const restriction = auth.me.restriction;
  if (restriction === 'auth.password_change_required' && to.name !== 'change-password') return { name: 'change-password' };
  if (restriction === 'auth.2fa_enrollment_required' && to.name !== 'account') return { name: 'account' };
  if (to.name === 'home') return auth.homePath;

  if (to.meta.platform !== undefined && !auth.platformPermitted(to.meta.platform)) return forbidden(to);
  if (to.meta.org !== undefined) {
    const orgId = String(to.params.orgId);
    if (!auth.orgPermitted(orgId, to.meta.org || undefined)) return forbidden(to);
    auth.selectOrg(orgId);
  }
  return true;
});
