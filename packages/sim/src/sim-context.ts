import type { HistoryRecorder, KvInput, KvOutput } from "@tskube/linearizability";
import type { ConfChange, NodeId, Ready } from "@tskube/raft";
import type { EventQueue } from "./event-queue.js";
import type { Invariants } from "./invariants.js";
import type { Rng } from "./rng.js";
import type { DiskFaults } from "./sim-disk.js";
import type { SimNetwork } from "./sim-network.js";
import type { SimHost } from "./sim-node.js";
import type { SimParams } from "./sim-params.js";
import type { SimStats } from "./sim-stats.js";

/** Deliberate bugs, to show the checks are not vacuous; a normal run has none. */
export interface HarnessFaults extends DiskFaults {
  /** Serve gets from the local state at once, without ReadIndex (stale reads become possible). */
  readonly localReads?: boolean;
  /** Node n1 skips applying one write to its MVCC store (its replica silently diverges). */
  readonly skipMvccApply?: boolean;
}

/** The world shared by hosts, clients and the fault drivers of one run. */
export interface SimContext {
  readonly queue: EventQueue;
  readonly rng: Rng;
  readonly network: SimNetwork;
  readonly invariants: Invariants;
  readonly params: SimParams;
  readonly stats: SimStats;
  readonly faults: HarnessFaults;
  readonly recorder: HistoryRecorder<KvInput, KvOutput>;
  readonly tracing: boolean;
  trace(line: () => string): void;
  /** A safety violation (or a crash of the core); the run stops after the first one. */
  violation(text: string): void;
  /** A host applied a client command (for the final-phase progress probe). */
  commandApplied(by: NodeId, id: string, index: number): void;
  /** A host applied a membership change (the entry at `index`). */
  confChangeApplied(by: NodeId, cc: ConfChange, index: number): void;
  /** A host finished a Ready (persisted, sent, applied): a chance to crash it at this exact point. */
  persisted(host: SimHost, rd: Ready): void;
}
