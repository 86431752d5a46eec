// Snapshots are stored as one metadata record plus the data split into fixed-size chunk records, so a
// snapshot of tens of MB never becomes one giant LevelDB value.
//   metadata: [crc32][index u64][term u64][voters u32 + strings][learners u32 + strings]
//             [data bytes u64][chunk bytes u32][chunk count u32][crc32 of the whole data u32]
//   chunk n:  [crc32][bytes n*chunkBytes … ]
import { crc32 } from "node:zlib";
import type { Snapshot, SnapshotMetadata } from "@tskube/raft";
import { BinaryReader, BinaryWriter } from "./binary.js";
import type { EncodedRecord } from "./entry-codec.js";
import { StorageError } from "./errors.js";
import { describeKey, snapshotChunkKey, snapshotMetaKey } from "./keys.js";
import { allocRecord, openRecord, RECORD_HEADER_BYTES, sealRecord } from "./record.js";

export const SNAPSHOT_CHUNK_BYTES = 1024 * 1024;

/** What the metadata record says about the stored snapshot. */
export interface StoredSnapshotInfo {
  readonly metadata: SnapshotMetadata;
  readonly dataBytes: number;
  readonly chunkBytes: number;
  readonly chunkCount: number;
  readonly dataCrc: number;
}

export interface EncodedSnapshot {
  readonly info: StoredSnapshotInfo;
  readonly meta: Buffer;
  readonly chunks: readonly EncodedRecord[];
}

export function encodeSnapshot(snapshot: Snapshot, chunkBytes = SNAPSHOT_CHUNK_BYTES): EncodedSnapshot {
  const { data, metadata } = snapshot;
  const chunkCount = Math.ceil(data.length / chunkBytes);
  const info: StoredSnapshotInfo = {
    metadata,
    dataBytes: data.length,
    chunkBytes,
    chunkCount,
    dataCrc: crc32(data),
  };
  const chunks: EncodedRecord[] = [];
  for (let n = 0; n < chunkCount; n++) {
    const key = snapshotChunkKey(n);
    const part = data.subarray(n * chunkBytes, Math.min(data.length, (n + 1) * chunkBytes));
    const value = allocRecord(part.length);
    value.set(part, RECORD_HEADER_BYTES);
    chunks.push({ key, value: sealRecord(key, value) });
  }
  return { info, meta: encodeSnapshotMeta(info), chunks };
}

function encodeSnapshotMeta(info: StoredSnapshotInfo): Buffer {
  const { metadata } = info;
  const w = new BinaryWriter().u64(metadata.index, "snapshot index").u64(metadata.term, "snapshot term");
  w.u32(metadata.confState.voters.length);
  for (const id of metadata.confState.voters) w.string(id, "voter id");
  w.u32(metadata.confState.learners.length);
  for (const id of metadata.confState.learners) w.string(id, "learner id");
  w.u64(info.dataBytes, "snapshot size").u32(info.chunkBytes).u32(info.chunkCount).u32(info.dataCrc);
  const value = allocRecord(w.size);
  w.writeInto(value, RECORD_HEADER_BYTES);
  return sealRecord(snapshotMetaKey, value);
}

export function decodeSnapshotMeta(value: Buffer): StoredSnapshotInfo {
  const r = new BinaryReader(openRecord(snapshotMetaKey, value), describeKey(snapshotMetaKey));
  const index = r.u64("index");
  const term = r.u64("term");
  const voters = readIds(r, "voter");
  const learners = readIds(r, "learner");
  const dataBytes = r.u64("data size");
  const chunkBytes = r.u32("chunk size");
  const chunkCount = r.u32("chunk count");
  const dataCrc = r.u32("data checksum");
  r.end();
  const expectedChunks = chunkBytes === 0 ? -1 : Math.ceil(dataBytes / chunkBytes);
  if (expectedChunks !== chunkCount) {
    throw r.corrupt(`${chunkCount} chunks of ${chunkBytes} bytes cannot hold ${dataBytes} bytes`);
  }
  return {
    metadata: { index, term, confState: { voters, learners } },
    dataBytes,
    chunkBytes,
    chunkCount,
    dataCrc,
  };
}

function readIds(r: BinaryReader, what: string): string[] {
  const count = r.u32(`${what} count`);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(r.string(`${what} ${i}`));
  return ids;
}

/** Verifies chunk `n`'s record and returns its bytes (a view, no copy). */
export function decodeSnapshotChunk(info: StoredSnapshotInfo, n: number, key: Buffer, value: Buffer): Buffer {
  const bytes = openRecord(key, value);
  const expected = Math.min(info.chunkBytes, info.dataBytes - n * info.chunkBytes);
  if (bytes.length !== expected) {
    throw new StorageError(
      bytes.length < expected ? "Truncated" : "Corrupt",
      `${describeKey(key)} of snapshot ${info.metadata.index} holds ${bytes.length} bytes, expected ${expected}`,
    );
  }
  return bytes;
}

/** Joins verified chunks and checks the whole-data checksum (catches chunks swapped between snapshots). */
export function assembleSnapshotData(info: StoredSnapshotInfo, chunks: readonly Buffer[]): Uint8Array {
  const data = new Uint8Array(info.dataBytes);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.length;
  }
  const actual = crc32(data);
  if (at !== info.dataBytes || actual !== info.dataCrc) {
    throw new StorageError(
      "Corrupt",
      `snapshot ${info.metadata.index} data (${at} of ${info.dataBytes} bytes) does not match its checksum`,
    );
  }
  return data;
}
