import { reactive } from 'vue';
import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { ApiError, NetworkError } from '@/api';
import { t, te } from '@/i18n';

/** A user-facing sentence for any failure: the code's translation, else the server's message. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`;
    if (te(key)) return t(key, { ...err.details });
    return err.message || t('errors.unknown');
  }
  if (err instanceof NetworkError) return t('errors.network');
  return t('errors.unknown');
}

export function notifyError(err: unknown): void {
  ElMessage({ type: 'error', message: errorText(err), showClose: true, grouping: true });
}

export function notifySuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true });
}

/**
 * Field messages for an Element Plus form: bind `:error="fields.errors.name"` on each form item.
 * `apply` shows a `validation_failed` answer next to the fields it names (server paths like
 * "owner.email" map through `alias` to form props) and reports whether it handled the error.
 */
export function useFieldErrors(alias: Record<string, string> = {}) {
  const errors = reactive<Record<string, string>>({});
  function clear(): void {
    for (const k of Object.keys(errors)) delete errors[k];
  }
  function apply(err: unknown): boolean {
    clear();
    if (!(err instanceof ApiError) || err.code !== 'validation_failed') return false;
    const fields = err.fields;
    let shown = false;
    for (const [path, fe] of Object.entries(fields)) {
      const prop = alias[path] ?? path;
      const key = `fieldErrors.${fe.code}`;
      errors[prop] = te(key) ? t(key) : fe.message || fe.code;
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
