import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, openSync, rmSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { CHANNEL_OPTIONS, loadStoreProtos } from "../grpc/protos.js";
import { freeLoopbackPorts } from "../net.js";

const HOST = "127.0.0.1";

/** Debian's etcd-server (3.4), installed by scripts/bootstrap.sh; ETCD_BIN overrides it. */
export function etcdBinary(): string {
  return process.env.ETCD_BIN ?? "/usr/bin/etcd";
}

export interface LocalEtcdClusterOptions {
  readonly size: number;
  readonly heartbeatIntervalMs?: number;
  readonly electionTimeoutMs?: number;
  /** Parent of the cluster's temp dir (default: the OS temp dir). */
  readonly baseDir?: string;
  readonly etcdBin?: string;
  /** How long start() and restart() wait for members to answer (default 30 s). */
  readonly timeoutMs?: number;
  /** Readiness probe of one member (default: a linearizable Range answers, so the member sees a leader). */
  readonly isHealthy?: (clientUrl: string) => Promise<boolean>;
}

export interface EtcdMemberSpec {
  readonly name: string;
  /** http://127.0.0.1:PORT */
  readonly clientUrl: string;
  readonly peerUrl: string;
  readonly dataDir: string;
  /** stdout and stderr of every run of this member, appended. */
  readonly logFile: string;
}

/**
 * Real etcd members on free loopback ports, each with its own data dir under one temp dir: the reference
 * system of the store conformance suite and of `npm run bench -- store`. A member can be SIGKILLed and
 * restarted on its data dir. It only ever signals the pids it spawned, and an exit hook SIGKILLs them if
 * the parent exits without stop().
 */
export class LocalEtcdCluster {
  private readonly processes = new Map<string, ChildProcess>();
  private stopped = false;
  private readonly exitHook = (): void => this.killAllNow();

  private constructor(
    readonly dir: string,
    readonly members: readonly EtcdMemberSpec[],
    private readonly token: string,
    private readonly options: LocalEtcdClusterOptions,
  ) {
    process.once("exit", this.exitHook);
  }

  /** Starts every member and waits until each is healthy; on failure stops and removes what it started. */
  static async start(options: LocalEtcdClusterOptions): Promise<LocalEtcdCluster> {
    const dir = await mkdtemp(join(options.baseDir ?? tmpdir(), "tskube-etcd-"));
    const ports = await freeLoopbackPorts(options.size * 2);
    const members = Array.from({ length: options.size }, (_, i) => {
      const name = `m${i}`;
      return {
        name,
        clientUrl: `http://${HOST}:${ports[i * 2]}`,
        peerUrl: `http://${HOST}:${ports[i * 2 + 1]}`,
        dataDir: join(dir, name),
        logFile: join(dir, `${name}.log`),
      };
    });
    const cluster = new LocalEtcdCluster(dir, members, `tskube-${randomBytes(6).toString("hex")}`, options);
    try {
      for (const m of members) cluster.spawn(m.name);
      for (const m of members) await cluster.waitHealthy(m.name);
      return cluster;
    } catch (err) {
      const logs = await cluster.logs();
      await cluster.stop();
      throw new Error(`${(err as Error).message}\n${logs}`);
    }
  }

  get clientUrls(): string[] {
    return this.members.map((m) => m.clientUrl);
  }

  names(): string[] {
    return this.members.map((m) => m.name);
  }

  member(name: string): EtcdMemberSpec {
    const m = this.members.find((x) => x.name === name);
    if (m === undefined) throw new Error(`no etcd member ${name}`);
    return m;
  }

