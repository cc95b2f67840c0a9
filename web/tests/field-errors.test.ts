import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../src/api/http';
import { errorText, useFieldErrors } from '../src/composables/errors';
import { i18n } from '../src/i18n';

const validation = new ApiError(400, {
  code: 'validation_failed',
  message: 'Invalid input',
  details: {
    fields: {
      'owner.password': { code: 'too_weak', message: 'Password too weak' },
      licenseNo: { code: 'some_new_code', message: 'Server explains it' },
    },
  },
});

describe('field errors', () => {
  it('puts validation_failed messages on the form fields, translated, via aliases', () => {
    i18n.global.locale.value = 'en-US';
    const f = useFieldErrors({ 'owner.password': 'ownerPassword' });
    expect(f.apply(validation)).toBe(true);
    expect(f.errors.ownerPassword).toMatch(/Too weak/);
    // An unknown code falls back to the server's message.
    expect(f.errors.licenseNo).toBe('Server explains it');
  });

  it('keeps nested paths and also files them under their form field', () => {
    i18n.global.locale.value = 'zh-CN';
    const f = useFieldErrors();
    f.apply(new ApiError(400, { code: 'validation_failed', message: 'x', details: { fields: { 'corsOrigins[1]': { code: 'invalid_origin', message: 'Not an origin' } } } }));
    expect(f.errors['corsOrigins[1]']).toMatch(/来源/);
    expect(f.errors.corsOrigins).toBe(f.errors['corsOrigins[1]']);
  });

  it('puts per-field texts and field-bound error codes next to the field', () => {
    i18n.global.locale.value = 'zh-CN';
    const f = useFieldErrors({}, { messages: { contactPhone: () => 'PHONE' }, codes: { 'orgs.license_exists': 'licenseNo' } });
    f.apply(new ApiError(400, { code: 'validation_failed', message: 'x', details: { fields: { contactPhone: { code: 'too_short', message: 'Too short' } } } }));
    expect(f.errors.contactPhone).toBe('PHONE');
    expect(f.apply(new ApiError(409, { code: 'orgs.license_exists', message: 'An organisation with this licence number is already registered' }))).toBe(true);
    expect(f.errors.licenseNo).toBe('该执照号已被注册');
  });

  it('does not treat other errors as field errors, and clears old ones', () => {
    const f = useFieldErrors();
    f.apply(validation);
    expect(f.apply(new ApiError(409, { code: 'orgs.license_exists', message: 'x' }))).toBe(false);
    expect(Object.keys(f.errors)).toEqual([]);
  });

  it('translates error codes with their details, else shows the server message', () => {
    i18n.global.locale.value = 'zh-CN';
    expect(errorText(new ApiError(429, { code: 'auth.locked', message: 'x', details: { retryAfterSeconds: 60 } }))).toContain('60');
    // A code newer than the console: no English sentence in zh-CN (tests/error-coverage.test.ts).
    expect(errorText(new ApiError(418, { code: 'brand.new', message: 'Server text' }))).toContain('brand.new');
    i18n.global.locale.value = 'en-US';
    expect(errorText(new ApiError(418, { code: 'brand.new', message: 'Server text' }))).toBe('Server text');
    i18n.global.locale.value = 'zh-CN';
    expect(errorText(new NetworkError())).toBe('网络错误，请检查连接后重试');
  });
});
