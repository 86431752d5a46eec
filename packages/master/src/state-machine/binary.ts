// A minimal length-prefixed binary format (unsigned LEB128 varints + UTF-8 strings) for snapshots.
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export class BinaryWriter {
  private chunks: Uint8Array[] = [];
  private current = new Uint8Array(4096);
  private pos = 0;
  private total = 0;

  private reserve(n: number): void {
    if (this.pos + n <= this.current.length) return;
    this.chunks.push(this.current.subarray(0, this.pos));
    this.current = new Uint8Array(Math.max(4096, n, this.total));
    this.pos = 0;
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.current.set(data, this.pos);
    this.pos += data.length;
    this.total += data.length;
    return this;
  }

  uvarint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`uvarint ${value}`);
    this.reserve(10);
    let v = value;
    while (v >= 0x80) {
      this.current[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
      this.total++;
    }
    this.current[this.pos++] = v;
    this.total++;
    return this;
  }

  string(value: string): this {
    const data = encoder.encode(value);
    return this.uvarint(data.length).bytes(data);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const c of [...this.chunks, this.current.subarray(0, this.pos)]) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

export class BinaryReader {
  private pos = 0;

  constructor(private readonly data: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.data.length;
  }

  bytes(n: number): Uint8Array {
    if (this.pos + n > this.data.length) throw new RangeError("unexpected end of data");
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  uvarint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.data[this.pos++];
      if (b === undefined) throw new RangeError("unexpected end of data");
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
    throw new RangeError("varint too long");
  }

  string(): string {
    return decoder.decode(this.bytes(this.uvarint()));
  }
}