  /** host:port of a member's client listener (what a gRPC channel wants). */
  clientEndpoint(name: string): string {
    return this.member(name).clientUrl.replace(/^http:\/\//, "");
  }

  /** The member's current process (null if it was never started); kept after it exits. */
  process(name: string): ChildProcess | null {
    return this.processes.get(name) ?? null;
  }

  isRunning(name: string): boolean {
    const p = this.processes.get(name);
    // No pid: the spawn itself failed (e.g. no etcd binary), which is reported as an "error" event.
    return p !== undefined && p.pid !== undefined && p.exitCode === null && p.signalCode === null;
  }

  pid(name: string): number | undefined {
    return this.isRunning(name) ? this.processes.get(name)?.pid : undefined;
  }

  runningNames(): string[] {
    return this.names().filter((n) => this.isRunning(n));
  }

  /** Sends `signal` (SIGKILL by default) to a running member and waits until it exited. */
  async kill(name: string, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const p = this.processes.get(name);
    if (p === undefined || !this.isRunning(name)) return;
    const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
    p.kill(signal);
    await exited;
  }

  /** Starts a stopped member again on its data dir (etcd ignores the initial-cluster flags then). */
  async restart(name: string): Promise<void> {
    if (this.isRunning(name)) throw new Error(`etcd ${name} is already running (pid ${this.pid(name)})`);
    this.spawn(name);
    await this.waitHealthy(name);
  }

  /** Polls the member until `isHealthy` says yes; fails early if the process exits. */
  async waitHealthy(name: string, timeoutMs = this.options.timeoutMs ?? 30_000): Promise<void> {
    const m = this.member(name);
    const healthy = this.options.isHealthy ?? linearizableRangeAnswers;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = this.processes.get(name);
      if (p === undefined || !this.isRunning(name)) {
        throw new Error(`etcd ${name} exited (code ${p?.exitCode ?? "?"}, signal ${p?.signalCode ?? "-"})`);
      }
      if (await healthy(m.clientUrl)) return;
      if (Date.now() > deadline) throw new Error(`etcd ${name} not healthy within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The last `lines` lines of every member's log, for failure messages. */
  async logs(lines = 20): Promise<string> {
    const parts: string[] = [];
    for (const m of this.members) {
      const text = await readFile(m.logFile, "utf8").catch(() => "");
      parts.push(`--- ${m.name} ---\n${text.split("\n").slice(-lines).join("\n")}`);
    }
    return parts.join("\n");
  }

  /** Stops every member (SIGTERM, SIGKILL after 5 s) and removes the temp dir; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.names().map((n) => this.stopMember(n)));
    process.removeListener("exit", this.exitHook);
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Synchronous last resort (exit hooks, signal handlers): SIGKILL every member and remove the dir. */
  killAllNow(): void {
    for (const n of this.names()) if (this.isRunning(n)) this.processes.get(n)?.kill("SIGKILL");
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async stopMember(name: string): Promise<void> {
    const p = this.processes.get(name);
    if (p === undefined || !this.isRunning(name)) return;
    const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
    p.kill("SIGTERM");
    const timer = setTimeout(() => p.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }

  private spawn(name: string): ChildProcess {
    if (this.stopped) throw new Error("etcd cluster is stopped");
    const m = this.member(name);
    const initialCluster = this.members.map((x) => `${x.name}=${x.peerUrl}`).join(",");
    // The child writes its log straight to the file: the parent (often a benchmark) copies nothing.
    const log = openSync(m.logFile, "a");
    try {
      const child = spawn(
        this.options.etcdBin ?? etcdBinary(),
        [
          ...["--name", m.name, "--data-dir", m.dataDir],
          ...["--listen-client-urls", m.clientUrl, "--advertise-client-urls", m.clientUrl],
          ...["--listen-peer-urls", m.peerUrl, "--initial-advertise-peer-urls", m.peerUrl],
          ...["--initial-cluster", initialCluster, "--initial-cluster-state", "new"],
          ...["--initial-cluster-token", this.token],
          ...["--heartbeat-interval", String(this.options.heartbeatIntervalMs ?? 100)],
          ...["--election-timeout", String(this.options.electionTimeoutMs ?? 1000)],
        ],
        { stdio: ["ignore", log, log] },
      );
      // A spawn failure (e.g. no binary) arrives as an event; without a listener it would crash the parent.
      child.once("error", () => undefined);
      this.processes.set(name, child);
      return child;
    } finally {
      closeSync(log);
    }
  }
}

/** The default readiness probe: a linearizable Range succeeds, which needs a leader and a quorum. */
export async function linearizableRangeAnswers(clientUrl: string, deadlineMs = 1000): Promise<boolean> {
  const address = clientUrl.replace(/^[a-z]+:\/\//, "");
  const kv = new (loadStoreProtos().etcdserverpb.KV)(
    address,
    grpc.credentials.createInsecure(),
    CHANNEL_OPTIONS,
  );
  try {
    return await new Promise<boolean>((resolve) => {
      kv.Range({ key: Buffer.from("health") }, { deadline: Date.now() + deadlineMs }, (err) =>
        resolve(err === null),
      );
    });
  } finally {
    kv.close();
  }
}
