import { mkdtemp, rm } from "node:fs/promises";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClusterClient, type MemberStatusInfo } from "../client/cluster-client.js";
import { freeLoopbackPorts } from "../net.js";
import { MasterProcess, type SpawnMasterOptions } from "./spawn-master.js";

export interface LocalClusterOptions {
  readonly size: number;
  readonly heartbeatIntervalMs?: number;
  readonly electionTimeoutMs?: number;
  readonly snapshotCount?: number;
  readonly snapshotCatchUpEntries?: number;
  readonly logLevel?: string;
  /** Parent of the cluster's temp dir (default: the OS temp dir). */
  readonly baseDir?: string;
  readonly binPath?: string;
  readonly onLine?: (member: string, line: string) => void;
  /** Run each master's API server (HTTPS gateway) on a free port; default off (store-only masters). */
  readonly api?: boolean;
  /** Static token file for the API servers. */
  readonly tokenFile?: string;
  /** More `tskube master` flags for every member. */
  readonly extraArgs?: readonly string[];
}

export interface MemberSlot {
  readonly name: string;
  readonly options: SpawnMasterOptions;
  process: MasterProcess | null;
}

/**
 * N masters on free loopback ports with data dirs under one temp dir: the fixture of the integration
 * tests and the failover benchmark. It only ever signals the pids it spawned.
 */
export class LocalCluster {
  readonly slots = new Map<string, MemberSlot>();

  private constructor(
    readonly dir: string,
    readonly options: LocalClusterOptions,
  ) {}

  static async start(options: LocalClusterOptions): Promise<LocalCluster> {
    const dir = await mkdtemp(join(options.baseDir ?? tmpdir(), "tskube-cluster-"));
    const cluster = new LocalCluster(dir, options);
    try {
      const ports = await freeLoopbackPorts(options.size * 5);
      const names = Array.from({ length: options.size }, (_, i) => `m${i + 1}`);
      const initialCluster = names.map((n, i) => `${n}=127.0.0.1:${ports[i * 3]}`).join(",");
      names.forEach((name, i) => {
        cluster.addSlot(name, {
          peerListen: `127.0.0.1:${ports[i * 3]}`,
          clientListen: `127.0.0.1:${ports[i * 3 + 1]}`,
          metricsListen: `127.0.0.1:${ports[i * 3 + 2]}`,
          ...(options.api === true && {
            apiListen: `127.0.0.1:${ports[options.size * 3 + i]}`,
            grpcListen: `127.0.0.1:${ports[options.size * 4 + i]}`,
          }),
          initialCluster,
        });
      });
      for (const name of names) cluster.spawn(name);
      await Promise.all(names.map((n) => cluster.running(n).waitReady()));
      return cluster;
    } catch (err) {
      await cluster.destroy();
      throw err;
    }
  }

  /** Registers a member (not started): the founders, or a member to join later. */
  addSlot(
    name: string,
    addresses: {
      peerListen: string;
      clientListen: string;
      metricsListen?: string;
      apiListen?: string;
      grpcListen?: string;
      initialCluster?: string;
      join?: readonly string[];
    },
  ): MemberSlot {
    const o = this.options;
    const slot: MemberSlot = {
      name,
      process: null,
      options: {
        name,
        dataDir: join(this.dir, name),
        ...addresses,
        ...(o.heartbeatIntervalMs !== undefined && { heartbeatIntervalMs: o.heartbeatIntervalMs }),
        ...(o.electionTimeoutMs !== undefined && { electionTimeoutMs: o.electionTimeoutMs }),
        ...(o.snapshotCount !== undefined && { snapshotCount: o.snapshotCount }),
        ...(o.snapshotCatchUpEntries !== undefined && { snapshotCatchUpEntries: o.snapshotCatchUpEntries }),
        ...(o.binPath !== undefined && { binPath: o.binPath }),
        ...(o.tokenFile !== undefined && { tokenFile: o.tokenFile }),
        ...(o.extraArgs !== undefined && { extraArgs: o.extraArgs }),
        logLevel: o.logLevel ?? "info",
        onLine: (line) => o.onLine?.(name, line),
      },
    };
    this.slots.set(name, slot);
    return slot;
  }

