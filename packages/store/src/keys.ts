import { Buffer } from "node:buffer";

// Keys live in the index as latin1 strings: one char per byte, so JavaScript's string order (UTF-16 code
// units, all < 256 here) is exactly etcd's bytewise order, and a Map can hash them.
export function keyString(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString("latin1");
}

export function keyBytes(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, "latin1"));
}

export function copyBytes(b: Uint8Array): Uint8Array {
  return new Uint8Array(b);
}

/** Bytewise comparison: negative, zero or positive like a sort comparator. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * The range end that selects every key starting with `prefix` (etcd's "prefix end": last byte + 1, dropping
 * trailing 0xff bytes). A prefix of only 0xff bytes (or empty) has no end: returns "\0", meaning "to the end".
 */
export function prefixEnd(prefix: Uint8Array): Uint8Array {
  const end = new Uint8Array(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i] = end[i]! + 1;
      return end.slice(0, i + 1);
    }
  }
  return new Uint8Array([0]);
}

/**
 * The key interval [start, end) of a request, as index strings. `end` undefined = only `start`;
 * `end` null = every key >= start (etcd's rangeEnd "\0").
 */
export interface KeyInterval {
  start: string;
  end: string | null | undefined;
}

export function interval(key: Uint8Array, rangeEnd?: Uint8Array): KeyInterval {
  const start = keyString(key);
  if (rangeEnd === undefined || rangeEnd.length === 0) return { start, end: undefined };
  if (rangeEnd.length === 1 && rangeEnd[0] === 0) return { start, end: null };
  return { start, end: keyString(rangeEnd) };
}

export function inInterval(k: string, iv: KeyInterval): boolean {
  if (iv.end === undefined) return k === iv.start;
  if (k < iv.start) return false;
  return iv.end === null || k < iv.end;
}
