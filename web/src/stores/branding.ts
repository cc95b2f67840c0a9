import { defineStore } from 'pinia';
import { accountsApi, type Branding } from '@/api/accounts';

/** Public branding (product name, sign-in texts, images) set by operators; loaded once. */
export const useBrandingStore = defineStore('branding', {
  state: () => ({ branding: null as Branding | null, loaded: false }),
  getters: {
    productName: (s) => s.branding?.productName || 'Cove',
  },
  actions: {
    async load(): Promise<void> {
      if (this.loaded) return;
      try {
        this.branding = await accountsApi.branding();
        const favicon = this.branding.faviconUrl;
        if (favicon) document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.setAttribute('href', favicon);
      } catch {
        this.branding = null;
      } finally {
        this.loaded = true;
      }
    },
  },
});
