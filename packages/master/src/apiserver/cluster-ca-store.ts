import { type ClusterCa, createClusterCa } from "../auth/index.js";
import type { StoreClient } from "../client/store-client.js";

/** Where the cluster CA lives in the store: every master reads it there and can sign with it. */
export const CLUSTER_CA_KEY = "/tskube/pki/ca";

/**
 * The cluster CA, created by the first master that finds none (one guarded transaction, so concurrent
 * first starts agree on one CA). Note: the key is in the store, so the store's client port must stay on
 * addresses only masters reach (as etcd's is in Kubernetes).
 */
export async function ensureClusterCa(client: StoreClient): Promise<ClusterCa> {
  const existing = await readClusterCa(client);
  if (existing !== undefined) return existing;
  const ca = await createClusterCa();
  const r = await client.txn({
    compare: [{ key: CLUSTER_CA_KEY, target: "createRevision", result: "=", value: 0 }],
    success: [{ type: "put", key: CLUSTER_CA_KEY, value: JSON.stringify(ca) }],
    failure: [{ type: "range", key: CLUSTER_CA_KEY }],
  });
  if (r.succeeded) return ca;
  const won = await readClusterCa(client);
  if (won === undefined) throw new Error("the cluster CA vanished right after another master created it");
  return won;
}

export async function readClusterCa(client: StoreClient): Promise<ClusterCa | undefined> {
  const r = await client.range(CLUSTER_CA_KEY);
  const kv = r.kvs[0];
  if (kv === undefined) return undefined;
  const parsed = JSON.parse(kv.valueText) as Partial<ClusterCa>;
  if (typeof parsed.certPem !== "string" || typeof parsed.keyPem !== "string") {
    throw new Error(`${CLUSTER_CA_KEY} in the store is not a CA (certPem and keyPem expected)`);
  }
  return { certPem: parsed.certPem, keyPem: parsed.keyPem };
}
