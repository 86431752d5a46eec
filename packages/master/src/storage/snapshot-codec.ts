// The stored snapshot's metadata record; the data itself is a file (snapshot-file.ts).
//   metadata: [crc32][index u64][term u64][voters u32 + strings][learners u32 + strings]
//             [data bytes u64][reserved u32 = 0][reserved u32 = 0][crc32 of the whole data u32]
// (The two reserved fields held the chunk size and count when data was chunked into LevelDB.)
import { crc32 } from "node:zlib";
import type { Snapshot, SnapshotMetadata } from "@tskube/raft";
import { BinaryReader, BinaryWriter } from "./binary.js";
import { describeKey, snapshotMetaKey } from "./keys.js";
import { allocRecord, openRecord, RECORD_HEADER_BYTES, sealRecord } from "./record.js";

/** What the metadata record says about the stored snapshot. */
export interface StoredSnapshotInfo {
  readonly metadata: SnapshotMetadata;
  readonly dataBytes: number;
  readonly dataCrc: number;
}

export interface EncodedSnapshotMeta {
  readonly info: StoredSnapshotInfo;
  readonly meta: Buffer;
}

export function encodeSnapshotMeta(snapshot: Snapshot): EncodedSnapshotMeta {
  const { data, metadata } = snapshot;
  const info: StoredSnapshotInfo = { metadata, dataBytes: data.length, dataCrc: crc32(data) };
  const w = new BinaryWriter().u64(metadata.index, "snapshot index").u64(metadata.term, "snapshot term");
  w.u32(metadata.confState.voters.length);
  for (const id of metadata.confState.voters) w.string(id, "voter id");
  w.u32(metadata.confState.learners.length);
  for (const id of metadata.confState.learners) w.string(id, "learner id");
  w.u64(info.dataBytes, "snapshot size").u32(0).u32(0).u32(info.dataCrc);
  const value = allocRecord(w.size);
  w.writeInto(value, RECORD_HEADER_BYTES);
  return { info, meta: sealRecord(snapshotMetaKey, value) };
}

export function decodeSnapshotMeta(value: Buffer): StoredSnapshotInfo {
  const r = new BinaryReader(openRecord(snapshotMetaKey, value), describeKey(snapshotMetaKey));
  const index = r.u64("index");
  const term = r.u64("term");
  const voters = readIds(r, "voter");
  const learners = readIds(r, "learner");
  const dataBytes = r.u64("data size");
  const chunkBytes = r.u32("reserved");
  const chunkCount = r.u32("reserved");
  const dataCrc = r.u32("data checksum");
  r.end();
  if (chunkBytes !== 0 || chunkCount !== 0) {
    throw r.corrupt(
      `snapshot ${index} is stored in ${chunkCount} LevelDB chunks, a format this version no longer reads`,
    );
  }
  return { metadata: { index, term, confState: { voters, learners } }, dataBytes, dataCrc };
}

function readIds(r: BinaryReader, what: string): string[] {
  const count = r.u32(`${what} count`);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(r.string(`${what} ${i}`));
  return ids;
}
