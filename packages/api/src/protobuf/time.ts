// meta/v1 Time and MicroTime as Kubernetes writes them in JSON: RFC 3339 in UTC, Time to the second
// (Kubernetes drops nanos when it decodes a Time from protobuf) and MicroTime to the microsecond.

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19);
}

/** "2025-01-01T00:00:00Z" */
export function formatTime(seconds: number): string {
  return `${isoSeconds(seconds)}Z`;
}

/** "2025-01-01T00:00:00.123456Z" (Go's RFC3339Micro, fraction always six digits). */
export function formatMicroTime(seconds: number, nanos: number): string {
  const micros = Math.floor(nanos / 1000);
  return `${isoSeconds(seconds)}.${String(micros).padStart(6, "0")}Z`;
}

/** Parses an RFC 3339 timestamp (any offset, optional fraction); undefined if it is not one. */
export function parseTimestamp(text: string): Timestamp | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, , sign, offH, offM] = m;
  // Not Date.UTC: it maps years 0-99 to 1900-1999, and Go's zero time is year 1.
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  const local = date.getTime() / 1000;
  const offset = sign === undefined ? 0 : (sign === "-" ? -1 : 1) * (Number(offH) * 3600 + Number(offM) * 60);
  const nanos = fraction === undefined ? 0 : Number(fraction.padEnd(9, "0"));
  return { seconds: local - offset, nanos };
}
