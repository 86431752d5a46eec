import { LocalCluster } from "@tskube/master";
import { ClientAdapter, storeHealthy } from "./conformance/client-adapter.js";
import { ensureBuilt } from "../../master/test/helpers/build.js";
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

defineConformanceSuite([etcdBackend, mvccBackend, etcdClientBackend, tskubeBackend]);