  /** Registers a new member on fresh ports that will join the running cluster through --join. */
  async addJoiner(name: string): Promise<MemberSlot> {
    const [peer, client, metrics] = await freeLoopbackPorts(3);
    return this.addSlot(name, {
      peerListen: `127.0.0.1:${peer}`,
      clientListen: `127.0.0.1:${client}`,
      metricsListen: `127.0.0.1:${metrics}`,
      join: this.clientEndpoints(),
    });
  }

  spawn(name: string, overrides: Partial<SpawnMasterOptions> = {}): MasterProcess {
    const slot = this.slot(name);
    if (slot.process?.running) throw new Error(`master ${name} is already running (pid ${slot.process.pid})`);
    slot.process = new MasterProcess({ ...slot.options, ...overrides });
    return slot.process;
  }

  slot(name: string): MemberSlot {
    const slot = this.slots.get(name);
    if (slot === undefined) throw new Error(`no member ${name}`);
    return slot;
  }

  running(name: string): MasterProcess {
    const p = this.slot(name).process;
    if (p === null || !p.running) throw new Error(`master ${name} is not running`);
    return p;
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  runningNames(): string[] {
    return [...this.slots.values()].filter((s) => s.process?.running === true).map((s) => s.name);
  }

  clientEndpoint(name: string): string {
    return this.slot(name).options.clientListen;
  }

  clientEndpoints(names = this.runningNames()): string[] {
    return names.map((n) => this.clientEndpoint(n));
  }

  /** The API server's URL of a member started with `api: true`. */
  apiUrl(name: string): string {
    const listen = this.slot(name).options.apiListen;
    if (listen === undefined || listen === "none") throw new Error(`master ${name} runs no API server`);
    return `https://${listen}`;
  }

  /** Waits until a member's API server answers /healthz (TLS, before the CA is known: loopback only). */
  async waitApiHealthy(name: string, timeoutMs = 60_000): Promise<void> {
    const url = new URL("/healthz", this.apiUrl(name));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        const req = httpsRequest(url, { rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        });
        req.on("error", () => resolve(false));
        req.setTimeout(2000, () => req.destroy());
        req.end();
      });
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`API server of ${name} not healthy within ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  /** The gRPC object API endpoint (host:port) of a member started with `api: true`. */
  grpcEndpoint(name: string): string {
    const listen = this.slot(name).options.grpcListen;
    if (listen === undefined || listen === "none")
      throw new Error(`master ${name} serves no gRPC object API`);
    return listen;
  }

  metricsUrl(name: string): string {
    return `http://${this.slot(name).options.metricsListen}/metrics`;
  }

  async status(name: string, deadlineMs = 1000): Promise<MemberStatusInfo> {
    const client = new ClusterClient([this.clientEndpoint(name)], { deadlineMs });
    try {
      return await client.status();
    } finally {
      client.close();
    }
  }

  /** Waits until every running member (or `among`) reports the same leader, which is one of them. */
  async waitForLeader(timeoutMs = 15_000, among = this.runningNames()): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      const statuses = await Promise.all(among.map((n) => this.status(n).catch(() => null)));
      const leaders = new Set(statuses.map((s) => s?.leader ?? ""));
      const [leader] = [...leaders];
      if (leaders.size === 1 && leader !== undefined && among.includes(leader)) return leader;
      last = JSON.stringify(statuses.map((s) => s && { name: s.name, leader: s.leader, term: s.term }));
      await sleep(50);
    }
    throw new Error(`no agreed leader among ${among.join(",")} within ${timeoutMs} ms: ${last}`);
  }

  /** Waits until `name` applied at least as far as `leader` had committed when the wait began. */
  async waitCaughtUp(name: string, leader: string, timeoutMs = 30_000): Promise<MemberStatusInfo> {
    const target = (await this.status(leader)).commit;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.status(name).catch(() => null);
      if (s !== null && s.applied >= target) return s;
      if (Date.now() > deadline) {
        throw new Error(
          `${name} did not catch up to index ${target} within ${timeoutMs} ms (applied ${s?.applied ?? "?"})`,
        );
      }
      await sleep(100);
    }
  }

  async metrics(name: string): Promise<string> {
    const res = await fetch(this.metricsUrl(name));
    return res.text();
  }

  /** Stops every member it started (SIGTERM, then SIGKILL) and removes the temp dir. */
  async destroy(): Promise<void> {
    await Promise.all(
      [...this.slots.values()].map(async (s) => {
        if (s.process?.running) await s.process.stop(5000);
      }),
    );
    await rm(this.dir, { recursive: true, force: true });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
