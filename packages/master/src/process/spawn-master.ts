import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ClusterClient, type MemberStatusInfo } from "../client/cluster-client.js";

const DEFAULT_BIN = fileURLToPath(new URL("../../../../bin/tskube.js", import.meta.url));

/**
 * Node flags every master we start runs with (the lab, the tests, the benchmark). Under load V8's defaults
 * let a master commit ~3x its live heap; a smaller young generation and an old generation that grows by 50 %
 * over the live size (not a cap: no out-of-memory risk) keep it near 1.5x. docs/master.md "Memory" has the
 * measurements; `TSKUBE_MASTER_NODE_FLAGS` (space separated) overrides them.
 */
export const MASTER_NODE_FLAGS: readonly string[] = (
  process.env.TSKUBE_MASTER_NODE_FLAGS ?? "--max-semi-space-size=8 --heap-growing-percent=50"
)
  .split(" ")
  .filter((f) => f !== "");

/**
 * The environment of a master we start: glibc's malloc otherwise keeps an arena per thread (LevelDB and
 * libuv work on 4+ threads), and freed memory in them stays resident.
 */
export function masterEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { MALLOC_ARENA_MAX: "2", ...base };
}

export interface SpawnMasterOptions {
  readonly name: string;
  readonly dataDir: string;
  readonly peerListen: string;
  readonly clientListen: string;
  readonly metricsListen?: string;
  /** host:port of the API server's HTTPS gateway, or "none" (default) for a store-only master. */
  readonly apiListen?: string;
  /** host:port of the gRPC object API, or "none" (default). */
  readonly grpcListen?: string;
  /** Kubernetes' static token file for the API server. */
  readonly tokenFile?: string;
  /** name=host:port,… (founding members); omit when joining. */
  readonly initialCluster?: string;
  readonly clusterId?: string;
  /** Client endpoints of a running cluster to join. */
  readonly join?: readonly string[];
  readonly heartbeatIntervalMs?: number;
  readonly electionTimeoutMs?: number;
  readonly snapshotCount?: number;
  readonly snapshotCatchUpEntries?: number;
  readonly logLevel?: string;
  /** Logs go to this file instead of the child's stderr. */
  readonly logFile?: string;
  readonly extraArgs?: readonly string[];
  /** The `tskube` entry point (default: the repo's bin/tskube.js, which runs the built dist/). */
  readonly binPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Node flags for the child (default MASTER_NODE_FLAGS). */
  readonly nodeFlags?: readonly string[];
  /** Called with every stderr line of the child (structured log lines when no logFile is set). */
  readonly onLine?: (line: string) => void;
}

/** The `tskube master …` argument list for these options. */
export function masterArgs(o: SpawnMasterOptions): string[] {
  const args = ["master", "--name", o.name, "--data-dir", o.dataDir, "--peer-listen", o.peerListen];
  args.push("--client-listen", o.clientListen);
  if (o.metricsListen !== undefined) args.push("--metrics-listen", o.metricsListen);
  args.push("--api-listen", o.apiListen ?? "none");
  args.push("--grpc-listen", o.grpcListen ?? "none");
  if (o.tokenFile !== undefined) args.push("--token-file", o.tokenFile);
  if (o.initialCluster !== undefined) args.push("--initial-cluster", o.initialCluster);
  if (o.clusterId !== undefined) args.push("--cluster-id", o.clusterId);
  if (o.join !== undefined && o.join.length > 0) args.push("--join", o.join.join(","));
  if (o.heartbeatIntervalMs !== undefined) args.push("--heartbeat-interval", String(o.heartbeatIntervalMs));
  if (o.electionTimeoutMs !== undefined) args.push("--election-timeout", String(o.electionTimeoutMs));
  if (o.snapshotCount !== undefined) args.push("--snapshot-count", String(o.snapshotCount));
  if (o.snapshotCatchUpEntries !== undefined)
    args.push("--snapshot-catchup-entries", String(o.snapshotCatchUpEntries));
  if (o.logLevel !== undefined) args.push("--log-level", o.logLevel);
  if (o.logFile !== undefined) args.push("--log-file", o.logFile);
  args.push(...(o.extraArgs ?? []));
  return args;
}

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const MAX_KEPT_LINES = 50_000;

