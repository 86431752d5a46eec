import type { ChildProcess } from "node:child_process";
import { LocalEtcdCluster } from "@tskube/master";

// The etcd cluster itself lives in @tskube/master (process/etcd-cluster.ts), shared with `npm run bench -- store`;
// this keeps the conformance suite's original, smaller interface.

export interface EtcdMember {
  name: string;
  clientUrl: string;
  peerUrl: string;
  process: ChildProcess;
  logFile: string;
}

export interface EtcdCluster {
  members: EtcdMember[];
  clientUrls: string[];
  /** Stops every member (SIGTERM, then SIGKILL) and removes the temp dir; safe to call twice. */
  stop(): Promise<void>;
  /** The last lines of every member's log, for failure messages. */
  logs(): Promise<string>;
}

/**
 * Starts an n-member etcd cluster on free 127.0.0.1 ports, each member in its own data dir under one temp
 * dir, and waits until `isHealthy` answers for every client URL. On any start failure everything started
 * so far is stopped and removed before the error propagates.
 */
export async function startEtcdCluster(
  size: number,
  isHealthy: (clientUrl: string) => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<EtcdCluster> {
  const cluster = await LocalEtcdCluster.start({ size, isHealthy, timeoutMs });
  const members = cluster.members.map((m) => {
    const child = cluster.process(m.name);
    if (child === null) throw new Error(`etcd ${m.name} has no process`);
    return { name: m.name, clientUrl: m.clientUrl, peerUrl: m.peerUrl, process: child, logFile: m.logFile };
  });
  return {
    members,
    clientUrls: cluster.clientUrls,
    stop: () => cluster.stop(),
    logs: () => cluster.logs(),
  };
}
