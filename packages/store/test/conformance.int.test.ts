import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freeLoopbackPorts, LocalCluster } from "@tskube/master";
import { ensureBuilt } from "../../master/test/helpers/build.js";
import { ClientAdapter, storeHealthy } from "./conformance/client-adapter.js";
import { EtcdAdapter, etcdHealthy } from "./conformance/etcd-adapter.js";
import { type EtcdCluster, startEtcdCluster } from "./conformance/etcd-fixture.js";
import { MvccAdapter } from "./conformance/mvcc-adapter.js";
import type { StoreUnderTest } from "./conformance/store-under-test.js";
import { type Backend, defineConformanceSuite } from "./conformance/suite.js";

// The store conformance suite (docs/store.md "Conformance"): identical assertions against a real 3-member
// etcd 3.4 cluster on loopback (through npm etcd3, and through tskube's own StoreClient), against the
// in-process MvccStore, and against 3 tskube masters over gRPC. etcd is the reference.

let cluster: EtcdCluster | undefined;
let etcd: StoreUnderTest | undefined;
const etcdBackend: Backend = {
  name: "etcd",
  async start() {
    cluster = await startEtcdCluster(3, etcdHealthy);
    etcd = new EtcdAdapter(cluster.clientUrls[0]!);
    return etcd;
  },
  async stop() {
    try {
      await etcd?.close();
    } finally {
      await cluster?.stop();
    }
  },
};

let mvcc: StoreUnderTest | undefined;
const mvccBackend: Backend = {
  name: "mvcc",
  async start() {
    mvcc = new MvccAdapter();
    return mvcc;
  },
  async stop() {
    await mvcc?.close();
  },
};

// tskube's StoreClient against a real etcd: proves the client (and the adapter) on the reference.
let clientCluster: EtcdCluster | undefined;
let etcdClient: StoreUnderTest | undefined;
const etcdClientBackend: Backend = {
  name: "etcd-client",
  async start() {
    clientCluster = await startEtcdCluster(3, storeHealthy);
    etcdClient = new ClientAdapter("etcd-client", clientCluster.clientUrls);
    return etcdClient;
  },
  async stop() {
    try {
      await etcdClient?.close();
    } finally {
      await clientCluster?.stop();
    }
  },
};

// The same client against 3 tskube masters (packages/master): the server under test.
let masters: LocalCluster | undefined;
let tskube: StoreUnderTest | undefined;
const tskubeBackend: Backend = {
  name: "tskube",
  async start() {
    // The masters run the built bin/tskube.js.
    ensureBuilt();
    masters = await LocalCluster.start({ size: 3, heartbeatIntervalMs: 100, electionTimeoutMs: 1000 });
    await masters.waitForLeader();
    tskube = new ClientAdapter("tskube", masters.clientEndpoints());
    return tskube;
  },
  async stop() {
    try {
      await tskube?.close();
    } finally {
      await masters?.destroy();
    }
  },
};

// A master with `--store etcd://…` (no Raft of its own: it relays the store API to an external etcd), driven
// by the same client: proves the external-store mode end to end.
const BIN = fileURLToPath(new URL("../../../bin/tskube.js", import.meta.url));
let relayEtcd: EtcdCluster | undefined;
let relayMaster: ChildProcess | undefined;
let relayed: StoreUnderTest | undefined;
const tskubeOnEtcdBackend: Backend = {
  name: "tskube-on-etcd",
  async start() {
    ensureBuilt();
    relayEtcd = await startEtcdCluster(3, storeHealthy);
    const [port] = await freeLoopbackPorts(1);
    const endpoint = `127.0.0.1:${port}`;
    const store = `etcd://${relayEtcd.clientUrls.map((u) => u.replace(/^http:\/\//, "")).join(",")}`;
    relayMaster = spawn(
      process.execPath,
      [
        BIN,
        "master",
        "--name",
        "relay",
        "--store",
        store,
        "--client-listen",
        endpoint,
        // A store-only member: the conformance suite counts revisions, an API server would add its own.
        "--api-listen",
        "none",
        "--grpc-listen",
        "none",
        "--log-level",
        "warn",
      ],
      { stdio: "ignore" },
    );
    const deadline = Date.now() + 20_000;
    while (!(await storeHealthy(endpoint))) {
      if (Date.now() > deadline) throw new Error(`master on etcd at ${endpoint} did not answer within 20 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    relayed = new ClientAdapter("tskube-on-etcd", [endpoint]);
    return relayed;
  },
  async stop() {
    try {
      await relayed?.close();
    } finally {
      if (relayMaster?.pid !== undefined && relayMaster.exitCode === null) relayMaster.kill("SIGTERM");
      await relayEtcd?.stop();
    }
  },
};

defineConformanceSuite([etcdBackend, mvccBackend, etcdClientBackend, tskubeBackend, tskubeOnEtcdBackend]);
