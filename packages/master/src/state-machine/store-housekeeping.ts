import type { NodeId } from "@tskube/raft";
import type { AutoCompactor } from "../compaction/auto-compactor.js";
import type { Lessor } from "../lease/lessor.js";
import type { Logger } from "../logger.js";
import type { RaftDriver } from "../raft-driver.js";
import {
  type AppliedResult,
  encodeMemberAttributesEntry,
  encodeStoreEntry,
  type StoreStateMachine,
} from "./store-state-machine.js";

export interface StoreHousekeepingOptions {
  readonly selfId: NodeId;
  /** This member's client URL, published to the member directory. */
  readonly clientUrl: string;
  readonly driver: RaftDriver<AppliedResult>;
  readonly stateMachine: StoreStateMachine;
  readonly lessor: Lessor;
  readonly compactor: AutoCompactor;
  readonly intervalMs: number;
  readonly logger: Logger;
}

/**
 * The store's periodic duties, each proposed as an ordinary log entry: on the leader, revoking expired
 * leases and auto-compaction; on every member, publishing its client URL until the directory shows it.
 */
export class StoreHousekeeping {
  private timer: NodeJS.Timeout | null = null;
  private publishing = false;
  private compacting = false;

  constructor(private readonly o: StoreHousekeepingOptions) {}

  start(): void {
    this.timer = setInterval(() => this.run(), this.o.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private run(): void {
    const { driver } = this.o;
    if (driver.leaderId === null || driver.wasRemoved) return;
    this.publishAttributes();
    if (!driver.isLeader) return;
    for (const id of this.o.lessor.takeExpired()) {
      // Applied (or already gone): the lessor forgets it; not applied: takeExpired offers it again later.
      this.propose((rid) => encodeStoreEntry(rid, { type: "leaseRevoke", id }), "lease expiry", {
        lease: id,
      }).then((applied) => {
        if (applied) this.o.lessor.revoked(id);
      });
    }
    const store = this.o.stateMachine.store;
    const target = this.o.compactor.due(performance.now(), store.revision, store.compactRevision);
    if (target !== null && !this.compacting) {
      this.compacting = true;
      this.propose((rid) => encodeStoreEntry(rid, { type: "compact", revision: target }), "auto-compaction", {
        revision: target,
      }).finally(() => {
        this.compacting = false;
      });
    }
  }

  private publishAttributes(): void {
    const { selfId, clientUrl, stateMachine } = this.o;
    const current = stateMachine.clientUrls(selfId);
    if (this.publishing || !stateMachine.members.has(selfId)) return;
    if (current.length === 1 && current[0] === clientUrl) return;
    this.publishing = true;
    this.propose(
      (rid) => encodeMemberAttributesEntry(rid, selfId, { clientUrls: [clientUrl] }),
      "member attributes",
      { clientUrl },
    ).finally(() => {
      this.publishing = false;
    });
  }

  /** Resolves true once applied (whatever the command's own outcome), false when it was not. */
  private async propose(
    encode: (requestId: string) => Uint8Array,
    what: string,
    detail: object,
  ): Promise<boolean> {
    try {
      await this.o.driver.propose(encode, what);
      this.o.logger.debug(detail, `${what} applied`);
      return true;
    } catch (err) {
      // Retried on a later round (a lost revoke is re-proposed by the lessor; attributes are re-checked).
      this.o.logger.debug({ ...detail, error: (err as Error).message }, `${what} not applied`);
      return false;
    }
  }
}
