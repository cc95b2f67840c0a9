import { onBeforeUnmount, type Ref } from 'vue';
import { onBeforeRouteLeave } from 'vue-router';
import { ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';
import { t } from '@/i18n';

/** Asks whether to leave with unsaved edits; resolves true to leave. */
export async function confirmLeave(): Promise<boolean> {
  try {
    await ElMessageBox.confirm(t('unsaved.text'), t('unsaved.title'), {
      type: 'warning',
      confirmButtonText: t('unsaved.leave'),
      cancelButtonText: t('unsaved.stay'),
      customClass: 'confirm-box unsaved-box',
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * While `dirty` is true, leaving the page asks first: a route change inside the console with the
 * console's own question, closing or reloading the tab with the browser's.
 */
export function useUnsavedGuard(dirty: Ref<boolean>): void {
  onBeforeRouteLeave(async () => (dirty.value ? confirmLeave() : true));
  const onUnload = (e: BeforeUnloadEvent) => {
    if (!dirty.value) return;
    e.preventDefault();
    e.returnValue = '';
  };
  window.addEventListener('beforeunload', onUnload);
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onUnload));
}
