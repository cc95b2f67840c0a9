import { describe, expect, it } from 'vitest';
import { i18n, t, te } from '../src/i18n';

describe('i18n runtime', () => {
  it('defaults to zh-CN and resolves dotted error codes', () => {
    expect(i18n.global.locale.value).toBe('zh-CN');
    expect(te('errors.auth.invalid_credentials')).toBe(true);
    expect(t('errors.apps.version_not_increasing', { latest: '1.2.0' })).toContain('1.2.0');
  });

  it('switches to en-US', () => {
    i18n.global.locale.value = 'en-US';
    expect(t('nav.signOut')).toBe('Sign out');
    i18n.global.locale.value = 'zh-CN';
    expect(t('nav.signOut')).toBe('退出登录');
  });
});
