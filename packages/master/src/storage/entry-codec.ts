// Log entry records: [crc32][term u64][index u64][type u8][data]. Fixed offsets, one allocation and one
// copy of the data per entry, because the driver writes thousands of entries per second.
import type { Entry, EntryType } from "@tskube/raft";
import { checkU64, readU64, writeU64 } from "./binary.js";
import { StorageError } from "./errors.js";
import { describeKey, entryIndexOfKey, entryKey } from "./keys.js";
import { allocRecord, openRecord, RECORD_HEADER_BYTES, sealRecord } from "./record.js";

const TERM_AT = 0;
const INDEX_AT = 8;
const TYPE_AT = 16;
const DATA_AT = 17;
const ENTRY_RECORD_MIN_BYTES = RECORD_HEADER_BYTES + DATA_AT;

const TYPE_NORMAL = 0;
const TYPE_CONF_CHANGE = 1;

export interface EncodedRecord {
  readonly key: Buffer;
  readonly value: Buffer;
}

export function encodeEntry(entry: Entry): EncodedRecord {
  checkU64(entry.term, `entry ${entry.index} term`);
  checkU64(entry.index, "entry index");
  const key = entryKey(entry.index);
  const value = allocRecord(DATA_AT + entry.data.length);
  const p = RECORD_HEADER_BYTES;
  writeU64(value, entry.term, p + TERM_AT);
  writeU64(value, entry.index, p + INDEX_AT);
  value[p + TYPE_AT] = encodeType(entry.type);
  value.set(entry.data, p + DATA_AT);
  return { key, value: sealRecord(key, value) };
}

export function decodeEntry(key: Buffer, value: Buffer): Entry {
  if (value.length < ENTRY_RECORD_MIN_BYTES) {
    throw new StorageError(
      "Truncated",
      `${describeKey(key)} is ${value.length} bytes, shorter than the ${ENTRY_RECORD_MIN_BYTES}-byte entry header`,
    );
  }
  const payload = openRecord(key, value);
  const term = readU64(payload, TERM_AT);
  const index = readU64(payload, INDEX_AT);
  const keyIndex = entryIndexOfKey(key);
  if (term === null || index === null) {
    throw new StorageError("Corrupt", `${describeKey(key)}: term or index exceeds the largest safe integer`);
  }
  if (index !== keyIndex) {
    throw new StorageError("Corrupt", `${describeKey(key)} holds the entry of index ${index}`);
  }
  const typeByte = payload[TYPE_AT];
  let type: EntryType;
  if (typeByte === TYPE_NORMAL) type = "normal";
  else if (typeByte === TYPE_CONF_CHANGE) type = "confChange";
  else throw new StorageError("Corrupt", `${describeKey(key)}: unknown entry type ${typeByte}`);
  // A plain Uint8Array view (not a Buffer) so callers see exactly the type they wrote.
  const data = new Uint8Array(payload.buffer, payload.byteOffset + DATA_AT, payload.length - DATA_AT);
  return { term, index, type, data };
}

function encodeType(type: EntryType): number {
  switch (type) {
    case "normal":
      return TYPE_NORMAL;
    case "confChange":
      return TYPE_CONF_CHANGE;
    default:
      throw new RangeError(`unknown entry type ${String(type)}`);
  }
}
