import { computed, getCurrentInstance, onBeforeUnmount, reactive, ref, shallowRef, watch } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';

/** One page as every list endpoint answers: its rows, the total matching the filters. */
export interface ListAnswer<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export type Filters = Record<string, string>;

export interface PagedListOptions<F extends Filters> {
  /** The list's filters with their defaults ('' = any); each is kept in the URL under its name. */
  filters?: F;
  /** Rows per page when the URL names none (one of 10, 20, 50, 100). */
  pageSize?: number;
  /** Prefix of this list's URL keys ("inv" → invPage, invStatus), for a second list on one page. */
  prefix?: string;
  /** Keep page, size and filters in the URL (default true); off for lists inside dialogs. */
  url?: boolean;
}

export interface PageRequest<F extends Filters> {
  limit: number;
  offset: number;
  filters: F;
}

/** Scrolls the console's content (or the window) back to the top, as a new page is shown. */
export function scrollToTop(): void {
  document.querySelector('[data-scroll-root]')?.scrollTo?.({ top: 0 });
  window.scrollTo?.({ top: 0 });
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const positive = (v: unknown, fallback: number) => {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * A list with a pagination bar and a filter bar whose state lives in the URL query, so reload
 * and Back show the same page with the same filters. The rows come from offset paging
 * (`offset = (page - 1) * size`, `limit = size`) and the answer's `total`.
 *
 * `filters` are the applied filters (what the rows match); `draft` is what the filter bar edits,
 * applied by `search()` (back to page 1) and cleared by `reset()`.
 */
export function usePagedList<T, F extends Filters = Filters>(
  fetchPage: (req: PageRequest<F>) => Promise<ListAnswer<T>>,
  opts: PagedListOptions<F> = {},
) {
  const defaults = { ...(opts.filters ?? {}) } as F;
  const defaultSize = opts.pageSize ?? 20;
  const inUrl = opts.url !== false;
  const key = (name: string) => (opts.prefix ? `${opts.prefix}${cap(name)}` : name);

  const route = inUrl ? useRoute() : null;
  const router = inUrl ? useRouter() : null;
  const routeName = route?.name;

  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const page = ref(1);
  const size = ref(defaultSize);
  const filters = reactive({ ...defaults }) as F;
  const draft = reactive({ ...defaults }) as F;

  function readQuery(q: LocationQuery) {
    page.value = positive(q[key('page')], 1);
    size.value = positive(q[key('size')], defaultSize);
    for (const name of Object.keys(defaults)) {
      const v = q[key(name)];
      const value = v === undefined ? defaults[name] : String(Array.isArray(v) ? v[0] ?? '' : v ?? '');
      (filters as Filters)[name] = value as string;
      (draft as Filters)[name] = value as string;
    }
  }

  /** This list's part of the URL: only what differs from the defaults. */
  function ownQuery(): Record<string, string> {
    const q: Record<string, string> = {};
    if (page.value !== 1) q[key('page')] = String(page.value);
    if (size.value !== defaultSize) q[key('size')] = String(size.value);
    for (const name of Object.keys(defaults)) {
      const v = (filters as Filters)[name] ?? '';
      if (v !== defaults[name]) q[key(name)] = v;
    }
    return q;
  }

  // This list's keys of a query: a tab or another list changing the query does not reload it.
  const own = (q: LocationQuery) => JSON.stringify(['page', 'size', ...Object.keys(defaults)].map((n) => q[key(n)] ?? null));

  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const res = await fetchPage({ limit: size.value, offset: (page.value - 1) * size.value, filters: { ...filters } });
      if (mine !== seq) return;
      const offset = (page.value - 1) * size.value;
      total.value = typeof res.total === 'number' ? res.total : offset + res.items.length + (res.nextCursor ? 1 : 0);
      // A page past the end (rows deleted, an old link): show the last page instead.
      if (res.items.length === 0 && total.value > 0 && page.value > 1) {
        void go({ page: Math.max(1, Math.ceil(total.value / size.value)) });
        return;
      }
      items.value = res.items;
    } catch (e) {
      if (mine !== seq) return;
      error.value = e;
      items.value = [];
      total.value = 0;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  /** Applies a change of page, size or filters: through the URL (its watcher loads), or at once. */
  async function go(change: { page?: number; size?: number; filters?: Partial<F> }): Promise<void> {
    const before = page.value;
    if (change.size !== undefined) size.value = change.size;
    if (change.page !== undefined) page.value = change.page;
    if (change.filters) Object.assign(filters, change.filters);
    if (page.value !== before) scrollToTop();
    if (!inUrl || !route || !router) return load();
    const rest: LocationQuery = { ...route.query };
    for (const name of ['page', 'size', ...Object.keys(defaults)]) delete rest[key(name)];
    const query = { ...rest, ...ownQuery() };
    const changed = own(query) !== own(route.query);
    await router.replace({ query });
    if (!changed) return load(); // nothing of this list changed in the URL: the watcher will not fire
  }

  if (inUrl && route) {
    readQuery(route.query);
    // Back / forward and links within the page change the query: follow it.
    watch(
      () => own(route.query),
      () => {
        if (route.name !== routeName) return; // leaving this page
        readQuery(route.query);
        void load();
      },
    );
  }
  if (getCurrentInstance()) onBeforeUnmount(() => (seq += 1));
  void load();

  return reactive({
    items,
    total,
    loading,
    error,
    filters,
    draft,
    page: computed({ get: () => page.value, set: (p: number) => void go({ page: p }) }),
    size: computed({ get: () => size.value, set: (s: number) => void go({ size: s, page: 1 }) }),
    /** Whether any filter differs from its default (for "no match" vs "empty" texts). */
    filtered: computed(() => Object.keys(defaults).some((n) => (filters as Filters)[n] !== defaults[n])),
    load,
    /** Applies the filter bar's draft, from page 1. */
    search: () => go({ page: 1, filters: { ...draft } }),
    /** Back to the default filters, page 1. */
    reset: () => {
      Object.assign(draft, defaults);
      return go({ page: 1, filters: { ...defaults } });
    },
    /** Sets filters directly (a select that applies at once), from page 1. */
    apply: (change: Partial<F>) => {
      Object.assign(draft, change);
      return go({ page: 1, filters: change });
    },
  });
}
