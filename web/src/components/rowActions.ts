// The 操作 column's conventions: at most two actions shown as links, the others under 更多 (a
// dropdown), never wrapping; the fixed column is exactly as wide as the widest row needs, so it
// covers no other column.
import { textWidth } from './columns';

export interface RowAction {
  /** Stable key (also the default data-test). */
  key: string;
  label: string;
  type?: 'primary' | 'danger' | 'warning' | 'success' | 'default';
  /** Left out when false (the action does not apply to this row). */
  show?: boolean;
  disabled?: boolean;
  /** data-test attribute of the link or menu item (default: key). */
  test?: string;
  /** Always under 更多 (a rare or destructive action next to a frequent one). */
  more?: boolean;
  onClick: () => unknown;
}

export const INLINE_ACTIONS = 2;

export function shownActions(actions: RowAction[]): { inline: RowAction[]; more: RowAction[] } {
  const shown = actions.filter((a) => a.show !== false);
  const forced = shown.filter((a) => a.more);
  const rest = shown.filter((a) => !a.more);
  if (!forced.length && rest.length <= INLINE_ACTIONS) return { inline: rest, more: [] };
  return { inline: rest.slice(0, INLINE_ACTIONS), more: [...rest.slice(INLINE_ACTIONS), ...forced] };
}

const GAP = 12; // between links (el-button + el-button margin)
const CELL_PADDING = 24; // .el-table .cell left + right
const MORE_ICON = 16;

/** The 操作 column width that fits every given row's actions on one line (and the header). */
export function actionsWidth(rows: RowAction[][], header: string, moreLabel: string): number {
  let widest = textWidth(header);
  for (const actions of rows) {
    const { inline, more } = shownActions(actions);
    const labels = inline.map((a) => textWidth(a.label));
    if (more.length) labels.push(textWidth(moreLabel) + MORE_ICON);
    const w = labels.reduce((s, x) => s + x, 0) + GAP * Math.max(0, labels.length - 1);
    widest = Math.max(widest, w);
  }
  return Math.ceil(widest + CELL_PADDING + 8);
}
