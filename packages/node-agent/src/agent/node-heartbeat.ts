// The node's side of the API: its Node object (registered, status reported when it changes or is due), its
// Lease (renewed every 10 s), and kubelet's NodeReady / NodeNotReady events when readiness changes.
import type { ObjectClient } from "@tskube/api/client";
import type { Node } from "kubernetes-types/core/v1.js";
import type { AgentOptions } from "./agent-options.js";
import type { EventRecorder } from "./event-recorder.js";
import { hostFacts } from "./host-facts.js";
import type { AgentLogger } from "./logger.js";
import { NodeLease } from "./node-lease.js";
import { NodeRegistration } from "./node-registration.js";
import type { NodeFacts } from "./node-status.js";

const STATUS_CHECK_MS = 10_000;

/** What the heartbeat needs to know about dockerd. */
export interface RuntimeHealth {
  readonly healthy: boolean;
  /** e.g. docker://20.10.24 */
  readonly version: string;
}

export class NodeHeartbeat {
  node: Node | undefined;
  events: EventRecorder | undefined;
  private readonly host = hostFacts();
  private readonly registration: NodeRegistration;
  private readonly lease: NodeLease;
  private wasReady: boolean | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly client: ObjectClient,
    private readonly o: AgentOptions,
    private readonly agentPort: number,
    private readonly runtime: RuntimeHealth,
    private readonly log: AgentLogger,
  ) {
    this.registration = new NodeRegistration(client, o.nodeName, o.nodeStatusReportMs, log);
    this.lease = new NodeLease(client, o.nodeName, o.leaseDurationSeconds, log.child({ part: "lease" }));
  }

  /** Registers the Node and waits until the masters gave it a pod range; returns the Node. */
  async register(): Promise<Node> {
    this.node = await this.registration.register(this.facts());
    for (let attempt = 0; !this.node.spec?.podCIDR; attempt++) {
      if (attempt === 5) this.log.warn({}, "waiting for the masters to assign this node a pod CIDR");
      await new Promise((r) => setTimeout(r, 1000));
      this.node = await this.client.get("nodes", { name: this.o.nodeName });
    }
    return this.node;
  }

  /** First lease renewal and status report, then both on their timers. */
  async start(): Promise<void> {
    await this.lease.renew(this.node?.metadata?.uid);
    await this.report();
    this.timers.push(
      setInterval(() => void this.lease.renew(this.node?.metadata?.uid), this.o.leaseRenewMs),
      setInterval(() => void this.report(), STATUS_CHECK_MS),
    );
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
  }

  facts(): NodeFacts {
    const podCIDR = this.node?.spec?.podCIDR;
    const notReady = !this.runtime.healthy
      ? "container runtime is down"
      : podCIDR === undefined || podCIDR === ""
        ? "network plugin not ready: the node has no pod CIDR yet"
        : undefined;
    return {
      ...this.host,
      nodeName: this.o.nodeName,
      nodeIP: this.o.nodeIP,
      agentPort: this.agentPort,
      runtimeVersion: this.runtime.version,
      ...(notReady === undefined ? {} : { notReady }),
    };
  }

  async report(): Promise<void> {
    const f = this.facts();
    await this.registration.report(f);
    this.node = this.registration.node ?? this.node;
    const ready = f.notReady === undefined;
    if (this.wasReady !== undefined && ready !== this.wasReady && this.node !== undefined) {
      const state = ready ? "NodeReady" : "NodeNotReady";
      this.events?.node(this.node.metadata?.uid ?? "", {
        type: ready ? "Normal" : "Warning",
        reason: state,
        message: `Node ${this.o.nodeName} status is now: ${state}${ready ? "" : ` (${f.notReady})`}`,
      });
    }
    this.wasReady = ready;
  }
}
