// The operators' actions on a mini-program, shared by the 全部小程序 list and the read-only detail.
import type { App } from '@/api/apps';
import type { RowAction } from '@/components/rowActions';

/**
 * Whether a mini-program can be taken down: not already taken down, and released at least once
 * (a draft never reached anyone; taking it down would only confuse its organisation).
 */
export function mayTakeDown(app: App): boolean {
  return app.offlineBy !== 'platform' && app.status !== 'draft';
}

interface Runner {
  run: (app: App) => unknown;
}

export function appActions(app: App, canReview: boolean, takedown: Runner, restore: Runner, t: (key: string) => string): RowAction[] {
  return [
    { key: 'takedown', label: t('platformApps.takedown'), type: 'danger', show: canReview && mayTakeDown(app), onClick: () => takedown.run(app) },
    { key: 'restore', label: t('platformApps.restore'), show: canReview && app.offlineBy === 'platform', onClick: () => restore.run(app) },
  ];
}
