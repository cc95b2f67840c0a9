// @vitest-environment happy-dom
// The shared list components, mounted as a page uses them: the pagination bar, the filter bar, the
// id cell and the row actions.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { ElConfigProvider } from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import { i18n } from '../src/i18n';
import Pagination from '../src/components/Pagination.vue';
import FilterBar from '../src/components/FilterBar.vue';
import IdCell from '../src/components/IdCell.vue';
import RowActions from '../src/components/RowActions.vue';
import { actionsWidth, shownActions, type RowAction } from '../src/components/rowActions';

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await nextTick();
  await new Promise((r) => setTimeout(r, 0));
};

afterEach(() => {
  document.body.innerHTML = '';
  i18n.global.locale.value = 'zh-CN';
});

/** The pagination bar inside a zh-CN config provider, its models bound to refs. */
function mountPagination(total: number, page = 1, size = 20) {
  const p = ref(page);
  const s = ref(size);
  const wrapper = mount(
    defineComponent({
      setup: () => () =>
        h(ElConfigProvider, { locale: zhCn }, () =>
          h(Pagination, {
            total,
            page: p.value,
            size: s.value,
            'onUpdate:page': (v: number) => (p.value = v),
            'onUpdate:size': (v: number) => (s.value = v),
          }),
        ),
    }),
    { global: { plugins: [i18n] }, attachTo: document.body },
  );
  return { wrapper, page: p, size: s };
}

describe('Pagination', () => {
  it('shows the total (共 N 条), page sizes 10/20/50/100, the pages and a page jump', async () => {
    const { wrapper } = mountPagination(95);
    await settle();
    const text = wrapper.text();
    expect(text).toContain('共 95 条');
    expect(text).toContain('20条/页');
    expect(text).toContain('前往');
    expect(wrapper.findAll('.el-pager li').map((li) => li.text())).toEqual(['1', '2', '3', '4', '5']);
    // The size menu offers exactly the console's sizes (rendered when opened; read from the options).
    const sizes = wrapper.findComponent({ name: 'ElPagination' }).props('pageSizes');
    expect(sizes).toEqual([10, 20, 50, 100]);
  });

  it('changes page by a click and by the jump field', async () => {
    const { wrapper, page } = mountPagination(95);
    await settle();
    await wrapper.findAll('.el-pager li').find((li) => li.text() === '3')!.trigger('click');
    expect(page.value).toBe(3);
    const jump = wrapper.find('.el-pagination__jump input');
    await jump.setValue('5');
    await jump.trigger('change');
    await jump.trigger('keyup', { key: 'Enter' });
    await settle();
    expect(page.value).toBe(5);
  });

  it('changes the page size', async () => {
    const { wrapper, size } = mountPagination(95);
    await settle();
    wrapper.findComponent({ name: 'ElPagination' }).vm.$emit('update:page-size', 50);
    await settle();
    expect(size.value).toBe(50);
  });

  it('is not shown for an empty list', async () => {
    const { wrapper } = mountPagination(0);
    await settle();
    expect(wrapper.find('[data-test=pagination]').exists()).toBe(false);
  });
});

