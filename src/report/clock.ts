/**
 * @module report/clock
 * Simulation time (s after scenario start) shown as the local wall-clock time of the scenario, e.g. "01:34:12",
 * using the UTC offset written in the scenario's `start`. Display only: simulation never reads a clock.
 */

/** Seconds since local midnight of `start` ("2020-01-08T01:20:00+03:00" → 4,800), or null if unparseable. */
export function localSecondsOfDay(start: string): number | null {
  const m = /T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?/.exec(start);
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

function hhmmss(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600) % 24;
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

/** Formats simulation times as local clock times of a scenario; "—" for null. */
export function clockFormatter(start: string): (t_s: number | null) => string {
  const base = localSecondsOfDay(start);
  return (t_s) => {
    if (t_s === null || !Number.isFinite(t_s)) return '—';
    return base === null ? `+${hhmmss(t_s)}` : hhmmss(base + t_s);
  };
}
