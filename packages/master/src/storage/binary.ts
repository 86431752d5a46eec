// Bounds-checked cursors over record payloads, for the small variable-length records (identity, hard
// state, snapshot metadata). Log entries use fixed offsets instead (entry-codec.ts) since they are hot.
import { StorageError } from "./errors.js";

const TWO_32 = 2 ** 32;
const MAX_STRING_BYTES = 0xffff;

export function checkU64(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  }
}

export function writeU64(buf: Buffer, value: number, offset: number): void {
  buf.writeUInt32BE(Math.floor(value / TWO_32), offset);
  buf.writeUInt32BE(value >>> 0, offset + 4);
}

/** Returns null when the stored value is beyond Number.MAX_SAFE_INTEGER (we never write one). */
export function readU64(buf: Buffer, offset: number): number | null {
  const value = buf.readUInt32BE(offset) * TWO_32 + buf.readUInt32BE(offset + 4);
  return Number.isSafeInteger(value) ? value : null;
}

/** Collects fields, then produces one buffer; `size` is known before allocation so there is one copy. */
export class BinaryWriter {
  private readonly ops: ((buf: Buffer, at: number) => number)[] = [];
  private bytes = 0;

  get size(): number {
    return this.bytes;
  }

  u8(value: number): this {
    this.ops.push((buf, at) => buf.writeUInt8(value, at));
    this.bytes += 1;
    return this;
  }

  u32(value: number): this {
    this.ops.push((buf, at) => buf.writeUInt32BE(value, at));
    this.bytes += 4;
    return this;
  }

  u64(value: number, what: string): this {
    checkU64(value, what);
    this.ops.push((buf, at) => {
      writeU64(buf, value, at);
      return at + 8;
    });
    this.bytes += 8;
    return this;
  }

  string(value: string, what: string): this {
    const bytes = Buffer.from(value, "utf8");
    if (bytes.length > MAX_STRING_BYTES) {
      throw new RangeError(`${what} is ${bytes.length} bytes, longer than ${MAX_STRING_BYTES}`);
    }
    this.ops.push((buf, at) => {
      const next = buf.writeUInt16BE(bytes.length, at);
      return next + bytes.copy(buf, next);
    });
    this.bytes += 2 + bytes.length;
    return this;
  }

  /** Writes the fields into `buf` starting at `offset` (which must leave room for `size` bytes). */
  writeInto(buf: Buffer, offset: number): void {
    let at = offset;
    for (const op of this.ops) at = op(buf, at);
  }
}

/** Reads fields in order; any read past the end or any impossible value is a Corrupt error naming `what`. */
export class BinaryReader {
  private at = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly what: string,
  ) {}

  u8(field: string): number {
    this.need(1, field);
    const value = this.buf.readUInt8(this.at);
    this.at += 1;
    return value;
  }

  u32(field: string): number {
    this.need(4, field);
    const value = this.buf.readUInt32BE(this.at);
    this.at += 4;
    return value;
  }

  u64(field: string): number {
    this.need(8, field);
    const value = readU64(this.buf, this.at);
    if (value === null) throw this.corrupt(`${field} exceeds the largest safe integer`);
    this.at += 8;
    return value;
  }

  string(field: string): string {
    this.need(2, `${field} length`);
    const length = this.buf.readUInt16BE(this.at);
    this.at += 2;
    this.need(length, field);
    const value = this.buf.toString("utf8", this.at, this.at + length);
    this.at += length;
    return value;
  }

  /** The record must be fully consumed: trailing bytes mean it was written by something else. */
  end(): void {
    if (this.at !== this.buf.length) {
      throw this.corrupt(`${this.buf.length - this.at} unexpected trailing bytes`);
    }
  }

  corrupt(detail: string): StorageError {
    return new StorageError("Corrupt", `${this.what}: ${detail}`);
  }

  private need(bytes: number, field: string): void {
    if (this.at + bytes > this.buf.length) {
      throw this.corrupt(`record ends before ${field} (${this.buf.length} bytes)`);
    }
  }
}
