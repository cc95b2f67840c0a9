// useDangerAction: confirm (naming the object) → call → success notification → reload; a cancelled
// confirmation calls nothing, a failure is shown through the error helpers (the code translated).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const ui = vi.hoisted(() => ({
  confirm: vi.fn(),
  prompt: vi.fn(),
  message: vi.fn(),
}));
vi.mock('element-plus', () => ({
  ElMessageBox: { confirm: ui.confirm, prompt: ui.prompt },
  ElMessage: ui.message,
}));

import { ApiError } from '../src/api/http';
import { i18n } from '../src/i18n';
import { useDangerAction } from '../src/composables/useDangerAction';

interface Member {
  userId: string;
  name: string;
}
const ada: Member = { userId: 'usr_1', name: 'Ada' };

function removeMember(call: (m: Member) => Promise<void>) {
  const reload = vi.fn(async () => {});
  const action = useDangerAction({
    confirm: (m: Member) => `Remove ${m.name}?`,
    confirmText: () => 'Remove',
    call,
    done: (m) => `Removed ${m.name}`,
    reload,
  });
  return { action, reload };
}

beforeEach(() => {
  vi.clearAllMocks();
  i18n.global.locale.value = 'en-US';
});

describe('useDangerAction', () => {
  it('cancel: asks, naming the object, and calls nothing', async () => {
    ui.confirm.mockRejectedValue('cancel');
    const call = vi.fn(async () => {});
    const { action, reload } = removeMember(call);
    expect(await action.run(ada)).toBe(false);
    expect(ui.confirm).toHaveBeenCalledWith('Remove Ada?', expect.any(String), expect.objectContaining({ confirmButtonText: 'Remove' }));
    expect(call).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
    expect(ui.message).not.toHaveBeenCalled();
  });

  it('success: calls with the subject, notifies, then reloads', async () => {
    ui.confirm.mockResolvedValue('confirm');
    const order: string[] = [];
    const call = vi.fn(async () => void order.push('call'));
    ui.message.mockImplementation(() => void order.push('notify'));
    const { action, reload } = removeMember(call);
    reload.mockImplementation(async () => void order.push('reload'));
    expect(await action.run(ada)).toBe(true);
    expect(call).toHaveBeenCalledWith(ada, '');
    expect(ui.message).toHaveBeenCalledWith(expect.objectContaining({ type: 'success', message: 'Removed Ada' }));
    expect(order).toEqual(['call', 'notify', 'reload']);
    expect(action.busy).toBe(false);
  });

  it('failure: shows the error code’s translation, does not reload', async () => {
    ui.confirm.mockResolvedValue('confirm');
    const call = vi.fn(async () => {
      throw new ApiError(409, { code: 'members.last_owner', message: 'server text' });
    });
    const { action, reload } = removeMember(call);
    expect(await action.run(ada)).toBe(false);
    expect(ui.message).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: 'An organisation needs at least one owner' }));
    expect(reload).not.toHaveBeenCalled();
    expect(action.busy).toBe(false);
  });

  it('asks for a reason when told to, and passes it to the call', async () => {
    ui.prompt.mockResolvedValue({ value: '  spam  ' });
    const call = vi.fn(async () => {});
    const takedown = useDangerAction({ confirm: (m: Member) => `Take down ${m.name}?`, confirmText: () => 'Take down', askReason: true, call });
    expect(await takedown.run(ada)).toBe(true);
    expect(ui.prompt).toHaveBeenCalledWith('Take down Ada?', expect.any(String), expect.anything());
    expect(call).toHaveBeenCalledWith(ada, 'spam');
    expect(ui.confirm).not.toHaveBeenCalled();
  });

  it('skips the question when confirm answers null (e.g. enabling)', async () => {
    const call = vi.fn(async (_m: Member) => {});
    const enable = useDangerAction({ confirm: () => null, confirmText: () => 'Enable', call: (m: Member) => call(m) });
    expect(await enable.run(ada)).toBe(true);
    expect(ui.confirm).not.toHaveBeenCalled();
    expect(call).toHaveBeenCalledWith(ada);
  });
});
