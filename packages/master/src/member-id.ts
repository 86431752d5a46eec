import { createHash } from "node:crypto";

// etcd's API names members and clusters by uint64 ids; tskube names members by string. The etcd-format
// id of a member is the first 8 bytes of sha256(name), so every member computes the same id for a peer
// without storing it. Ids travel as decimal strings (int64/uint64 fields load as strings).

export function memberIdOf(name: string): string {
  return hashId(`tskube-member:${name}`);
}

/** The cluster id as etcd's uint64 cluster_id: its value when it is hex (the derived ids are), else a hash. */
export function clusterIdNumber(clusterId: string): string {
  if (/^[0-9a-f]{1,16}$/.test(clusterId)) return BigInt(`0x${clusterId}`).toString();
  return hashId(`tskube-cluster:${clusterId}`);
}

function hashId(text: string): string {
  const id = BigInt(`0x${createHash("sha256").update(text).digest("hex").slice(0, 16)}`);
  // 0 means "none" in the API (e.g. no leader); a collision with it is vanishingly unlikely but cheap to avoid.
  return (id === 0n ? 1n : id).toString();
}
