import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { useAuthStore } from '@/stores/auth';
import { canEnter } from './nav';
import { routes } from './routes';

export const router = createRouter({ history: createWebHistory(), routes });

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

  // The same rule hides the page from the menu (router/nav.ts).
  const orgId = to.meta.org !== undefined ? String(to.params.orgId) : undefined;
  if (!canEnter(to.meta, auth, orgId)) return forbidden(to);
  if (orgId !== undefined && !auth.orgReadOnly(orgId)) auth.selectOrg(orgId);
  return true;
});
