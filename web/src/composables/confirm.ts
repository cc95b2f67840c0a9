import { ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';
import { t } from '@/i18n';

/** Asks before a destructive action; the message names the object. Resolves false on cancel. */
export async function confirmDanger(message: string, confirmText: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: confirmText,
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
      customClass: 'confirm-box',
    });
    return true;
  } catch {
    return false;
  }
}

/** Asks for a reason (1–500 characters) before an action; null on cancel. */
export async function askReason(message: string, confirmText: string): Promise<string | null> {
  try {
    const { value } = await ElMessageBox.prompt(message, t('common.confirmTitle'), {
      type: 'warning',
      inputType: 'textarea',
      inputPlaceholder: t('common.reasonPlaceholder'),
      inputValidator: (v: string) => (v && v.trim().length > 0 && v.length <= 500) || t('common.reasonRequired'),
      confirmButtonText: confirmText,
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
      customClass: 'confirm-box',
    });
    return value.trim();
  } catch {
    return null;
  }
}
