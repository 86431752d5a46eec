import { createHash } from "node:crypto";
import type { SnapshotHeader__Output } from "../generated/raft/v1/SnapshotHeader.js";

export const MAX_SNAPSHOT_BYTES = 1024 * 1024 * 1024;

/** Reassembles a streamed snapshot and verifies its announced length and SHA-256 before it is stepped. */
export class SnapshotAssembler {
  private readonly chunks: Buffer[] = [];
  private received = 0;

  constructor(readonly header: SnapshotHeader__Output) {
    if (header.totalSize > MAX_SNAPSHOT_BYTES) {
      throw new Error(`snapshot of ${header.totalSize} bytes exceeds the ${MAX_SNAPSHOT_BYTES}-byte limit`);
    }
    if (header.sha256.byteLength !== 32) throw new Error("snapshot header without a SHA-256");
  }

  add(data: Buffer): void {
    this.received += data.byteLength;
    if (this.received > this.header.totalSize) {
      throw new Error(`snapshot data exceeds the announced ${this.header.totalSize} bytes`);
    }
    if (data.byteLength > 0) this.chunks.push(data);
  }

  get receivedBytes(): number {
    return this.received;
  }

  /** The whole snapshot data; throws when it is short or its checksum does not match. */
  finish(): Uint8Array {
    if (this.received !== this.header.totalSize) {
      throw new Error(`snapshot truncated: received ${this.received} of ${this.header.totalSize} bytes`);
    }
    const data = Buffer.concat(this.chunks, this.received);
    const digest = createHash("sha256").update(data).digest();
    if (!digest.equals(this.header.sha256)) throw new Error("snapshot checksum mismatch");
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
}
