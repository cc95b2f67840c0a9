// Client-side checks that mirror the server's field rules (src/core/field_rules.cpp), so a typo is
// named before the round trip, with the same message the server's code would get.

/** 5 to 20 digits, optionally with a leading +, spaces, dashes, dots or brackets. */
export function validPhone(value: string): boolean {
  const v = value.trim();
  if (!/^\+?[\d\s\-().]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 20;
}
