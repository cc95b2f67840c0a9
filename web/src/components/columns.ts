// Widths of a table's narrow columns, measured from what they show in the current language, so
// a column is as wide as its content needs (no wrap, no cut) and no wider — the room a table has
// at 1024 px goes to the columns that can use it.
import { t } from '@/i18n';
import { formatTime } from '@/composables/format';

const FAMILY = '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif';
export const TABLE_FONT = `14px ${FAMILY}`;
const HEADER_FONT = `bold 14px ${FAMILY}`;
const TAG_FONT = `12px ${FAMILY}`;
const TIME_FONT = `13px ${FAMILY}`;
/** .el-table .cell padding, left + right, and a little air. */
const CELL_PADDING = 24 + 4;
/** el-tag's padding and border around its text. */
const TAG_PADDING = 20;

let canvas: HTMLCanvasElement | null = null;

/** Width of a text in a font; estimated where no canvas can measure (tests). */
export function textWidth(text: string, font = TABLE_FONT): number {
  try {
    canvas ??= document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.font = font;
      const w = ctx.measureText(text).width;
      if (w > 0) return w;
    }
  } catch {
    // No canvas: estimate below.
  }
  const size = Number(/(\d+)px/.exec(font)?.[1] ?? 14);
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? size : size * 0.6;
  return w;
}

/** A column that fits its header (i18n key) and the given cell texts. */
export function fitWidth(header: string, texts: string[], font = TABLE_FONT, extra = 0): number {
  const widest = Math.max(textWidth(t(header), HEADER_FONT), ...texts.map((s) => textWidth(s, font) + extra));
  return Math.ceil(widest + CELL_PADDING);
}

/** A status column of StatusTag kind `kind` showing these statuses. */
export function statusWidth(kind: string, statuses: readonly string[], header = 'fields.status'): number {
  return fitWidth(header, statuses.map((s) => t(`status.${kind}.${s}`)), TAG_FONT, TAG_PADDING);
}

/** A time column (TimeText): the widest time of the current format. */
export function timeWidth(header: string): number {
  return fitWidth(header, [formatTime('2026-12-28T23:58:58'), formatTime('2026-10-28T10:58:58')], TIME_FONT);
}
