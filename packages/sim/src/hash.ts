// 32-bit FNV-1a, for the running digest of applied entries: cheap enough to compute on every apply,
// and two nodes whose digests differ at one index certainly diverged.
const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

export function hashBytes(data: Uint8Array, seed = OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    h ^= data[i] as number;
    h = Math.imul(h, PRIME);
  }
  return h >>> 0;
}

export function mixInt(h: number, value: number): number {
  let x = h >>> 0;
  // Numbers in a run stay far below 2^32; fold the high bits in anyway so large values still count.
  let v = value >>> 0;
  for (let i = 0; i < 4; i++) {
    x ^= v & 0xff;
    x = Math.imul(x, PRIME);
    v >>>= 8;
  }
  x ^= Math.floor(value / 0x1_0000_0000) & 0xff;
  return Math.imul(x, PRIME) >>> 0;
}

/** The digest after applying entry (index, term, data) on top of `chain`. */
export function chainEntry(chain: number, index: number, term: number, data: Uint8Array): number {
  return hashBytes(data, mixInt(mixInt(chain, index), term));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
