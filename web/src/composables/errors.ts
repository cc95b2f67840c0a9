import { reactive } from 'vue';
import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { ApiError, NetworkError } from '@/api';
import { i18n, t, te } from '@/i18n';

/** The server writes its messages in English: shown only to en-US users, for codes newer than the console. */
const serverLanguage = () => i18n.global.locale.value === 'en-US';

/**
 * A user-facing sentence for any failure: the code's translation (with its details). Every code
 * the server can answer with has one (tests/error-coverage.test.ts); a code newer than the console
 * gets the server's (English) text in en-US and a generic sentence naming the code elsewhere.
 */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`;
    if (te(key)) return t(key, { ...err.details });
    if (serverLanguage() && err.message) return err.message;
    return t('errors.unknownCode', { code: err.code });
  }
  if (err instanceof NetworkError) return t('errors.network');
  return t('errors.unknown');
}

/** The translation of a field-error code ("too_long"); for an unknown code, the server's message in en-US. */
export function fieldErrorText(code: string, message: string): string {
  const key = `fieldErrors.${code}`;
  if (te(key)) return t(key);
  return serverLanguage() && message ? message : t('fieldErrors.invalid');
}

export function notifyError(err: unknown): void {
  ElMessage({ type: 'error', message: errorText(err), showClose: true, grouping: true });
}

export function notifySuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true });
}

/** "owner.email" → "owner"; "bundleIds[2].id" → "bundleIds": the form field a nested path belongs to. */
function baseField(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}

export interface FieldErrorOptions {
  /** Text for a field whatever the code (a phone number is "not a phone number", not "too short"). */
  messages?: Record<string, () => string>;
  /** Error codes that are about one field ("orgs.license_exists" → "licenseNo"): shown there. */
  codes?: Record<string, string>;
}

/**
 * Field messages for an Element Plus form: bind `:error="fields.errors.name"` on each form item.
 * `apply` shows a `validation_failed` answer next to the fields it names (and the errors `codes`
 * ties to a field) and reports whether it handled the error. A server path is kept as it is
 * ("bundleIds[0].id", for rows of a list) and also under its form field ("bundleIds"), through
 * `alias` when the form names it differently ("owner.email" → "ownerEmail").
 */
export function useFieldErrors(alias: Record<string, string> = {}, opts: FieldErrorOptions = {}) {
  const messages = opts.messages ?? {};
  const errors = reactive<Record<string, string>>({});
  function clear(): void {
    for (const k of Object.keys(errors)) delete errors[k];
  }
  function apply(err: unknown): boolean {
    clear();
    const field = err instanceof ApiError ? opts.codes?.[err.code] : undefined;
    if (field) {
      errors[field] = errorText(err);
      return true;
    }
    if (!(err instanceof ApiError) || err.code !== 'validation_failed') return false;
    let shown = false;
    for (const [path, fe] of Object.entries(err.fields)) {
      const prop = alias[path] ?? path;
      const base = alias[baseField(path)] ?? baseField(path);
      const text = (messages[prop] ?? messages[base])?.() ?? fieldErrorText(fe.code, fe.message);
      errors[prop] = text;
      if (!(base in errors)) errors[base] = text;
      shown = true;
    }
    return shown;
  }
  /** Shows field errors when there are any, else a message. */
  function handle(err: unknown): void {
    if (!apply(err)) notifyError(err);
  }
  return { errors, clear, apply, handle };
}
