import type * as grpc from "@grpc/grpc-js";
import type { ClusterClient as GeneratedClusterClient } from "../generated/cluster/v1/Cluster.js";
import type { Member__Output } from "../generated/cluster/v1/Member.js";
import type { MemberAddResponse__Output } from "../generated/cluster/v1/MemberAddResponse.js";
import type { MemberListResponse__Output } from "../generated/cluster/v1/MemberListResponse.js";
import type { MemberPromoteResponse__Output } from "../generated/cluster/v1/MemberPromoteResponse.js";
import type { MemberRemoveResponse__Output } from "../generated/cluster/v1/MemberRemoveResponse.js";
import type { StatusResponse__Output } from "../generated/cluster/v1/StatusResponse.js";
import type { TransferLeaderResponse__Output } from "../generated/cluster/v1/TransferLeaderResponse.js";
import {
  type Callback,
  CallError,
  clusterClientFactory,
  EndpointSet,
  isRetryableElsewhere,
  unaryCall,
} from "./call.js";

export type MemberInfo = Member__Output;
export type MemberStatusInfo = StatusResponse__Output;

/**
 * Typed client of cluster.v1.Cluster. Membership changes run on the leader: the client tries each
 * endpoint until one accepts (followers answer UNAVAILABLE "not the leader"; the changes are idempotent).
 */
export class ClusterClient {
  private readonly set: EndpointSet<GeneratedClusterClient>;
  private readonly deadlineMs: number;

  constructor(endpoints: readonly string[] | string, options: { deadlineMs?: number } = {}) {
    this.set = new EndpointSet(endpoints, clusterClientFactory);
    this.deadlineMs = options.deadlineMs ?? 5000;
  }

  get endpoints(): readonly string[] {
    return this.set.endpoints;
  }

  memberList(options: { deadlineMs?: number } = {}): Promise<MemberListResponse__Output> {
    return this.anyEndpoint(options.deadlineMs, (c, o, cb) => c.MemberList({}, o, cb));
  }

  /** Status of one member (the first endpoint unless `endpoint` names one). */
  status(endpoint?: string, options: { deadlineMs?: number } = {}): Promise<StatusResponse__Output> {
    const target = endpoint ?? (this.set.endpoints[0] as string);
    return unaryCall(target, options.deadlineMs ?? this.deadlineMs, (o, cb) =>
      this.set.client(target).Status({}, o, cb),
    );
  }

  memberAdd(
    name: string,
    peerUrl: string,
    options: { deadlineMs?: number } = {},
  ): Promise<MemberAddResponse__Output> {
    return this.anyEndpoint(options.deadlineMs, (c, o, cb) => c.MemberAdd({ name, peerUrl }, o, cb));
  }

  async memberPromote(name: string, options: { deadlineMs?: number } = {}): Promise<MemberInfo[]> {
    const r = await this.anyEndpoint<MemberPromoteResponse__Output>(options.deadlineMs, (c, o, cb) =>
      c.MemberPromote({ name }, o, cb),
    );
    return r.members;
  }

  async memberRemove(name: string, options: { deadlineMs?: number } = {}): Promise<MemberInfo[]> {
    const r = await this.anyEndpoint<MemberRemoveResponse__Output>(options.deadlineMs, (c, o, cb) =>
      c.MemberRemove({ name }, o, cb),
    );
    return r.members;
  }

  async transferLeader(target: string, options: { deadlineMs?: number } = {}): Promise<string> {
    const r = await this.anyEndpoint<TransferLeaderResponse__Output>(options.deadlineMs, (c, o, cb) =>
      c.TransferLeader({ target }, o, cb),
    );
    return r.leader;
  }

  close(): void {
    this.set.close();
  }

  private async anyEndpoint<T>(
    deadlineMs: number | undefined,
    start: (client: GeneratedClusterClient, options: grpc.CallOptions, callback: Callback<T>) => void,
  ): Promise<T> {
    let last: unknown = new CallError("", 14, "no endpoint tried");
    for (const endpoint of this.set.endpoints) {
      try {
        return await unaryCall<T>(endpoint, deadlineMs ?? this.deadlineMs, (o, cb) =>
          start(this.set.client(endpoint), o, cb),
        );
      } catch (err) {
        last = err;
        if (!isRetryableElsewhere(err)) throw err;
      }
    }
    throw last;
  }
}
