import { EtcdAdapter, etcdHealthy } from "./conformance/etcd-adapter.js";
import { type EtcdCluster, startEtcdCluster } from "./conformance/etcd-fixture.js";
import { MvccAdapter } from "./conformance/mvcc-adapter.js";
import type { StoreUnderTest } from "./conformance/store-under-test.js";
import { type Backend, defineConformanceSuite } from "./conformance/suite.js";

// The store conformance suite (docs/store.md "Conformance"): identical assertions against a real 3-member
// etcd 3.4 cluster on loopback and against the in-process MvccStore. etcd is the reference.

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

defineConformanceSuite([etcdBackend, mvccBackend]);
