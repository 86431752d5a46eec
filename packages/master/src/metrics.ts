import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** The master's Prometheus metrics, one registry per process (tests may run several masters in one). */
export class MasterMetrics {
  readonly registry = new Registry();
  readonly term = this.gauge("tskube_raft_term", "Current Raft term.");
  readonly commit = this.gauge("tskube_raft_commit_index", "Highest log index known to be committed.");
  readonly applied = this.gauge(
    "tskube_raft_applied_index",
    "Highest log index applied to the state machine.",
  );
  readonly isLeader = this.gauge("tskube_raft_is_leader", "1 if this member is the leader, else 0.");
  readonly hasLeader = this.gauge("tskube_raft_has_leader", "1 if a leader is known, else 0.");
  readonly leaderChanges = this.counter(
    "tskube_raft_leader_changes_total",
    "Leader changes seen by this member.",
  );
  readonly proposals = this.counter("tskube_raft_proposals_total", "Proposals made on this member.");
  readonly proposalsFailed = this.counter(
    "tskube_raft_proposals_failed_total",
    "Proposals that were dropped or timed out on this member.",
  );
  readonly snapshotsInstalled = this.counter(
    "tskube_raft_snapshots_installed_total",
    "Snapshots received from the leader and installed.",
  );
  readonly snapshotsTaken = this.counter("tskube_raft_snapshots_taken_total", "Automatic local snapshots.");
  readonly snapshotsSent = new Counter({
    name: "tskube_raft_snapshots_sent_total",
    help: "Snapshots streamed to peers, by result.",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });
  readonly peerSendFailures = new Counter({
    name: "tskube_raft_peer_send_failures_total",
    help: "Peer streams that broke or could not be opened, by peer.",
    labelNames: ["peer"] as const,
    registers: [this.registry],
  });
  readonly peerMessagesDropped = new Counter({
    name: "tskube_raft_peer_messages_dropped_total",
    help: "Messages dropped because a peer's queue was full.",
    labelNames: ["peer"] as const,
    registers: [this.registry],
  });
  readonly peerMessagesRejected = new Counter({
    name: "tskube_raft_peer_messages_rejected_total",
    help: "Incoming peer streams rejected (wrong cluster, unknown member, malformed), by reason.",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  readonly fsyncDuration = new Histogram({
    name: "tskube_raft_fsync_duration_seconds",
    help: "Duration of synced log appends (one per Ready that must sync).",
    buckets: [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1],
    registers: [this.registry],
  });
  readonly applyDuration = new Histogram({
    name: "tskube_raft_apply_duration_seconds",
    help: "Duration of applying one Ready's committed entries.",
    buckets: [0.0001, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128],
    registers: [this.registry],
  });
  readonly readyBatchEntries = new Histogram({
    name: "tskube_raft_ready_entries",
    help: "Entries persisted per Ready (group commit size).",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  private gauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers: [this.registry] });
  }

  private counter(name: string, help: string): Counter {
    return new Counter({ name, help, registers: [this.registry] });
  }
}
