// Identity record: [crc32][format version u8][cluster id string][member id string]. The format version
// lives here because this is the first record read at open: an unknown layout is refused before anything
// else is interpreted.
import { BinaryReader, BinaryWriter } from "./binary.js";
import { describeKey, identityKey } from "./keys.js";
import { allocRecord, openRecord, RECORD_HEADER_BYTES, sealRecord } from "./record.js";

/** Who a data dir belongs to. */
export interface MemberIdentity {
  readonly clusterId: string;
  readonly memberId: string;
}

export const STORAGE_FORMAT_VERSION = 1;

export function encodeIdentity(identity: MemberIdentity): Buffer {
  const w = new BinaryWriter()
    .u8(STORAGE_FORMAT_VERSION)
    .string(identity.clusterId, "cluster id")
    .string(identity.memberId, "member id");
  const value = allocRecord(w.size);
  w.writeInto(value, RECORD_HEADER_BYTES);
  return sealRecord(identityKey, value);
}

export function decodeIdentity(value: Buffer): MemberIdentity {
  const r = new BinaryReader(openRecord(identityKey, value), describeKey(identityKey));
  const version = r.u8("format version");
  if (version !== STORAGE_FORMAT_VERSION) {
    throw r.corrupt(
      `unsupported storage format version ${version} (this build reads ${STORAGE_FORMAT_VERSION})`,
    );
  }
  const clusterId = r.string("cluster id");
  const memberId = r.string("member id");
  r.end();
  return { clusterId, memberId };
}
