// Kubernetes' translateTimestampSince + duration.HumanDuration: two or three significant figures, with the
// unit boundaries chosen so a value never reads as a big number of a small unit (e.g. 179m then 3h0m…).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** duration.HumanDuration of a duration in milliseconds. */
export function humanDuration(ms: number): string {
  // Go's int(d.Seconds()) truncates toward zero; so does Math.trunc.
  const seconds = Math.trunc(ms / SECOND);
  // Up to a second in the future counts as now: clocks of different machines disagree slightly.
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 8 * 24) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (ms < 2 * YEAR) return `${days}d`;
  const years = Math.floor(days / 365);
  if (ms < 8 * YEAR) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/**
 * Age of an object as the server prints it: "<unknown>" when the timestamp is absent (zero in Go) or
 * unparsable.
 */
export function age(timestamp: string | undefined | null, now: Date): string {
  if (timestamp === undefined || timestamp === null || timestamp === "") return "<unknown>";
  const then = Date.parse(timestamp);
  if (Number.isNaN(then)) return "<unknown>";
  return humanDuration(now.getTime() - then);
}
