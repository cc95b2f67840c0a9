// @vitest-environment happy-dom
// usePagedList keeps a list's page, size and filters in the URL: a reload (a fresh mount on the
// same URL) and Back show the same rows; other query keys (a tab) are left alone.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { usePagedList, type PageRequest } from '../src/composables/usePagedList';

type Filters = { q: string; status: string };
const settle = async () => {
  for (let i = 0; i < 4; i += 1) {
    await nextTick();
    await new Promise((r) => setTimeout(r, 0));
  }
};

function setup(path: string, opts: { prefix?: string; total?: number } = {}) {
  const calls: PageRequest<Filters>[] = [];
  const fetchPage = vi.fn(async (req: PageRequest<Filters>) => {
    calls.push(req);
    const total = opts.total ?? 95;
    const n = Math.max(0, Math.min(req.limit, total - req.offset));
    return { items: Array.from({ length: n }, (_, i) => ({ n: req.offset + i })), nextCursor: null, total };
  });
  let list!: ReturnType<typeof usePagedList<{ n: number }, Filters>>;
  const Page = defineComponent({
    setup() {
      list = usePagedList(fetchPage, { filters: { q: '', status: 'pending' }, prefix: opts.prefix });
      return () => h('div');
    },
  });
  const router: Router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/list', name: 'list', component: Page }, { path: '/other', component: { render: () => null } }] });
  return {
    calls,
    router,
    list: () => list,
    async start() {
      await router.push(path);
      await router.isReady();
      const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router] } });
      await settle();
      return wrapper;
    },
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('usePagedList', () => {
  it('loads the page, size and filters the URL names (a reload keeps them)', async () => {
    const s = setup('/list?page=3&size=10&q=abc&status=');
    await s.start();
    expect(s.calls.at(-1)).toEqual({ limit: 10, offset: 20, filters: { q: 'abc', status: '' } });
    expect(s.list()).toMatchObject({ page: 3, size: 10, total: 95 });
    expect(s.list().items.length).toBe(10);
  });

  it('uses the defaults without a query', async () => {
    const s = setup('/list');
    await s.start();
    expect(s.calls.at(-1)).toEqual({ limit: 20, offset: 0, filters: { q: '', status: 'pending' } });
  });

  it('writes a page change to the URL, keeping other keys, and loads that page', async () => {
    const s = setup('/list?tab=versions');
    await s.start();
    s.list().page = 2;
    await settle();
    expect(s.router.currentRoute.value.query).toEqual({ tab: 'versions', page: '2' });
    expect(s.calls.at(-1)).toMatchObject({ offset: 20, limit: 20 });
  });

  it('applies the filter bar’s draft from page 1 and drops defaults from the URL', async () => {
    const s = setup('/list?page=4');
    await s.start();
    s.list().draft.q = 'wallet';
    s.list().draft.status = '';
    await s.list().search();
    await settle();
    expect(s.router.currentRoute.value.query).toEqual({ q: 'wallet', status: '' });
    expect(s.calls.at(-1)).toEqual({ limit: 20, offset: 0, filters: { q: 'wallet', status: '' } });
    await s.list().reset();
    await settle();
    expect(s.router.currentRoute.value.query).toEqual({});
    expect(s.list().draft).toEqual({ q: '', status: 'pending' });
  });

  it('a page size change goes back to page 1', async () => {
    const s = setup('/list?page=3');
    await s.start();
    s.list().size = 50;
    await settle();
    expect(s.router.currentRoute.value.query).toEqual({ size: '50' });
    expect(s.calls.at(-1)).toMatchObject({ limit: 50, offset: 0 });
  });

  it('follows Back: the earlier page is loaded again', async () => {
    const s = setup('/list');
    await s.start();
    await s.router.push('/list?page=2');
    await settle();
    expect(s.list().page).toBe(2);
    s.router.back();
    await settle();
    expect(s.list().page).toBe(1);
    expect(s.calls.at(-1)).toMatchObject({ offset: 0 });
  });

  it('a page past the end shows the last page', async () => {
    const s = setup('/list?page=9', { total: 45 });
    await s.start();
    await settle();
    expect(s.list().page).toBe(3);
    expect(s.router.currentRoute.value.query).toEqual({ page: '3' });
  });

  it('prefixes its keys so two lists share one URL', async () => {
    const s = setup('/list?invPage=2&page=5', { prefix: 'inv' });
    await s.start();
    expect(s.calls.at(-1)).toMatchObject({ offset: 20 });
    s.list().page = 3;
    await settle();
    expect(s.router.currentRoute.value.query).toEqual({ page: '5', invPage: '3' });
  });
});
