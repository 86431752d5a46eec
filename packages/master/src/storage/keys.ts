// Key layout of the Raft LevelDB. One prefix byte per record kind; numbers are big-endian so LevelDB's
// bytewise order is numeric order and the log can be range-scanned by index.
//   0x01            identity (cluster id, member id, format version)
//   0x02            hard state
//   0x03            snapshot metadata
//   0x04 u32        snapshot data chunk n
//   0x05 u64        log entry at index i

const IDENTITY = 0x01;
const HARD_STATE = 0x02;
const SNAPSHOT_META = 0x03;
const SNAPSHOT_CHUNK = 0x04;
const ENTRY = 0x05;

export const identityKey: Buffer = Buffer.from([IDENTITY]);
export const hardStateKey: Buffer = Buffer.from([HARD_STATE]);
export const snapshotMetaKey: Buffer = Buffer.from([SNAPSHOT_META]);

const TWO_32 = 2 ** 32;

export function entryKey(index: number): Buffer {
  const key = Buffer.allocUnsafe(9);
  key[0] = ENTRY;
  key.writeUInt32BE(Math.floor(index / TWO_32), 1);
  key.writeUInt32BE(index >>> 0, 5);
  return key;
}

/** Bounds for a range scan over every log entry key. */
export const entryRange = { gte: Buffer.from([ENTRY]), lt: Buffer.from([ENTRY + 1]) } as const;

export function isEntryKey(key: Buffer): boolean {
  return key.length === 9 && key[0] === ENTRY;
}

export function entryIndexOfKey(key: Buffer): number {
  return key.readUInt32BE(1) * TWO_32 + key.readUInt32BE(5);
}

export function snapshotChunkKey(chunk: number): Buffer {
  const key = Buffer.allocUnsafe(5);
  key[0] = SNAPSHOT_CHUNK;
  key.writeUInt32BE(chunk, 1);
  return key;
}

export const snapshotChunkRange = {
  gte: Buffer.from([SNAPSHOT_CHUNK]),
  lt: Buffer.from([SNAPSHOT_CHUNK + 1]),
} as const;

export function isSnapshotChunkKey(key: Buffer): boolean {
  return key.length === 5 && key[0] === SNAPSHOT_CHUNK;
}

export function snapshotChunkOfKey(key: Buffer): number {
  return key.readUInt32BE(1);
}

/** Human-readable name of a key for error messages ("log entry 42 (key 05000000000000002a)"). */
export function describeKey(key: Buffer): string {
  const hex = key.toString("hex");
  if (isEntryKey(key)) return `log entry ${entryIndexOfKey(key)} (key ${hex})`;
  if (isSnapshotChunkKey(key)) return `snapshot chunk ${snapshotChunkOfKey(key)} (key ${hex})`;
  if (key.equals(identityKey)) return `identity record (key ${hex})`;
  if (key.equals(hardStateKey)) return `hard state record (key ${hex})`;
  if (key.equals(snapshotMetaKey)) return `snapshot metadata record (key ${hex})`;
  return `unknown record (key ${hex})`;
}
