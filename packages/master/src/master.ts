import type { Server as HttpServer } from "node:http";
import * as grpc from "@grpc/grpc-js";
import {
  bootstrapState,
  defaultRaftConfig,
  emptyState,
  type InitialState,
  type NodeId,
  RaftNode,
} from "@tskube/raft";
import { MAX_VALUE_BYTES, MvccStore } from "@tskube/store";
import { CallError } from "./client/call.js";
import { ClusterClient } from "./client/cluster-client.js";
import { AutoCompactor } from "./compaction/auto-compactor.js";
import { deriveClusterId, type MasterOptions, requestTimeoutMs, validateOptions } from "./config.js";
import { MasterError } from "./errors.js";
import { loadProtos, loadStoreProtos } from "./grpc/protos.js";
import { Lessor } from "./lease/lessor.js";
import { createLogger, type Logger } from "./logger.js";
import { clusterIdNumber, memberIdOf } from "./member-id.js";
import { MasterMetrics } from "./metrics.js";
import { startMetricsServer } from "./metrics-server.js";
import { RaftDriver } from "./raft-driver.js";
import { clusterServiceHandlers } from "./server/cluster-service.js";
import { etcdClusterServiceHandlers } from "./server/etcd-cluster-service.js";
import { kvServiceHandlers } from "./server/kv-service.js";
import { LeaderForwarder } from "./server/leader-forwarder.js";
import { leaseServiceHandlers } from "./server/lease-service.js";
import { maintenanceServiceHandlers } from "./server/maintenance-service.js";
import type { StoreContext } from "./server/store-context.js";
import { watchServiceHandlers } from "./server/watch-service.js";
import { StoreHousekeeping } from "./state-machine/store-housekeeping.js";
import {
  type AppliedResult,
  encodeStateSnapshot,
  StoreStateMachine,
} from "./state-machine/store-state-machine.js";
import { RaftStorage, StorageError } from "./storage/index.js";
import { PeerTransport } from "./transport/peer-transport.js";
import {
  GRPC_RECEIVE_LIMIT_BYTES,
  raftServiceDefinition,
  raftServiceHandlers,
} from "./transport/raft-service.js";

/** Why a master stopped without being asked to. */
export type StopReason = { readonly reason: "removed" } | { readonly reason: "fatal"; readonly error: Error };

export interface Master {
  readonly name: string;
  readonly clusterId: string;
  readonly driver: RaftDriver<AppliedResult>;
  readonly stateMachine: StoreStateMachine;
  readonly metrics: MasterMetrics;
  readonly logger: Logger;
  /** Resolves when the member stops on its own: removed from the cluster, or the Raft loop failed. */
  readonly stopped: Promise<StopReason>;
  close(): Promise<void>;
}

export interface MasterDeps {
  readonly logger?: Logger;
  readonly metrics?: MasterMetrics;
  readonly random?: () => number;
}

/** Learners within this many entries of the leader's commit index count as caught up. */
const PROMOTE_MAX_LAG = 100;

