// Round trip of a call that does no Raft work (serializable Range of one key) against a 3-member tskube or
// etcd cluster: the gRPC floor under every put, measured with the same client as write-load.ts.
//   node packages/master/dist/perf/rtt-probe.js --target tskube|etcd [--count 500]
import * as grpc from "@grpc/grpc-js";
import { percentile, round2 } from "../bench/stats.js";
import { findLeader } from "../bench/store-leader.js";
import { StoreLoadClient } from "../bench/store-load.js";
import { stripScheme } from "../config.js";
import { CHANNEL_OPTIONS, loadStoreProtos } from "../grpc/protos.js";
import { LocalEtcdCluster } from "../process/etcd-cluster.js";
import { LocalCluster } from "../process/local-cluster.js";

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const target = argv[argv.indexOf("--target") + 1] === "etcd" ? "etcd" : "tskube";
  const count = argv.includes("--count") ? Number(argv[argv.indexOf("--count") + 1]) : 500;
  let members: { name: string; endpoint: string }[];
  let stop: () => Promise<void>;
  if (target === "etcd") {
    const etcd = await LocalEtcdCluster.start({ size: 3 });
    members = etcd.names().map((name) => ({ name, endpoint: etcd.clientEndpoint(name) }));
    stop = () => etcd.stop();
  } else {
    const cluster = await LocalCluster.start({ size: 3, logLevel: "warn" });
    members = cluster.names().map((name) => ({ name, endpoint: cluster.clientEndpoint(name) }));
    stop = () => cluster.destroy();
  }
  const status = new StoreLoadClient();
  try {
    const leader = await findLeader(status, members);
    const kv = new (loadStoreProtos().etcdserverpb.KV)(
      stripScheme(leader.endpoint),
      grpc.credentials.createInsecure(),
      CHANNEL_OPTIONS,
    );
    // --bad-put: a Put with an empty key, refused by the handler before anything is proposed (the Put
    // path's gRPC cost without Raft); otherwise a serializable Range.
    const badPut = argv.includes("--bad-put");
    const range = (): Promise<void> =>
      new Promise((resolve, reject) => {
        if (badPut)
          kv.Put({ key: Buffer.alloc(0), value: Buffer.alloc(256) }, (err) =>
            err !== null ? resolve() : reject(new Error("accepted")),
          );
        else
          kv.Range({ key: Buffer.from("probe"), serializable: true }, (err) =>
            err === null ? resolve() : reject(err),
          );
      });
    for (let i = 0; i < 50; i++) await range();
    const ms: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await range();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        target,
        call: badPut ? "put with empty key" : "serializable range",
        calls: count,
        p50Ms: round2(percentile(ms, 50)),
        p99Ms: round2(percentile(ms, 99)),
      }),
    );
    kv.close();
  } finally {
    status.close();
    await stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
