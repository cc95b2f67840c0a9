import { i18n } from '@/i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A time as the console shows it: `YYYY-MM-DD HH:mm:ss` in zh-CN (what Chinese consoles use), the
 * locale's own medium format in en-US; always in the browser's time zone (timeZoneHint names it).
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (i18n.global.locale.value === 'zh-CN') {
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
  return d.toLocaleString(i18n.global.locale.value, { dateStyle: 'short', timeStyle: 'medium' });
}

/** "UTC+08:00" for a time in the browser's zone (offsets differ across daylight saving). */
export function utcOffset(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The tooltip of a shown time: the zone it is shown in, and the instant in UTC. */
export function timeZoneHint(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `${zone ? `${zone} ` : ''}(${utcOffset(d)}) · ${d.toISOString().replace('.000Z', 'Z')}`;
}

/** Sizes in B / KB / MB / GB (powers of 1024, named as Chinese consoles name them). */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  const text = i === 0 ? String(v) : v >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1);
  return `${text} ${units[i]}`;
}

/** Saves a downloaded Blob under a file name. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
