import {
  type ApiServer,
  defaultMasterOptions,
  type Logger,
  type Master,
  type MasterOptions,
  parseAutoCompaction,
  parseEtcdStore,
  parseInitialCluster,
  startControlPlane,
  startExternalStoreMaster,
  startMaster,
  stripScheme,
} from "@tskube/master";
import { type Command, InvalidArgumentError } from "commander";

function integer(name: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return n;
  };
}

interface MasterFlags {
  name: string;
  dataDir?: string;
  store: string;
  peerListen: string;
  clientListen: string;
  metricsListen?: string;
  initialCluster?: string;
  clusterId?: string;
  join?: string;
  heartbeatInterval: number;
  electionTimeout: number;
  snapshotCount: number;
  snapshotCatchupEntries: number;
  logLevel: string;
  logFile?: string;
  autoCompactionMode: string;
  autoCompactionRetention: string;
  apiListen: string;
  grpcListen: string;
  defaultWatchCacheSize: number;
  tokenFile?: string;
}

function toOptions(f: MasterFlags): MasterOptions {
  return {
    name: f.name,
    dataDir: f.dataDir ?? "",
    peerListen: stripScheme(f.peerListen),
    clientListen: stripScheme(f.clientListen),
    metricsListen: f.metricsListen === undefined ? null : stripScheme(f.metricsListen),
    initialCluster: parseInitialCluster(f.initialCluster ?? ""),
    clusterId: f.clusterId ?? null,
    join: (f.join ?? "")
      .split(",")
      .map((e) => stripScheme(e.trim()))
      .filter((e) => e !== ""),
    heartbeatIntervalMs: f.heartbeatInterval,
    electionTimeoutMs: f.electionTimeout,
    snapshotCount: f.snapshotCount,
    snapshotCatchUpEntries: f.snapshotCatchupEntries,
    logLevel: f.logLevel,
    logFile: f.logFile ?? null,
    autoCompaction: parseAutoCompaction(f.autoCompactionMode, f.autoCompactionRetention),
  };
}

/**
 * The API server above the store (unless --api-listen none). It starts in the background: the store may
 * still be electing its first leader. A failure to start it is fatal, with one line naming the problem.
 */