describe('FilterBar', () => {
  function mountBar() {
    const search = vi.fn();
    const reset = vi.fn();
    const wrapper = mount(FilterBar, {
      props: { onSearch: search, onReset: reset },
      slots: { default: () => h('input', { 'data-test': 'field', type: 'text' }) },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    return { wrapper, search, reset };
  }

  it('shows the page’s fields with 查询 and 重置', () => {
    const { wrapper } = mountBar();
    expect(wrapper.find('[data-test=field]').exists()).toBe(true);
    expect(wrapper.find('[data-test=filter-search]').text()).toBe('查询');
    expect(wrapper.find('[data-test=filter-reset]').text()).toBe('重置');
  });

  it('searches on 查询 and on submitting the form (Enter in a field); resets on 重置', async () => {
    const { wrapper, search, reset } = mountBar();
    await wrapper.find('form').trigger('submit');
    expect(search).toHaveBeenCalledTimes(1);
    await wrapper.find('[data-test=filter-search]').trigger('click');
    // The 查询 button is the form's submit button: a click submits the form.
    expect(wrapper.find('[data-test=filter-search]').attributes('type')).toBe('submit');
    await wrapper.find('[data-test=filter-reset]').trigger('click');
    expect(reset).toHaveBeenCalledTimes(1);
  });

  it('speaks English in en-US', async () => {
    i18n.global.locale.value = 'en-US';
    const { wrapper } = mountBar();
    await nextTick();
    expect(wrapper.find('[data-test=filter-search]').text()).toBe('Search');
    expect(wrapper.find('[data-test=filter-reset]').text()).toBe('Reset');
  });
});

describe('IdCell', () => {
  const APP_ID = 'app_PDB8Y2PdyJGI3sKtY7U1Ms';

  it('shows the id in one monospace line that never breaks mid-token', () => {
    const wrapper = mount(IdCell, { props: { value: APP_ID }, global: { plugins: [i18n] } });
    const text = wrapper.find('.id-text');
    expect(text.text()).toBe(APP_ID);
    // Scoped styles are not applied in the test DOM; the rule is in the component's <style>.
    const sfc = IdCell as unknown as { __scopeId?: string };
    expect(sfc.__scopeId).toBeTruthy();
  });

  it('copies the whole id', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const wrapper = mount(IdCell, { props: { value: APP_ID }, global: { plugins: [i18n] } });
    await wrapper.find('[data-test=copy-id]').trigger('click');
    expect(writeText).toHaveBeenCalledWith(APP_ID);
    expect(wrapper.find('[data-test=copy-id]').attributes('aria-label')).toContain(APP_ID);
  });

  it('has no copy button when told so', () => {
    const wrapper = mount(IdCell, { props: { value: 'key_abc…', copy: false }, global: { plugins: [i18n] } });
    expect(wrapper.find('[data-test=copy-id]').exists()).toBe(false);
  });

  it('offers the full id in a tooltip only when the column cuts it', async () => {
    const wrapper = mount(IdCell, { props: { value: APP_ID }, global: { plugins: [i18n] }, attachTo: document.body });
    const tooltip = () => wrapper.findComponent({ name: 'ElTooltip' });
    const el = wrapper.find('.id-text').element as HTMLElement;
    Object.defineProperty(el, 'clientWidth', { value: 200, configurable: true });
    Object.defineProperty(el, 'scrollWidth', { value: 200, configurable: true });
    await wrapper.find('.id-text').trigger('mouseenter');
    expect(tooltip().props('disabled')).toBe(true);
    Object.defineProperty(el, 'clientWidth', { value: 80, configurable: true });
    await wrapper.find('.id-text').trigger('mouseenter');
    expect(tooltip().props('disabled')).toBe(false);
    expect(tooltip().props('content')).toBe(APP_ID);
  });
});

describe('RowActions', () => {
  const actions = (n: number): RowAction[] =>
    Array.from({ length: n }, (_, i) => ({ key: `a${i}`, label: `动作${i}`, onClick: vi.fn() }));

  it('shows up to two actions as links and the rest under 更多', () => {
    expect(shownActions(actions(2))).toMatchObject({ inline: [{ key: 'a0' }, { key: 'a1' }], more: [] });
    const { inline, more } = shownActions(actions(4));
    expect(inline.map((a) => a.key)).toEqual(['a0', 'a1']);
    expect(more.map((a) => a.key)).toEqual(['a2', 'a3']);
    const hidden = [...actions(3)];
    hidden[0] = { ...hidden[0]!, show: false };
    expect(shownActions(hidden)).toMatchObject({ inline: [{ key: 'a1' }, { key: 'a2' }], more: [] });
  });

  it('renders the links and 更多, and runs an action', async () => {
    const list = actions(3);
    const wrapper = mount(RowActions, { props: { actions: list }, global: { plugins: [i18n] } });
    expect(wrapper.find('[data-test=a0]').text()).toBe('动作0');
    expect(wrapper.find('[data-test=row-more]').text()).toContain('更多');
    await wrapper.find('[data-test=a1]').trigger('click');
    expect(list[1]!.onClick).toHaveBeenCalled();
  });

  it('sizes the column for the widest row on one line', () => {
    const narrow = actionsWidth([actions(1)], '操作', '更多');
    const wide = actionsWidth([actions(1), actions(4)], '操作', '更多');
    expect(wide).toBeGreaterThan(narrow);
    expect(actionsWidth([], '操作', '更多')).toBeGreaterThan(0);
  });
});
