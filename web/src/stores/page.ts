import { defineStore } from 'pinia';
import { onBeforeUnmount, watchEffect } from 'vue';

/**
 * What the current page shows beyond its route title: the object a detail page is about (a
 * mini-program's name). The breadcrumbs end with it and the browser tab names it.
 */
export const usePageStore = defineStore('page', {
  state: () => ({ object: '' }),
});

/** Names the page's object (breadcrumb, document title) while the calling component lives. */
export function usePageObject(name: () => string | null | undefined): void {
  const page = usePageStore();
  watchEffect(() => {
    page.object = name() ?? '';
  });
  onBeforeUnmount(() => {
    page.object = '';
  });
}