/** Starts a master: opens (or initializes) the data dir, starts Raft, the peer and client services. */
export async function startMaster(options: MasterOptions, deps: MasterDeps = {}): Promise<Master> {
  validateOptions(options);
  const logger =
    deps.logger ?? createLogger({ name: options.name, level: options.logLevel, file: options.logFile });
  const metrics = deps.metrics ?? new MasterMetrics();
  const random = deps.random ?? Math.random;
  // grpc-js writes its own errors (e.g. a failed bind) to stderr; keep stderr for our one-line messages.
  grpc.setLogger({
    error: (...args: unknown[]) => logger.debug({ grpc: args.map(String).join(" ") }, "grpc-js"),
  });
  const storage = await RaftStorage.open(options.dataDir).catch((err: unknown) => {
    throw inDataDir(err, options.dataDir);
  });
  const cleanups: Array<() => Promise<void> | void> = [() => storage.close()];
  const cleanup = async (): Promise<void> => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    const { clusterId, initial, seedMembers } = await openIdentity(options, storage, logger);
    const stateMachine = new StoreStateMachine();
    stateMachine.restore(initial.snapshot.data);
    if (seedMembers !== null) stateMachine.learnAddresses(seedMembers);

    const snapshotIndex = initial.snapshot.metadata.index;
    const electionTick = Math.max(2, Math.round(options.electionTimeoutMs / options.heartbeatIntervalMs));
    const node = new RaftNode(
      {
        ...defaultRaftConfig(options.name, random),
        electionTick,
        heartbeatTick: 1,
        snapshotCatchUpEntries: options.snapshotCatchUpEntries,
      },
      // The store lives in memory: after a restart every committed entry after the snapshot is re-applied.
      { ...initial, applied: snapshotIndex },
    );

    let driverRef: RaftDriver | null = null;
    const transport = new PeerTransport({
      selfId: options.name,
      clusterId,
      logger,
      metrics,
      random,
      onUnreachable: (peer) => driverRef?.reportUnreachable(peer),
      onSnapshotStatus: (peer, ok) => driverRef?.reportSnapshot(peer, ok),
    });
    cleanups.push(() => transport.close());

    let stop: (reason: StopReason) => void = () => {};
    const stopped = new Promise<StopReason>((resolve) => (stop = resolve));
    const lessor = new Lessor({ now: () => performance.now() });
    const compactor = new AutoCompactor(options.autoCompaction);
    stateMachine.onStoreApplied = (result) => {
      if (!result.ok) return;
      const r = result.response;
      if (r.type === "leaseGrant") lessor.granted(r.id, r.ttl);
      else if (r.type === "leaseRevoke") lessor.revoked(r.id);
    };
    const driver = new RaftDriver<AppliedResult>({
      selfId: options.name,
      node,
      storage,
      stateMachine,
      transport,
      logger,
      metrics,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      electionTimeoutMs: options.electionTimeoutMs,
      snapshotCount: options.snapshotCount,
      requestTimeoutMs: requestTimeoutMs(options.electionTimeoutMs),
      snapshotIndex,
      // Linger two heartbeats so the leader's commit of our removal reaches the remaining members.
      onRemoved: () => setTimeout(() => stop({ reason: "removed" }), 2 * options.heartbeatIntervalMs),
      onFatal: (error) => stop({ reason: "fatal", error }),
      onLeadershipChange: (role) => {
        if (role === "leader") {
          lessor.promote(stateMachine.store.leases());
          compactor.reset();
        } else lessor.demote();
      },
    });
    driverRef = driver;
    cleanups.push(() => driver.close());
    transport.setPeers(stateMachine.members);

    const peerServer = new grpc.Server({
      "grpc.max_receive_message_length": GRPC_RECEIVE_LIMIT_BYTES,
    });
    peerServer.addService(
      raftServiceDefinition(),
      raftServiceHandlers(
        {
          clusterId,
          selfId: options.name,
          isKnownMember: (id: NodeId) => stateMachine.members.has(id),
          step: (m) => driver.step(m),
        },
        logger,
        metrics,
      ),
    );
    cleanups.push(() => peerServer.forceShutdown());
    await bind(peerServer, options.peerListen, "--peer-listen");

    const protos = loadProtos();
    const storeProtos = loadStoreProtos().etcdserverpb;
    const forwarder = new LeaderForwarder(
      () => driver.leaderId,
      (name) => stateMachine.clientUrls(name),
      Math.max(1000, options.electionTimeoutMs),
    );
    cleanups.push(() => forwarder.close());
    const storeContext: StoreContext & { promoteMaxLag: number } = {
      selfId: options.name,
      clusterIdNumber: clusterIdNumber(clusterId),
      memberIdNumber: memberIdOf(options.name),
      driver,
      stateMachine,
      lessor,
      forwarder,
      minLeaseTtl: Math.ceil((1.5 * options.electionTimeoutMs) / 1000),
      progressNotifyIntervalMs: 10 * 60 * 1000,
      promoteMaxLag: PROMOTE_MAX_LAG,
    };
    // etcd accepts requests up to its 1.5 MiB limit plus 512 KiB of gRPC overhead; the limit check names the problem.
    const clientServer = new grpc.Server({ "grpc.max_receive_message_length": MAX_VALUE_BYTES + 512 * 1024 });
    clientServer.addService(storeProtos.KV.service, kvServiceHandlers(storeContext));
    clientServer.addService(storeProtos.Watch.service, watchServiceHandlers(storeContext));
    clientServer.addService(storeProtos.Lease.service, leaseServiceHandlers(storeContext));
    clientServer.addService(storeProtos.Cluster.service, etcdClusterServiceHandlers(storeContext));
    clientServer.addService(storeProtos.Maintenance.service, maintenanceServiceHandlers(storeContext));
    clientServer.addService(
      protos.cluster.v1.Cluster.service,
      clusterServiceHandlers({
        clusterId,
        selfId: options.name,
        driver,
        stateMachine,
        promoteMaxLag: PROMOTE_MAX_LAG,
      }),
    );
    cleanups.push(() => clientServer.forceShutdown());
    await bind(clientServer, options.clientListen, "--client-listen");

    let metricsServer: HttpServer | null = null;
    if (options.metricsListen !== null) {
      metricsServer = await startMetricsServer(options.metricsListen, metrics.registry);
      const server = metricsServer;
      cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    }

    driver.start();
    const housekeeping = new StoreHousekeeping({
      selfId: options.name,
      clientUrl: `http://${options.clientListen}`,
      driver,
      stateMachine,
      lessor,
      compactor,
      intervalMs: options.heartbeatIntervalMs,
      logger,
    });
    housekeeping.start();
    cleanups.push(() => housekeeping.stop());
    logger.info(
      {
        clusterId,
        peerListen: options.peerListen,
        clientListen: options.clientListen,
        metricsListen: options.metricsListen,
        members: Object.fromEntries(stateMachine.members),
        snapshotIndex,
        entries: initial.entries.length,
      },
      "master started",
    );

    let closed = false;
    const promotion =
      options.join.length > 0 ? promoteWhenCaughtUp(options, driver, logger, () => closed) : null;

    return {
      name: options.name,
      clusterId,
      driver,
      stateMachine,
      metrics,
      logger,
      stopped,
      close: async () => {
        if (closed) return;
        closed = true;
        logger.info("master stopping");
        await promotion;
        await cleanup();
        logger.info("master stopped");
      },
    };
  } catch (err) {
    await cleanup();
    throw inDataDir(err, options.dataDir);
  }
}

