import { ByteReader, ByteWriter } from "./binary.js";
import { StoreError } from "./errors.js";
import type { KeyHistory, KeyRecord } from "./key-index.js";
import type { MvccStore, StoreState } from "./mvcc-store.js";

// Layout: magic "TSKS", format version, header varints, then every key (bytewise order) with its kept
// records, then the leases. Record revisions are delta-coded against the previous record of the key,
// which keeps a long history small. Lease key sets are not stored: they follow from the latest records.

const MAGIC = [0x54, 0x53, 0x4b, 0x53];
const FORMAT = 1;
const TOMBSTONE = 1;
const _EMPTY = new Uint8Array(0);

/**
 * The store's snapshot. `prefix`, when given, is written first into the same buffer (a caller's own header),
 * so a snapshot of tens of MB is never copied to be framed.
 */
export function encodeSnapshot(store: MvccStore, prefix?: Uint8Array): Uint8Array {
  const s = store.exportState();
  const w = new ByteWriter(sizeBound(s) + (prefix?.length ?? 0));
  if (prefix !== undefined) w.raw(prefix);
  for (const b of MAGIC) w.uint(b);
  w.uint(FORMAT)
    .uint(s.currentRevision)
    .uint(s.compactRevision)
    .uint(s.appliedIndex)
    .uint(s.nextLeaseId)
    .uint(s.keys.length);
  for (const h of s.keys) {
    w.latin1(h.key).uint(h.records.length);
    let prevMain = 0;
    for (const r of h.records) {
      w.uint(r.main - prevMain).uint(r.sub);
      prevMain = r.main;
      if (r.tombstone) {
        w.uint(TOMBSTONE);
        continue;
      }
      w.uint(0)
        .uint(r.main - r.createRevision)
        .uint(r.version)
        .uint(r.lease)
        .latin1(r.value);
    }
  }
  w.uint(s.leases.length);
  for (const l of s.leases) w.uint(l.id).uint(l.ttl);
  return w.finish();
}

/** The encoded size, estimated a little high (a record's varints take ~10 bytes), so the writer rarely regrows. */
function sizeBound(s: StoreState): number {
  let n = 64 + s.leases.length * 16;
  for (const h of s.keys) {
    n += h.key.length + 16;
    for (const r of h.records) n += r.value.length + 20;
  }
  return n;
}

export function decodeSnapshot(bytes: Uint8Array): StoreState {
  const r = new ByteReader(bytes);
  for (const b of MAGIC) {
    if (r.uint() !== b) throw new StoreError("BadEncoding", "not a store snapshot (bad magic)");
  }
  const format = r.uint();
  if (format !== FORMAT) throw new StoreError("BadEncoding", `unknown snapshot format ${format}`);
  const currentRevision = r.uint();
  const compactRevision = r.uint();
  const appliedIndex = r.uint();
  const nextLeaseId = r.uint();
  const keyCount = r.uint();
  const keys: KeyHistory[] = [];
  for (let i = 0; i < keyCount; i++) {
    const key = r.latin1();
    // The index is rebuilt by appending, so order is part of the format: refuse anything else.
    const last = keys[keys.length - 1];
    if (key.length === 0 || (last !== undefined && last.key >= key)) {
      throw new StoreError("BadEncoding", `snapshot key ${i} is empty or out of order`);
    }
    const n = r.uint();
    const records: KeyRecord[] = [];
    let main = 0;
    for (let j = 0; j < n; j++) {
      const delta = r.uint();
      if (delta === 0) throw new StoreError("BadEncoding", "snapshot records are not in revision order");
      main += delta;
      const sub = r.uint();
      const flags = r.uint();
      if (flags === TOMBSTONE) {
        records.push({ main, sub, tombstone: true, value: "", createRevision: 0, version: 0, lease: 0 });
        continue;
      }
      if (flags !== 0) throw new StoreError("BadEncoding", `unknown record flags ${flags}`);
      const age = r.uint();
      if (age >= main) throw new StoreError("BadEncoding", "snapshot record created before revision 1");
      const createRevision = main - age;
      const version = r.uint();
      const lease = r.uint();
      records.push({ main, sub, tombstone: false, value: r.latin1(), createRevision, version, lease });
    }
    keys.push({ key, records });
  }
  const leaseCount = r.uint();
  const leases: { id: number; ttl: number }[] = [];
  for (let i = 0; i < leaseCount; i++) leases.push({ id: r.uint(), ttl: r.uint() });
  r.end();
  return { currentRevision, compactRevision, appliedIndex, nextLeaseId, keys, leases };
}
