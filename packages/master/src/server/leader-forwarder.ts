import * as grpc from "@grpc/grpc-js";
import type { NodeId } from "@tskube/raft";
import { stripScheme } from "../config.js";
import { MasterError } from "../errors.js";
import type { LeaseClient } from "../generated/etcdserverpb/Lease.js";
import type { LeaseKeepAliveResponse__Output } from "../generated/etcdserverpb/LeaseKeepAliveResponse.js";
import type { LeaseTimeToLiveResponse__Output } from "../generated/etcdserverpb/LeaseTimeToLiveResponse.js";
import { CHANNEL_OPTIONS, loadStoreProtos } from "../grpc/protos.js";

/**
 * Lease clocks live on the leader only, so a follower relays keep-alives and TTL queries to the leader's
 * client address (learned from the member directory each member publishes through the log).
 */
export class LeaderForwarder {
  private readonly clients = new Map<string, LeaseClient>();

  constructor(
    private readonly leader: () => NodeId | null,
    private readonly clientUrls: (name: NodeId) => readonly string[],
    private readonly deadlineMs: number,
  ) {}

  keepAlive(id: string): Promise<LeaseKeepAliveResponse__Output> {
    const client = this.client();
    return new Promise((resolve, reject) => {
      const stream = client.LeaseKeepAlive({ deadline: Date.now() + this.deadlineMs });
      let done = false;
      stream.on("data", (r: LeaseKeepAliveResponse__Output) => {
        done = true;
        resolve(r);
        stream.cancel();
      });
      stream.on("error", (err: grpc.ServiceError) => {
        if (!done) reject(relayed(err));
      });
      stream.on("end", () => {
        if (!done) reject(new MasterError("Unavailable", "leader ended the keep-alive stream"));
      });
      stream.write({ ID: id });
    });
  }

  timeToLive(id: string, keys: boolean): Promise<LeaseTimeToLiveResponse__Output> {
    const client = this.client();
    return new Promise((resolve, reject) => {
      client.LeaseTimeToLive({ ID: id, keys }, { deadline: Date.now() + this.deadlineMs }, (err, r) => {
        if (err !== null || r === undefined) reject(relayed(err));
        else resolve(r);
      });
    });
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private client(): LeaseClient {
    const leader = this.leader();
    if (leader === null) throw new MasterError("Unavailable", "no leader");
    const url = this.clientUrls(leader)[0];
    if (url === undefined) {
      throw new MasterError("Unavailable", `the client address of leader ${leader} is not known yet`);
    }
    const address = stripScheme(url);
    let c = this.clients.get(address);
    if (c === undefined) {
      c = new (loadStoreProtos().etcdserverpb.Lease)(
        address,
        grpc.credentials.createInsecure(),
        CHANNEL_OPTIONS,
      );
      this.clients.set(address, c);
    }
    return c;
  }
}

/** The leader's own status passes through; a failure to reach it says the lease service is unavailable. */
function relayed(err: grpc.ServiceError | null): Error {
  if (err !== null && err.code !== grpc.status.UNAVAILABLE && err.code !== grpc.status.DEADLINE_EXCEEDED) {
    return err;
  }
  return new MasterError("Unavailable", `leader unreachable: ${err?.details ?? "no answer"}`);
}