/** Storage errors name a record; the operator also needs to know which data dir holds it. */
function inDataDir(err: unknown, dir: string): unknown {
  if (!(err instanceof StorageError) || err.message.includes(dir)) return err;
  return new StorageError(err.code, `data dir ${dir}: ${err.message}`, { cause: err });
}

function bind(server: grpc.Server, address: string, flag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, port) => {
      if (err !== null) reject(new MasterError("InvalidConfig", `${flag} ${address}: ${err.message}`));
      else resolve(port);
    });
  });
}

interface Opened {
  readonly clusterId: string;
  readonly initial: InitialState;
  /** Peer addresses learned from the running cluster (a joining member), or null. */
  readonly seedMembers: ReadonlyMap<NodeId, string> | null;
}

/** First start: found or join a cluster and record the identity. Restart: check the identity and load. */
async function openIdentity(options: MasterOptions, storage: RaftStorage, logger: Logger): Promise<Opened> {
  const identity = storage.identity();
  if (identity !== null) {
    const expected =
      options.clusterId ??
      (options.join.length === 0 && options.initialCluster.size > 0
        ? deriveClusterId(options.initialCluster)
        : identity.clusterId);
    storage.checkIdentity({ clusterId: expected, memberId: options.name });
    const initial = await storage.load();
    let seedMembers: Map<NodeId, string> | null = null;
    if (initial.snapshot.metadata.index === 0 && options.join.length > 0) {
      // Restarted before the first snapshot arrived: the address book is still empty, ask the cluster again.
      seedMembers = await fetchMembers(options.join);
    }
    logger.info({ clusterId: identity.clusterId }, "restarting from the data dir");
    return { clusterId: identity.clusterId, initial, seedMembers };
  }
  if (options.join.length > 0) {
    const response = await addSelfAsLearner(options, logger);
    if (options.clusterId !== null && options.clusterId !== response.clusterId) {
      throw new MasterError(
        "InvalidConfig",
        `--cluster-id ${options.clusterId} does not match the cluster at --join (${response.clusterId})`,
      );
    }
    const initial = emptyState();
    await storage.initialize({ clusterId: response.clusterId, memberId: options.name }, initial);
    return { clusterId: response.clusterId, initial, seedMembers: response.members };
  }
  if (options.initialCluster.size === 0) {
    throw new MasterError(
      "InvalidConfig",
      "a new member needs --initial-cluster (to found a cluster) or --join",
    );
  }
  const clusterId = options.clusterId ?? deriveClusterId(options.initialCluster);
  const initial = bootstrapState(
    [...options.initialCluster.keys()],
    encodeStateSnapshot(new MvccStore(), options.initialCluster),
  );
  await storage.initialize({ clusterId, memberId: options.name }, initial);
  logger.info(
    { clusterId, members: Object.fromEntries(options.initialCluster) },
    "bootstrapped a new cluster",
  );
  return { clusterId, initial, seedMembers: null };
}