/** A `tskube master` child process: its pid, its stderr lines, and helpers to wait for it and stop it. */
export class MasterProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly lines: string[] = [];
  readonly exited: Promise<ProcessExit>;
  private exit: ProcessExit | null = null;
  private readonly lineWaiters = new Set<(line: string) => void>();

  constructor(readonly options: SpawnMasterOptions) {
    const flags = options.nodeFlags ?? MASTER_NODE_FLAGS;
    this.child = spawn(process.execPath, [...flags, options.binPath ?? DEFAULT_BIN, ...masterArgs(options)], {
      stdio: ["ignore", "pipe", "pipe"],
      env: masterEnv(options.env),
    });
    if (this.child.pid === undefined) throw new Error(`could not start master ${options.name}`);
    this.pid = this.child.pid;
    this.exited = new Promise((resolve) => {
      this.child.once("exit", (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    let partial = "";
    const onData = (chunk: Buffer): void => {
      const text = partial + chunk.toString("utf8");
      const parts = text.split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) this.addLine(line);
    };
    this.child.stderr?.on("data", onData);
    this.child.stdout?.on("data", onData);
    this.child.once("exit", () => {
      if (partial !== "") this.addLine(partial);
      partial = "";
    });
  }

  get name(): string {
    return this.options.name;
  }

  get clientEndpoint(): string {
    return this.options.clientListen;
  }

  get peerAddress(): string {
    return this.options.peerListen;
  }

  get running(): boolean {
    return this.exit === null;
  }

  get exitStatus(): ProcessExit | null {
    return this.exit;
  }

  /** All output so far, one string. */
  output(): string {
    return this.lines.join("\n");
  }

  /** Resolves with the first line (already seen or future) matching `match`. */
  waitForLine(match: RegExp | string | ((line: string) => boolean), timeoutMs = 30_000): Promise<string> {
    const test =
      typeof match === "function"
        ? match
        : typeof match === "string"
          ? (l: string) => l.includes(match)
          : (l: string) => match.test(l);
    const seen = this.lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.lineWaiters.delete(waiter);
        reject(
          new Error(`master ${this.name}: no log line matching ${String(match)} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      const waiter = (line: string): void => {
        if (!test(line)) return;
        clearTimeout(timer);
        this.lineWaiters.delete(waiter);
        resolve(line);
      };
      this.lineWaiters.add(waiter);
    });
  }

  /** Polls the Status RPC until the member answers. */
  async waitReady(timeoutMs = 30_000): Promise<MemberStatusInfo> {
    const client = new ClusterClient([this.clientEndpoint], { deadlineMs: 1000 });
    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        if (!this.running)
          throw new Error(`master ${this.name} exited (${JSON.stringify(this.exit)}):\n${this.tail()}`);
        try {
          return await client.status(this.clientEndpoint);
        } catch (err) {
          if (Date.now() > deadline)
            throw new Error(`master ${this.name} not ready: ${(err as Error).message}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      client.close();
    }
  }

  kill(signal: NodeJS.Signals = "SIGKILL"): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM (graceful: storage closed), SIGKILL if still running after `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<ProcessExit> {
    if (!this.running) return this.exited;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.kill("SIGKILL"), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last lines of output, for error messages. */
  tail(n = 30): string {
    return this.lines.slice(-n).join("\n");
  }

  private addLine(line: string): void {
    if (this.lines.length >= MAX_KEPT_LINES) this.lines.splice(0, MAX_KEPT_LINES / 10);
    this.lines.push(line);
    this.options.onLine?.(line);
    for (const w of [...this.lineWaiters]) w(line);
  }
}

/** Starts `tskube master` as a child process (used by `tskube lab`, the integration tests and benchmarks). */
export function spawnMaster(options: SpawnMasterOptions): MasterProcess {
  return new MasterProcess(options);
}
