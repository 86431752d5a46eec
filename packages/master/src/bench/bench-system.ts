import { rmSync } from "node:fs";
import { LocalEtcdCluster } from "../process/etcd-cluster.js";
import { LocalCluster } from "../process/local-cluster.js";
import type { MemberEndpoint } from "./store-leader.js";

export type SystemName = "etcd" | "tskube";

/** One 3-member system under test, as the store benchmark drives it: endpoints, pids, kill and restart. */
export interface BenchSystem {
  readonly name: SystemName;
  members(): MemberEndpoint[];
  member(name: string): MemberEndpoint;
  pid(name: string): number | undefined;
  /** SIGKILL, resolved once the process is gone. */
  kill(name: string): Promise<void>;
  /** Starts a killed member again on its data dir; resolves once it is spawned (catch-up is the caller's). */
  restart(name: string): Promise<void>;
  /** Stops every member and removes every dir. */
  destroy(): Promise<void>;
  /** Synchronous last resort for signal and exit handlers: SIGKILL everything and remove the dirs. */
  killAllNow(): void;
}

/** The flags etcd's anchor was measured with (research/raft.md A). */
const HEARTBEAT_MS = 100;
const ELECTION_MS = 1000;

export async function startEtcdSystem(size: number): Promise<BenchSystem> {
  const cluster = await LocalEtcdCluster.start({
    size,
    heartbeatIntervalMs: HEARTBEAT_MS,
    electionTimeoutMs: ELECTION_MS,
  });
  const member = (name: string): MemberEndpoint => ({ name, endpoint: cluster.clientEndpoint(name) });
  return {
    name: "etcd",
    members: () => cluster.names().map(member),
    member,
    pid: (name) => cluster.pid(name),
    kill: (name) => cluster.kill(name, "SIGKILL"),
    restart: (name) => cluster.restart(name),
    destroy: () => cluster.stop(),
    killAllNow: () => cluster.killAllNow(),
  };
}

export async function startTskubeSystem(size: number, binPath?: string): Promise<BenchSystem> {
  const cluster = await LocalCluster.start({
    size,
    heartbeatIntervalMs: HEARTBEAT_MS,
    electionTimeoutMs: ELECTION_MS,
    // Warnings only: the bench process keeps each master's stderr lines, and info logs would cost it CPU.
    logLevel: "warn",
    ...(binPath !== undefined && { binPath }),
  });
  return localClusterSystem(cluster);
}

/** The BenchSystem face of a LocalCluster: its members' endpoints, pids, SIGKILL and restart. */
export function localClusterSystem(cluster: LocalCluster): BenchSystem {
  const member = (name: string): MemberEndpoint => ({ name, endpoint: cluster.clientEndpoint(name) });
  const running = (name: string) => {
    const p = cluster.slot(name).process;
    return p?.running === true ? p : null;
  };
  return {
    name: "tskube",
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
}
