import { ref, shallowRef } from 'vue';
import type { Page } from '@/api';

/**
 * A cursor-paged list with loading / error / empty states. `prev` walks back through the cursors
 * already seen (the API pages forward only).
 */
export function useList<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([]);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const nextCursor = ref<string | null>(null);
  const cursors = ref<(string | undefined)[]>([undefined]);
  const page = ref(0);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const res = await fetchPage(cursors.value[page.value]);
      items.value = res.items;
      nextCursor.value = res.nextCursor;
    } catch (e) {
      error.value = e;
      items.value = [];
    } finally {
      loading.value = false;
    }
  }
  function reload(): Promise<void> {
    cursors.value = [undefined];
    page.value = 0;
    return load();
  }
  function next(): Promise<void> {
    if (!nextCursor.value) return Promise.resolve();
    cursors.value = [...cursors.value.slice(0, page.value + 1), nextCursor.value];
    page.value += 1;
    return load();
  }
  function prev(): Promise<void> {
    if (page.value === 0) return Promise.resolve();
    page.value -= 1;
    return load();
  }
  return { items, loading, error, nextCursor, page, load, reload, next, prev };
}
