// The application part of a sim node's Raft snapshot: the KV state machine's bytes and the MVCC
// store's snapshot, framed as [kv length: u32 big-endian][kv bytes][mvcc bytes].

export interface AppSnapshot {
  readonly kv: Uint8Array;
  readonly mvcc: Uint8Array;
}

export function encodeAppSnapshot(snap: AppSnapshot): Uint8Array {
  const out = new Uint8Array(4 + snap.kv.length + snap.mvcc.length);
  new DataView(out.buffer).setUint32(0, snap.kv.length);
  out.set(snap.kv, 4);
  out.set(snap.mvcc, 4 + snap.kv.length);
  return out;
}

/** null for empty data: a joiner's empty state, before index 1. */
export function decodeAppSnapshot(data: Uint8Array): AppSnapshot | null {
  if (data.length === 0) return null;
  const kvLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0);
  return { kv: data.subarray(4, 4 + kvLength), mvcc: data.subarray(4 + kvLength) };
}
