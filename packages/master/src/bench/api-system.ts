import { rmSync } from "node:fs";
import { request } from "node:https";
import { readClusterCa } from "../apiserver/cluster-ca-store.js";
import { GROUP_MASTERS, issueClientCert } from "../auth/index.js";
import { StoreClient } from "../client/store-client.js";
import { LocalCluster, sleep } from "../process/local-cluster.js";
import type { ApiCredentials } from "./api-http-client.js";
import type { BenchSystem } from "./bench-system.js";

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
  const running = (name: string) => {
    const p = cluster.slot(name).process;
    return p?.running === true ? p : null;
  };
  const member = (name: string) => ({ name, endpoint: cluster.clientEndpoint(name) });
  const system: ApiSystem = {
    name: "tskube",
    cluster,
    members: () => cluster.names().map(member),
    member,
    pid: (name) => running(name)?.pid,
    async kill(name) {
      const p = running(name);
      if (p === null) return;
      p.kill("SIGKILL");
      await p.exited;
    },
    async restart(name) {
      cluster.spawn(name);
    },
    destroy: () => cluster.destroy(),
    killAllNow() {
      for (const n of cluster.names()) running(n)?.kill("SIGKILL");
      rmSync(cluster.dir, { recursive: true, force: true });
    },
  };
  try {
    for (const name of cluster.names()) await waitHealthy(cluster.apiUrl(name));
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

async function waitHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      // Before the CA is known: /healthz needs no identity, and this only ever dials loopback.
      const req = request(new URL("/healthz", url), { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on("error", () => resolve(false));
      req.setTimeout(2000, () => req.destroy());
      req.end();
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`API server at ${url} not healthy within ${timeoutMs} ms`);
    await sleep(200);
  }
}
