import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import enUS from './en-US';
import { grayEn, grayZh } from './gray';

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

type Messages = Record<string, unknown>;

/** A catalogue with a feature's messages added (nested objects merged, e.g. status.* and errors.*). */
function merge<A extends object, B extends object>(base: A, extra: B): A & B {
  const out: Messages = { ...(base as Messages) };
  for (const [k, v] of Object.entries(extra as Messages)) {
    const prev = out[k];
    out[k] =
      typeof v === 'object' && v !== null && typeof prev === 'object' && prev !== null ? merge(prev as Messages, v as Messages) : v;
  }
  return out as A & B;
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en-US',
  messages: { 'zh-CN': merge(zhCN, grayZh), 'en-US': merge(enUS, grayEn) },
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
