/**
 * Date-range filters: the filter bar keeps whole days (`YYYY-MM-DD`, readable in the URL); the
 * API takes instants (`from` inclusive, `to` exclusive, RFC 3339). A range of days is read in the
 * browser's time zone: from the first day's midnight to the midnight after the last day.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function localMidnight(day: string): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) || d.getDate() !== Number(m[3]) ? null : d;
}

/** `{from, to}` query parameters for a range of days; a bad or missing end is left out. */
export function dayRangeQuery(fromDay: string, toDay: string): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  const start = localMidnight(fromDay);
  const end = localMidnight(toDay);
  if (start) out.from = start.toISOString();
  if (end) {
    end.setDate(end.getDate() + 1);
    out.to = end.toISOString();
  }
  if (start && end && end <= start) return {};
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A day as `YYYY-MM-DD` in the browser's time zone. */
export function dayOf(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The last `days` days up to today, for the picker's shortcuts. */
export function lastDays(days: number, today = new Date()): [string, string] {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return [dayOf(start), dayOf(today)];
}
