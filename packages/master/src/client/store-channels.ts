import * as grpc from "@grpc/grpc-js";
import type { ClusterClient } from "../generated/etcdserverpb/Cluster.js";
import type { KVClient } from "../generated/etcdserverpb/KV.js";
import type { LeaseClient } from "../generated/etcdserverpb/Lease.js";
import type { MaintenanceClient } from "../generated/etcdserverpb/Maintenance.js";
import type { WatchClient } from "../generated/etcdserverpb/Watch.js";
import { CHANNEL_OPTIONS, loadStoreProtos } from "../grpc/protos.js";
import { EndpointSet } from "./call.js";

/** The store services of one endpoint, all on that endpoint's one channel. */
export interface StoreStubs {
  readonly kv: KVClient;
  readonly watch: WatchClient;
  readonly lease: LeaseClient;
  readonly cluster: ClusterClient;
  readonly maintenance: MaintenanceClient;
}

/**
 * Results (a large range, a snapshot chunk) may exceed grpc-js's 4 MiB receive default; requests are
 * not limited here, so an oversized one reaches the server and gets the server's own, precise error.
 */
const STORE_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  ...CHANNEL_OPTIONS,
  "grpc.max_receive_message_length": 256 * 1024 * 1024,
};

/** One grpc channel per endpoint, created on first use; the service stubs share it. */
export class StoreChannels {
  private readonly set: EndpointSet<grpc.Client>;
  private readonly stubs = new Map<string, StoreStubs>();

  constructor(endpoints: readonly string[] | string) {
    this.set = new EndpointSet(
      endpoints,
      (address) => new grpc.Client(address, grpc.credentials.createInsecure(), STORE_CHANNEL_OPTIONS),
    );
  }

  get endpoints(): readonly string[] {
    return this.set.endpoints;
  }

  /** Endpoints in try order, starting at index `first`. */
  order(first: number): string[] {
    return this.set.order(first);
  }

  for(endpoint: string): StoreStubs {
    let s = this.stubs.get(endpoint);
    if (s === undefined) {
      const channelOverride = this.set.client(endpoint).getChannel();
      const p = loadStoreProtos().etcdserverpb;
      const creds = grpc.credentials.createInsecure();
      s = {
        kv: new p.KV(endpoint, creds, { channelOverride }),
        watch: new p.Watch(endpoint, creds, { channelOverride }),
        lease: new p.Lease(endpoint, creds, { channelOverride }),
        cluster: new p.Cluster(endpoint, creds, { channelOverride }),
        maintenance: new p.Maintenance(endpoint, creds, { channelOverride }),
      };
      this.stubs.set(endpoint, s);
    }
    return s;
  }

  close(): void {
    this.stubs.clear();
    this.set.close();
  }
}
