/**
 * Number formats of the monitor. Every one returns a short string of a bounded length,
 * so the cells and labels showing them (tabular figures, fixed widths) never change size.
 */

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

/** 0, 0.4, 12, 383, 1.5K, 2.3M. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "—";
  if (value === 0) return "0";
  if (Math.abs(value) < 10 && !Number.isInteger(value)) return value.toFixed(1);
  if (Math.abs(value) < 10_000) return integer.format(value);
  return compact.format(value);
}

/** Records per second: "383/s". */
export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${formatNumber(value)}/s`;
}

/** A latency in the unit that keeps three significant digits at most: 850 µs, 12.4 ms, 3.2 s. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms === 0) return "0 ms";
  if (ms < 1) return `${trimDigits(ms * 1000)} µs`;
  if (ms < 1000) return `${trimDigits(ms)} ms`;
  if (ms < 60_000) return `${trimDigits(ms / 1000)} s`;
  return `${trimDigits(ms / 60_000)} min`;
}

/** 512 B, 32.2 KB, 1.4 MB. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return "—";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${trimDigits(value)} ${units[unit]}`;
}

/** A share 0–1 as a whole percentage; tiny non-zero shares show as "<1%" rather than a misleading 0. */
export function formatPercent(share: number): string {
  if (share <= 0) return "0%";
  if (share < 0.01) return "<1%";
  return `${Math.round(Math.min(share, 1) * 100)}%`;
}

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false });
const clockSeconds = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

/** 14:05, for time axes. */
export function formatClock(ms: number): string {
  return clock.format(ms);
}

/** 14:05:09, for tooltips. */
export function formatClockSeconds(ms: number): string {
  return clockSeconds.format(ms);
}

/** 14:05:09.123, for record timestamps where records of one second must stay apart. */
export function formatRecordTime(ms: number): string {
  return `${clockSeconds.format(ms)}.${String(Math.floor(ms % 1000)).padStart(3, "0")}`;
}

function trimDigits(value: number): string {
  if (value >= 100) return integer.format(Math.round(value));
  if (value >= 10) return value.toFixed(1).replace(/\.0$/, "");
  return value.toFixed(2).replace(/\.?0+$/, "");
}

/** How long something has lasted, coarsely: "40 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
