// Registering the Node and reporting its status: kubelet's registerWithAPIServer + updateNodeStatus. The
// status is sent when it changed, and at least every nodeStatusReportMs (the Lease is the frequent heartbeat).
import { ApiError, type ObjectClient } from "@tskube/api/client";
import type { Node, NodeStatus } from "kubernetes-types/core/v1.js";
import type { AgentLogger } from "./logger.js";
import { type NodeFacts, newNode, nodeStatus, nodeStatusChanged } from "./node-status.js";

export class NodeRegistration {
  private reported: NodeStatus | undefined;
  private reportedAt = 0;
  node: Node | undefined;

  constructor(
    private readonly client: ObjectClient,
    private readonly nodeName: string,
    private readonly reportEveryMs: number,
    private readonly log: AgentLogger,
  ) {}

  /** Creates the Node, or takes over the one this node registered before (a restart keeps its podCIDR). */
  async register(facts: NodeFacts): Promise<Node> {
    for (;;) {
      try {
        let node = await this.getNode();
        if (node === undefined) {
          node = await this.client.create("nodes", newNode(facts));
          this.log.info({ podCIDR: node.spec?.podCIDR }, "node registered");
        }
        this.node = node;
        this.reported = node.status;
        return node;
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, "node registration failed; retrying");
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  /** Sends the status when it changed or is due; returns whether it was sent. */
  async report(facts: NodeFacts, now = new Date()): Promise<boolean> {
    const status = nodeStatus(facts, this.reported, now);
    const due = now.getTime() - this.reportedAt >= this.reportEveryMs;
    if (!due && !nodeStatusChanged(this.reported, status)) return false;
    try {
      this.node = await this.client.patch("nodes", {
        name: this.nodeName,
        subresource: "status",
        type: "merge",
        patch: { status },
      });
      this.reported = status;
      this.reportedAt = now.getTime();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) {
        // Deleted under us (kubectl delete node): register again, as kubelet does on its next sync.
        this.log.warn({}, "node object deleted; registering again");
        this.node = undefined;
        await this.register(facts);
        return false;
      }
      this.log.warn({ err: (err as Error).message }, "node status update failed");
      return false;
    }
  }

  private async getNode(): Promise<Node | undefined> {
    try {
      return await this.client.get("nodes", { name: this.nodeName });
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) return undefined;
      throw err;
    }
  }
}