function startApi(flags: MasterFlags, logger: Logger): Promise<ApiServer | null> {
  if (flags.apiListen === "none") return Promise.resolve(null);
  return startControlPlane({
    name: flags.name,
    storeEndpoints: [stripScheme(flags.clientListen)],
    apiListen: stripScheme(flags.apiListen),
    grpcListen: flags.grpcListen === "none" ? null : stripScheme(flags.grpcListen),
    tokenFile: flags.tokenFile ?? null,
    watchCacheSize: flags.defaultWatchCacheSize,
    logger,
  }).catch((err: unknown) => {
    process.stderr.write(`tskube master: API server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

/** Runs until SIGTERM/SIGINT (graceful close), removal from the cluster (exit 0) or a fatal error (exit 1). */
async function run(flags: MasterFlags): Promise<void> {
  if (flags.store !== "embedded") return runOnEtcd(flags);
  let master: Master;
  try {
    if (flags.dataDir === undefined) throw new Error("--data-dir is required with the embedded store");
    master = await startMaster(toOptions(flags));
  } catch (err) {
    // One line naming the problem (wrong cluster, corrupt data dir, port in use…), then exit.
    process.stderr.write(`tskube master: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const controlPlane = startApi(flags, master.logger);
  let exiting = false;
  const exit = async (code: number): Promise<void> => {
    if (exiting) return;
    exiting = true;
    try {
      await (await controlPlane)?.close();
      await master.close();
    } catch (err) {
      process.stderr.write(`tskube master: error while stopping: ${(err as Error).message}\n`);
      code = 1;
    }
    process.exit(code);
  };
  process.on("SIGTERM", () => void exit(0));
  process.on("SIGINT", () => void exit(0));
  const reason = await master.stopped;
  if (reason.reason === "removed") {
    process.stderr.write(`tskube master: member ${master.name} was removed from the cluster; exiting\n`);
    await exit(0);
  } else {
    process.stderr.write(`tskube master: fatal: ${reason.error.message}\n`);
    await exit(1);
  }
}

export function register(program: Command): void {
  program
    .command("master")
    .description("run a master: a Raft member serving the replicated store (etcd v3 API)")
    .requiredOption("--name <name>", "this member's name (unique in the cluster, never reused)")
    .option("--data-dir <dir>", "directory of the member's Raft storage (embedded store)")
    .option(
      "--store <embedded|etcd://host:port,…>",
      "where the state lives: the embedded Raft store, or an external etcd cluster",
      "embedded",
    )
    .option("--peer-listen <host:port>", "address of the Raft peer service", "127.0.0.1:2380")
    .option(
      "--client-listen <host:port>",
      "address of the store API (etcd v3 gRPC) and cluster.v1",
      "127.0.0.1:9443",
    )
    .option("--metrics-listen <host:port>", "address of the Prometheus /metrics endpoint")
    .option(
      "--api-listen <host:port|none>",
      "address of the Kubernetes API (HTTPS, for kubectl); none = a store-only member",
      "127.0.0.1:6443",
    )
    .option(
      "--grpc-listen <host:port|none>",
      "address of the gRPC object API (api.v1.Objects, TLS); none = not served",
      "127.0.0.1:6444",
    )
    .option(
      "--default-watch-cache-size <n>",
      "events the API server's watch cache keeps for watches resuming from a past resourceVersion",
      integer("--default-watch-cache-size", 1),
      50_000,
    )
    .option("--token-file <path>", 'static bearer tokens: token,user,uid,"group1,group2" per line')
    .option("--initial-cluster <list>", "founding members: name=host:port,… (peer addresses)")
    .option("--cluster-id <id>", "cluster id (default: derived from --initial-cluster)")
    .option("--join <endpoints>", "client endpoints of a running cluster to join as a new member")
    .option(
      "--heartbeat-interval <ms>",
      "time between leader heartbeats (one Raft tick)",
      integer("--heartbeat-interval", 1),
      defaultMasterOptions.heartbeatIntervalMs,
    )
    .option(
      "--election-timeout <ms>",
      "time without a leader before campaigning",
      integer("--election-timeout", 1),
      defaultMasterOptions.electionTimeoutMs,
    )
    .option(
      "--snapshot-count <n>",
      "applied entries between automatic snapshots",
      integer("--snapshot-count", 1),
      defaultMasterOptions.snapshotCount,
    )
    .option(
      "--snapshot-catchup-entries <n>",
      "log entries kept behind a snapshot for slow followers",
      integer("--snapshot-catchup-entries", 0),
      defaultMasterOptions.snapshotCatchUpEntries,
    )
    .option("--log-level <level>", "trace, debug, info, warn, error", defaultMasterOptions.logLevel)
    .option("--log-file <path>", "write logs to this file instead of stderr")
    .option(
      "--auto-compaction-mode <mode>",
      "how the leader bounds history: revision (keep the last N revisions), periodic (keep a time window), off",
      defaultMasterOptions.autoCompactionMode,
    )
    .option(
      "--auto-compaction-retention <n|duration>",
      "revisions to keep (revision mode) or a window like 5m, 1h (periodic mode)",
      defaultMasterOptions.autoCompactionRetention,
    )
    .action((flags: MasterFlags) => run(flags));
}

/** `--store etcd://…`: relay the store API to an external etcd until SIGTERM/SIGINT. */
async function runOnEtcd(flags: MasterFlags): Promise<void> {
  let master: Awaited<ReturnType<typeof startExternalStoreMaster>>;
  try {
    master = await startExternalStoreMaster({
      name: flags.name,
      etcdEndpoints: parseEtcdStore(flags.store),
      clientListen: stripScheme(flags.clientListen),
      metricsListen: flags.metricsListen === undefined ? null : stripScheme(flags.metricsListen),
      logLevel: flags.logLevel,
      logFile: flags.logFile ?? null,
    });
  } catch (err) {
    process.stderr.write(`tskube master: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const controlPlane = startApi(flags, master.logger);
  const exit = async () => {
    await (await controlPlane)?.close();
    await master.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void exit());
  process.on("SIGINT", () => void exit());
}