async function fetchMembers(endpoints: readonly string[]): Promise<Map<NodeId, string>> {
  const client = new ClusterClient(endpoints);
  try {
    const list = await client.memberList();
    return new Map(list.members.map((m) => [m.name, m.peerUrl]));
  } finally {
    client.close();
  }
}

async function addSelfAsLearner(
  options: MasterOptions,
  logger: Logger,
): Promise<{ clusterId: string; members: Map<NodeId, string> }> {
  const client = new ClusterClient(options.join);
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      try {
        const r = await client.memberAdd(options.name, options.peerListen);
        logger.info(
          { clusterId: r.clusterId, members: r.members.map((m) => m.name) },
          "added to the cluster as a learner",
        );
        return { clusterId: r.clusterId, members: new Map(r.members.map((m) => [m.name, m.peerUrl])) };
      } catch (err) {
        // A leader election in progress is worth waiting for; anything else is the operator's to fix.
        if (!(err instanceof CallError) || err.code !== grpc.status.UNAVAILABLE || Date.now() > deadline) {
          throw new MasterError(
            "InvalidConfig",
            `joining via ${options.join.join(",")} failed: ${(err as Error).message}`,
          );
        }
        await sleep(200);
      }
    }
  } finally {
    client.close();
  }
}

/** A learner asks the leader for promotion until it is a voter (the leader refuses while it lags). */
async function promoteWhenCaughtUp(
  options: MasterOptions,
  driver: RaftDriver,
  logger: Logger,
  closed: () => boolean,
): Promise<void> {
  const client = new ClusterClient(options.join, { deadlineMs: 3000 });
  try {
    while (!closed()) {
      await sleep(300);
      if (closed() || driver.wasRemoved) return;
      const status = driver.status();
      if (status.raft.confState.voters.includes(options.name)) {
        logger.info("this member is a voter");
        return;
      }
      if (status.applied === 0 || !status.raft.confState.learners.includes(options.name)) continue;
      try {
        await client.memberPromote(options.name);
        logger.info("promoted to voter");
        return;
      } catch (err) {
        logger.debug({ error: (err as Error).message }, "promotion not granted yet");
      }
    }
  } finally {
    client.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
