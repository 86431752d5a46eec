import { createHash } from "node:crypto";
import type { AutoCompaction } from "./compaction/auto-compactor.js";
import { MasterError } from "./errors.js";

/** Everything `tskube master` is started with (the CLI flags, parsed). */
export interface MasterOptions {
  readonly name: string;
  readonly dataDir: string;
  /** host:port the Raft peer service listens on. */
  readonly peerListen: string;
  /** host:port the store API (etcd v3 format) and cluster.v1 services listen on. */
  readonly clientListen: string;
  /** host:port of the Prometheus /metrics endpoint; null = no metrics listener. */
  readonly metricsListen: string | null;
  /** name → peer address of the founding members (ignored on restart and when joining). */
  readonly initialCluster: ReadonlyMap<string, string>;
  /** Explicit cluster id; derived from the initial cluster when null. */
  readonly clusterId: string | null;
  /** Client endpoints of a running cluster to join as a new member (empty = found or restart). */
  readonly join: readonly string[];
  readonly heartbeatIntervalMs: number;
  readonly electionTimeoutMs: number;
  /** Applied entries between automatic snapshots. */
  readonly snapshotCount: number;
  /** Log entries kept behind a snapshot so slightly lagging followers need no snapshot. */
  readonly snapshotCatchUpEntries: number;
  readonly logLevel: string;
  /** Log file path; null = stderr. */
  readonly logFile: string | null;
  /** How the leader bounds the store's history. */
  readonly autoCompaction: AutoCompaction;
}

export const defaultMasterOptions = {
  heartbeatIntervalMs: 100,
  electionTimeoutMs: 1000,
  snapshotCount: 50_000,
  snapshotCatchUpEntries: 5000,
  logLevel: "info",
  autoCompactionMode: "revision",
  autoCompactionRetention: "10000",
} as const;

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ADDRESS = /^[^\s:]+:\d{1,5}$/;

export function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new MasterError("InvalidConfig", `member name "${name}" must be lowercase letters, digits and '-'`);
  }
}

export function checkAddress(what: string, address: string): void {
  if (!ADDRESS.test(address)) throw new MasterError("InvalidConfig", `${what} "${address}" is not host:port`);
}

/** Parses `m1=127.0.0.1:2380,m2=127.0.0.1:2381`. */
export function parseInitialCluster(text: string): Map<string, string> {
  const members = new Map<string, string>();
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")) {
    const eq = part.indexOf("=");
    if (eq <= 0)
      throw new MasterError("InvalidConfig", `--initial-cluster entry "${part}" is not name=host:port`);
    const name = part.slice(0, eq);
    const address = stripScheme(part.slice(eq + 1));
    checkName(name);
    checkAddress(`peer address of ${name}`, address);
    if (members.has(name)) throw new MasterError("InvalidConfig", `--initial-cluster names ${name} twice`);
    members.set(name, address);
  }
  return members;
}

export function formatInitialCluster(members: ReadonlyMap<string, string>): string {
  return [...members].map(([name, address]) => `${name}=${address}`).join(",");
}

/** Accepts `http://host:port` as etcd users type it; gRPC wants host:port. */
export function stripScheme(address: string): string {
  return address.replace(/^[a-z]+:\/\//, "").replace(/\/+$/, "");
}

/**
 * The id of a cluster founded from `initialCluster`: a hash of its sorted members, so every founding member
 * derives the same id from the same flag and two clusters with different members never share one.
 */
export function deriveClusterId(initialCluster: ReadonlyMap<string, string>): string {
  const canonical = [...initialCluster].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256")
    .update(formatInitialCluster(new Map(canonical)))
    .digest("hex")
    .slice(0, 16);
}

/** etcd's server request timeout: time for queueing, compute and disk, plus a possible election. */
export function requestTimeoutMs(electionTimeoutMs: number): number {
  return 5000 + 2 * electionTimeoutMs;
}

export function validateOptions(o: MasterOptions): void {
  checkName(o.name);
  checkAddress("--peer-listen", o.peerListen);
  checkAddress("--client-listen", o.clientListen);
  if (o.metricsListen !== null) checkAddress("--metrics-listen", o.metricsListen);
  if (!(o.heartbeatIntervalMs > 0))
    throw new MasterError("InvalidConfig", "--heartbeat-interval must be > 0");
  if (o.electionTimeoutMs < 2 * o.heartbeatIntervalMs) {
    throw new MasterError("InvalidConfig", "--election-timeout must be at least twice --heartbeat-interval");
  }
  if (!(o.snapshotCount >= 1)) throw new MasterError("InvalidConfig", "--snapshot-count must be >= 1");
  if (o.join.length === 0 && o.initialCluster.size > 0 && !o.initialCluster.has(o.name)) {
    throw new MasterError("InvalidConfig", `--initial-cluster does not name this member (${o.name})`);
  }
}
