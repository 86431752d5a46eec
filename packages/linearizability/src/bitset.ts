// A set of small integers (operation ranks within one partition). `key()` has a fixed length for a given
// capacity, so it can be concatenated with a state key into one unambiguous memoisation key.
export class Bitset {
  readonly words: Uint32Array;

  constructor(capacity: number) {
    this.words = new Uint32Array(Math.ceil(capacity / 32));
  }

  set(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }

  clear(i: number): void {
    this.words[i >>> 5]! &= ~(1 << (i & 31));
  }

  has(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  /** Two UTF-16 code units per word: compact, and cheap to hash for a Set/Map. */
  key(): string {
    let s = "";
    for (const w of this.words) s += String.fromCharCode(w & 0xffff, w >>> 16);
    return s;
  }

  snapshot(): Uint32Array {
    return this.words.slice();
  }

  /** Whether every member of `other` (a snapshot of a set of the same capacity) is in this set. */
  includes(other: Uint32Array): boolean {
    for (let i = 0; i < other.length; i++) {
      if ((other[i]! & ~this.words[i]!) !== 0) return false;
    }
    return true;
  }
}
