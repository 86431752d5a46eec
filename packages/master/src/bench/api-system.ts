import { readClusterCa } from "../apiserver/cluster-ca-store.js";
import { GROUP_MASTERS, issueClientCert } from "../auth/index.js";
import { StoreClient } from "../client/store-client.js";
import { LocalCluster } from "../process/local-cluster.js";
import type { ApiCredentials } from "./api-http-client.js";
import { type BenchSystem, localClusterSystem } from "./bench-system.js";

/** The 3 masters under test with their API servers, wrapped so the BenchGuard can kill them on a signal. */
export interface ApiSystem extends BenchSystem {
  readonly cluster: LocalCluster;
}

export async function startApiSystem(size: number, binPath?: string): Promise<ApiSystem> {
  const cluster = await LocalCluster.start({
    size,
    api: true,
    // Warnings only: the bench process reads each master's stderr, and info logs would cost it CPU.
    logLevel: "warn",
    ...(binPath !== undefined && { binPath }),
  });
  const system: ApiSystem = { ...localClusterSystem(cluster), cluster };
  try {
    for (const name of cluster.names()) await cluster.waitApiHealthy(name);
  } catch (err) {
    await cluster.destroy();
    throw err;
  }
  return system;
}

/**
 * An administrator's client certificate signed by the cluster CA, made the way `tskube kubeconfig` makes
 * the admin kubeconfig (CA read from the store, group system:masters), without the YAML round trip.
 */
export async function adminCredentials(storeEndpoints: readonly string[]): Promise<ApiCredentials> {
  const client = new StoreClient([...storeEndpoints], { deadlineMs: 5000, retryBudgetMs: 30_000 });
  try {
    const ca = await readClusterCa(client);
    if (ca === undefined) throw new Error("no cluster CA in the store: the API servers did not start");
    const cert = await issueClientCert(ca, { user: "bench-admin", groups: [GROUP_MASTERS], days: 1 });
    return { caPem: ca.certPem, certPem: cert.certPem, keyPem: cert.keyPem };
  } finally {
    client.close();
  }
}
