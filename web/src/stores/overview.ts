import { defineStore } from 'pinia';
import { platformApi, type OverviewItem } from '@/api/platform';

/**
 * The operators' counters (GET /api/v1/platform/overview): what waits for them, by module-declared
 * key. The workbench shows them and the menu puts them on its entries as badges (meta.nav.badge).
 */
export const useOverviewStore = defineStore('overview', {
  state: () => ({ items: [] as OverviewItem[], loaded: false, error: null as unknown }),
  getters: {
    count: (s) => (key: string) => s.items.find((i) => i.key === key)?.count ?? 0,
  },
  actions: {
    async load(): Promise<void> {
      try {
        this.items = (await platformApi.overview()).items;
        this.error = null;
      } catch (e) {
        this.error = e;
      } finally {
        this.loaded = true;
      }
    },
  },
});
