import { describe, expect, it } from 'vitest';
import zhCN from '../src/i18n/zh-CN';
import enUS from '../src/i18n/en-US';

function entries(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]): [string, string][] =>
    typeof v === 'object' && v !== null ? entries(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
  );
}

describe('translations', () => {
  it('zh-CN and en-US have the same keys', () => {
    expect(entries(zhCN).map(([k]) => k).sort()).toEqual(entries(enUS).map(([k]) => k).sort());
  });

  it('every string is translated (none empty, except the unused active-status texts)', () => {
    for (const messages of [zhCN, enUS]) {
      const empty = entries(messages).filter(([k, v]) => v === '' && !k.startsWith('dashboard.status.active.'));
      expect(empty).toEqual([]);
    }
  });

  it('messages use no vue-i18n special characters by accident (@ and | change meaning)', () => {
    for (const messages of [zhCN, enUS]) {
      for (const [k, v] of entries(messages)) expect(v, k).not.toMatch(/[@|]/);
    }
  });
});
