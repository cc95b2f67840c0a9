import { createI18n } from 'vue-i18n';

export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: Locale[] = ['zh-CN', 'en-US'];
const STORAGE_KEY = 'cove.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch {
    // Storage blocked: fall back to the default.
  }
  return 'zh-CN';
}

export type Messages = { [key: string]: string | Messages };

/** Adds a module's messages to a catalogue, merging shared sections (nav.*, status.*, errors.*). */
export function merge(base: Messages, extra: Messages): Messages {
  const out: Messages = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const prev = out[k];
    out[k] = typeof v === 'object' && typeof prev === 'object' ? merge(prev, v) : v;
  }
  return out;
}

// Each module's messages are in <module>.<locale>.ts (core, accounts, apps, hostApps, gray …): a new
// module's files join the catalogue without an edit here. tests/i18n.test.ts checks that every
// file has its other-language twin with the same keys and that no two modules define one key.
export const moduleMessages = {
  'zh-CN': import.meta.glob<Messages>('./*.zh-CN.ts', { eager: true, import: 'default' }),
  'en-US': import.meta.glob<Messages>('./*.en-US.ts', { eager: true, import: 'default' }),
} satisfies Record<Locale, Record<string, Messages>>;

const catalogue = (locale: Locale): Messages => Object.values(moduleMessages[locale]).reduce(merge, {});

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en-US',
  messages: { 'zh-CN': catalogue('zh-CN'), 'en-US': catalogue('en-US') },
  // Error codes are dotted ("auth.locked"): flat keys under errors.* become nested paths.
  flatJson: true,
  missingWarn: false,
  fallbackWarn: false,
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisted; the switch still applies to this tab.
  }
}

export const t = (key: string, params?: Record<string, unknown>): string =>
  params ? i18n.global.t(key, params) : i18n.global.t(key);
export const te = (key: string): boolean => i18n.global.te(key);
