import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SnapshotAssembler } from "../src/transport/snapshot-assembler.js";

function header(data: Buffer) {
  return { message: null, totalSize: data.byteLength, sha256: createHash("sha256").update(data).digest() };
}

describe("SnapshotAssembler", () => {
  const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  it("reassembles chunks and verifies length and checksum", () => {
    const a = new SnapshotAssembler(header(data));
    for (let i = 0; i < data.length; i += 300) a.add(data.subarray(i, i + 300));
    expect(Buffer.from(a.finish()).equals(data)).toBe(true);
  });

  it("refuses a short stream, an overlong one and a wrong checksum", () => {
    const short = new SnapshotAssembler(header(data));
    short.add(data.subarray(0, 999));
    expect(() => short.finish()).toThrow(/truncated: received 999 of 1000/);

    const long = new SnapshotAssembler(header(data));
    long.add(data);
    expect(() => long.add(Buffer.from([1]))).toThrow(/exceeds the announced 1000 bytes/);

    const flipped = Buffer.from(data);
    flipped[500] = (flipped[500] as number) ^ 1;
    const bad = new SnapshotAssembler(header(data));
    bad.add(flipped);
    expect(() => bad.finish()).toThrow(/checksum mismatch/);
  });
});
