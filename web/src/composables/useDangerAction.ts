import { reactive, ref, type Ref } from 'vue';
import { askReason, confirmDanger } from './confirm';
import { notifyError, notifySuccess } from './errors';

export interface DangerActionOptions<T, R> {
  /** The question, naming the object ("Delete “Demo”?"); null when this subject needs none (e.g. enabling). */
  confirm: (subject: T) => string | null;
  /** The confirming button: the verb ("Delete", "Take down"). */
  confirmText: (subject: T) => string;
  /** Ask for a reason (1–500 characters, shown to the other side) instead of a yes/no. */
  askReason?: boolean | ((subject: T) => boolean);
  /** The API call; `reason` is '' unless one was asked for. */
  call: (subject: T, reason: string) => Promise<R>;
  /** The success message, naming the object; null or left out when the result shows itself (a dialog). */
  done?: (subject: T, result: R) => string | null;
  /** Brings the screen up to date after success (reload the list, replace the detail, navigate). */
  reload?: (subject: T, result: R) => unknown;
  /** A busy flag shared with other actions of the same table; by default each action has its own. */
  busy?: Ref<boolean>;
}

/**
 * A destructive or consequential action in one place: confirm (naming the object) → call →
 * success notification → reload. A cancelled confirmation calls nothing; a failure is shown
 * through errorText (the code's translation with its details, else the server's message).
 * `run` resolves true when the call and the reload succeeded. Returned reactive, so templates read `x.busy`.
 */
export function useDangerAction<T, R>(opts: DangerActionOptions<T, R>) {
  const busy = opts.busy ?? ref(false);

  async function run(subject: T): Promise<boolean> {
    const question = opts.confirm(subject);
    let reason = '';
    if (question !== null) {
      const withReason = typeof opts.askReason === 'function' ? opts.askReason(subject) : !!opts.askReason;
      if (withReason) {
        const given = await askReason(question, opts.confirmText(subject));
        if (given === null) return false;
        reason = given;
      } else if (!(await confirmDanger(question, opts.confirmText(subject)))) {
        return false;
      }
    }
    busy.value = true;
    try {
      const result = await opts.call(subject, reason);
      const message = opts.done?.(subject, result);
      if (message) notifySuccess(message);
      await opts.reload?.(subject, result);
      return true;
    } catch (e) {
      notifyError(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return reactive({ run, busy });
}
