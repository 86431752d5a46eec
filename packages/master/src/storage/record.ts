// Every value is framed as [crc32 u32 BE][payload]. The checksum covers the key too, so a value that ends
// up under the wrong key (or a key whose bytes rot) is caught like a damaged payload.
import { crc32 } from "node:zlib";
import { StorageError } from "./errors.js";
import { describeKey } from "./keys.js";

export const RECORD_HEADER_BYTES = 4;

/** A buffer for a record with `payloadBytes` of payload; the payload starts at RECORD_HEADER_BYTES. */
export function allocRecord(payloadBytes: number): Buffer {
  return Buffer.allocUnsafe(RECORD_HEADER_BYTES + payloadBytes);
}

/** Writes the checksum of key + payload into the record's header; returns the record. */
export function sealRecord(key: Buffer, record: Buffer): Buffer {
  const sum = crc32(record.subarray(RECORD_HEADER_BYTES), crc32(key));
  record.writeUInt32BE(sum, 0);
  return record;
}

/** Verifies a record read back from disk and returns its payload (a view, no copy). */
export function openRecord(key: Buffer, record: Buffer): Buffer {
  if (record.length < RECORD_HEADER_BYTES) {
    throw new StorageError(
      "Truncated",
      `${describeKey(key)} is ${record.length} bytes, shorter than its ${RECORD_HEADER_BYTES}-byte checksum`,
    );
  }
  const payload = record.subarray(RECORD_HEADER_BYTES);
  const expected = record.readUInt32BE(0);
  const actual = crc32(payload, crc32(key));
  if (expected !== actual) {
    throw new StorageError(
      "Corrupt",
      `checksum mismatch in ${describeKey(key)}: stored ${hex32(expected)}, computed ${hex32(actual)}`,
    );
  }
  return payload;
}

function hex32(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}
