// The node heartbeat: a Lease in kube-node-lease renewed every 10 s (kubelet's NodeLease), owned by the Node so
// it goes with it.
import { ApiError, type ObjectClient } from "@tskube/api/client";
import type { Lease } from "kubernetes-types/coordination/v1.js";
import type { AgentLogger } from "./logger.js";

export const NODE_LEASE_NAMESPACE = "kube-node-lease";

/** Kubernetes' MicroTime: RFC 3339 with microseconds. */
export function microTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

export class NodeLease {
  private lease: Lease | undefined;

  constructor(
    private readonly client: ObjectClient,
    private readonly nodeName: string,
    private readonly durationSeconds: number,
    private readonly log: AgentLogger,
  ) {}

  /** One renewal; creates the Lease when missing. Errors are logged, the next tick tries again. */
  async renew(nodeUid: string | undefined, now = new Date()): Promise<boolean> {
    try {
      this.lease ??= await this.fetch();
      if (this.lease === undefined) {
        this.lease = await this.client.create("leases", this.fresh(nodeUid, now));
        return true;
      }
      const next: Lease = {
        ...this.lease,
        spec: {
          ...this.lease.spec,
          holderIdentity: this.nodeName,
          leaseDurationSeconds: this.durationSeconds,
          renewTime: microTime(now),
        },
      };
      this.lease = await this.client.update("leases", next);
      return true;
    } catch (err) {
      // A conflict or a vanished lease: read it again next time.
      this.lease = undefined;
      this.log.warn({ err: (err as Error).message }, "node lease renewal failed");
      return false;
    }
  }

  private async fetch(): Promise<Lease | undefined> {
    try {
      return await this.client.get("leases", { namespace: NODE_LEASE_NAMESPACE, name: this.nodeName });
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) return undefined;
      throw err;
    }
  }

  private fresh(nodeUid: string | undefined, now: Date): Lease {
    return {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: {
        name: this.nodeName,
        namespace: NODE_LEASE_NAMESPACE,
        ...(nodeUid === undefined
          ? {}
          : { ownerReferences: [{ apiVersion: "v1", kind: "Node", name: this.nodeName, uid: nodeUid }] }),
      },
      spec: {
        holderIdentity: this.nodeName,
        leaseDurationSeconds: this.durationSeconds,
        renewTime: microTime(now),
      },
    };
  }
}
