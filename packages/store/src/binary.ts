import { Buffer } from "node:buffer";
import { StoreError } from "./errors.js";

// The store's binary encodings (snapshots, commands) are sequences of unsigned LEB128 varints and
// length-prefixed byte strings. Varints use arithmetic, not bit operations, so every safe integer fits.

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder("utf-8", { fatal: true });

export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  /** `capacity`: the expected size, so a writer that guesses right never grows its buffer. */
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  uint(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new StoreError("BadEncoding", `cannot encode ${n}: not a non-negative safe integer`);
    }
    this.reserve(8);
    let v = n;
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 0x80) + 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.len++] = v;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.uint(b.length);
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  string(s: string): this {
    return this.bytes(textEncoder.encode(s));
  }

  /** Bytes as they are, without a length prefix. */
  raw(b: Uint8Array): this {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** A latin1 string (one char per byte) as length-prefixed bytes. */
  latin1(s: string): this {
    this.uint(s.length);
    this.reserve(s.length);
    Buffer.from(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength).write(s, this.len, "latin1");
    this.len += s.length;
    return this;
  }

  finish(): Uint8Array {
    // A small unused tail (a good size estimate) is handed over as a view: copying a 40 MB snapshot to
    // trim a few bytes would double its peak memory. A large tail is not kept alive.
    const slack = this.buf.length - this.len;
    return slack <= this.len / 8 ? this.buf.subarray(0, this.len) : this.buf.slice(0, this.len);
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

export class ByteReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos === this.buf.length;
  }

  uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw truncated();
      const b = this.buf[this.pos++]!;
      n += (b % 0x80) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new StoreError("BadEncoding", "varint too long");
    }
    if (!Number.isSafeInteger(n)) throw new StoreError("BadEncoding", `varint ${n} is not a safe integer`);
    return n;
  }

  bytes(): Uint8Array {
    const n = this.uint();
    if (this.pos + n > this.buf.length) throw truncated();
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Everything not read yet, without copying (consumes it). */
  rest(): Uint8Array {
    return this.view(this.buf.length - this.pos);
  }

  /** The next `n` bytes without copying (the caller must not keep them beyond the input's life). */
  view(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw truncated();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private asBuffer: Buffer | undefined;

  private asNodeBuffer(): Buffer {
    if (this.asBuffer === undefined)
      this.asBuffer = Buffer.from(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    return this.asBuffer;
  }

  /** Length-prefixed bytes as a latin1 string, without an intermediate copy. */
  latin1(): string {
    const n = this.uint();
    if (this.pos + n > this.buf.length) throw truncated();
    const s = this.asNodeBuffer().toString("latin1", this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  string(): string {
    try {
      return textDecoder.decode(this.bytes());
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError("BadEncoding", "string is not valid UTF-8");
    }
  }

  end(): void {
    if (!this.done) throw new StoreError("BadEncoding", `${this.buf.length - this.pos} trailing bytes`);
  }
}

function truncated(): StoreError {
  return new StoreError("BadEncoding", "input is truncated");
}
