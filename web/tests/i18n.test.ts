// Messages live in one file per module and language (src/i18n/<module>.<locale>.ts) and are merged
// into one catalogue per language: every file needs its twin with the same keys, and no key may
// be defined by two modules (the later file would silently win).
import { describe, expect, it } from 'vitest';
import { i18n, LOCALES, moduleMessages, type Messages } from '../src/i18n';

function entries(obj: Messages, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]): [string, string][] =>
    typeof v === 'object' ? entries(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}
const moduleName = (file: string) => file.replace(/^\.\//, '').replace(/\.(zh-CN|en-US)\.ts$/, '');
const byModule = (locale: (typeof LOCALES)[number]) =>
  new Map(Object.entries(moduleMessages[locale]).map(([file, m]) => [moduleName(file), m] as const));

describe('translations', () => {
  const zh = byModule('zh-CN');
  const en = byModule('en-US');

  it('finds the message files of the core and every module', () => {
    expect([...zh.keys()].sort()).toEqual(expect.arrayContaining(['accounts', 'apps', 'core', 'gray', 'hostApps']));
  });

  it('has each module in both languages, with the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [name, messages] of zh) {
      const other = en.get(name) ?? {};
      expect(entries(other).map(([k]) => k).sort(), name).toEqual(entries(messages).map(([k]) => k).sort());
    }
  });

  it('defines no key in two modules', () => {
    for (const locale of LOCALES) {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const [name, messages] of byModule(locale)) {
        for (const [key] of entries(messages)) {
          if (owner.has(key)) clashes.push(`${key}: ${owner.get(key)} and ${name}`);
          owner.set(key, name);
        }
      }
      expect(clashes, locale).toEqual([]);
    }
  });

  it('translates every string (none empty, except the unused active-status texts)', () => {
    for (const locale of LOCALES) {
      for (const [name, messages] of byModule(locale)) {
        const empty = entries(messages).filter(([k, v]) => v === '' && !k.startsWith('dashboard.status.active.'));
        expect(empty, `${locale} ${name}`).toEqual([]);
      }
    }
  });

  it('uses no vue-i18n special characters by accident (@ and | change meaning)', () => {
    for (const locale of LOCALES) {
      for (const [, messages] of byModule(locale)) {
        for (const [k, v] of entries(messages)) expect(v, k).not.toMatch(/[@|]/);
      }
    }
  });

  it('merges the modules into one catalogue per language (shared sections keep every module’s keys)', () => {
    const zhKeys = entries(i18n.global.getLocaleMessage('zh-CN') as Messages).map(([k]) => k);
    const expected = [...zh.values()].flatMap((m) => entries(m).map(([k]) => k));
    expect(zhKeys.sort()).toEqual(expected.sort());
    expect(zhKeys).toEqual(expect.arrayContaining(['nav.dashboard', 'nav.uidLists', 'status.app.online', 'status.grayPlan.running']));
  });
});
