// @vitest-environment happy-dom
// Date-range filters (issue 13): the filter bar keeps whole days, the API gets instants — from the
// first day's local midnight to the midnight after the last day — and the picker component emits
// the days it shows.
import { afterEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { i18n } from '../src/i18n';
import DateRangeFilter from '../src/components/DateRangeFilter.vue';
import { dayOf, dayRangeQuery, lastDays } from '../src/composables/dateRange';

afterEach(() => {
  document.body.innerHTML = '';
  i18n.global.locale.value = 'zh-CN';
});

describe('dayRangeQuery', () => {
  it('covers whole days in the browser time zone, the last day included', () => {
    const q = dayRangeQuery('2026-12-01', '2026-12-03');
    expect(q.from).toBe(new Date(2026, 11, 1).toISOString());
    expect(q.to).toBe(new Date(2026, 11, 4).toISOString()); // exclusive: the midnight after the 3rd
  });
  it('crosses a month and a year end', () => {
    expect(dayRangeQuery('2026-12-31', '2026-12-31').to).toBe(new Date(2027, 0, 1).toISOString());
    expect(dayRangeQuery('2026-02-28', '2026-02-28').to).toBe(new Date(2026, 2, 1).toISOString());
  });
  it('leaves out what is missing or not a day, and an upside-down range altogether', () => {
    expect(dayRangeQuery('', '')).toEqual({});
    expect(dayRangeQuery('2026-12-01', '')).toEqual({ from: new Date(2026, 11, 1).toISOString() });
    expect(dayRangeQuery('yesterday', '2026-13-45')).toEqual({});
    expect(dayRangeQuery('2026-02-30', '')).toEqual({}); // no such day
    expect(dayRangeQuery('2026-12-05', '2026-12-01')).toEqual({});
  });
  it('names the last N days up to today for the shortcuts', () => {
    const today = new Date(2026, 11, 3, 15, 30);
    expect(lastDays(1, today)).toEqual(['2026-12-03', '2026-12-03']);
    expect(lastDays(7, today)).toEqual(['2026-11-27', '2026-12-03']);
    expect(dayOf(new Date(2027, 0, 9))).toBe('2027-01-09');
  });
});

describe('DateRangeFilter', () => {
  it('labels itself in the console language and emits the chosen days, or empty when cleared', async () => {
    const wrapper = mount(DateRangeFilter, {
      props: { from: '2026-12-01', to: '2026-12-03' },
      global: { plugins: [i18n, ElementPlus] },
    });
    await nextTick();
    expect(wrapper.text()).toContain('创建时间');
    const picker = wrapper.findComponent({ name: 'ElDatePicker' });
    expect(picker.props('modelValue')).toEqual(['2026-12-01', '2026-12-03']);
    picker.vm.$emit('update:modelValue', ['2026-11-01', '2026-11-30']);
    picker.vm.$emit('update:modelValue', null);
    expect(wrapper.emitted('change')).toEqual([[{ from: '2026-11-01', to: '2026-11-30' }], [{ from: '', to: '' }]]);

    i18n.global.locale.value = 'en-US';
    const en = mount(DateRangeFilter, { props: { from: '', to: '', label: 'Time' }, global: { plugins: [i18n, ElementPlus] } });
    await nextTick();
    expect(en.text()).toContain('Time');
    expect(en.findComponent({ name: 'ElDatePicker' }).props('modelValue')).toBeNull();
  });
});
