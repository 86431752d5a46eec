import type { KvOutput } from "@tskube/linearizability";
import type { Entry } from "@tskube/raft";
import { chainEntry } from "./hash.js";
import { decodeCommand, type KvCommand, type KvWrite } from "./kv-command.js";

/** The digest of the bootstrap snapshot's state (index 1): the same on every founding member. */
export const GENESIS_CHAIN = 0x2545f491;

interface SnapshotBody {
  /** Digest of every entry applied up to the snapshot index (see hash.ts). */
  readonly chain: number;
  readonly kv: [string, string][];
  /** Request ids already applied, so a duplicated proposal stays a no-op after a restore too. */
  readonly seen: string[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface AppliedCommand {
  readonly id: string;
  readonly op: KvWrite;
  readonly output: KvOutput;
}

/**
 * The replicated application: string keys to string values, changed only by committed entries.
 * `chain` folds every applied entry (index, term, data) into a digest, so two replicas at the same
 * applied index must hold the same digest — that is how snapshots are checked, not only entries.
 */
export class KvStateMachine {
  private readonly kv = new Map<string, string>();
  private readonly seen = new Set<string>();
  applied: number;
  chain: number;
  /** Entries whose request id was applied before (a duplicated forwarded proposal). */
  duplicates = 0;

  private constructor(applied: number, chain: number) {
    this.applied = applied;
    this.chain = chain;
  }

  /** The app bytes of a bootstrap snapshot (index 1). */
  static genesisData(): Uint8Array {
    const body: SnapshotBody = { chain: GENESIS_CHAIN, kv: [], seen: [] };
    return encoder.encode(JSON.stringify(body));
  }

  /** Rebuild from a snapshot's KV bytes at `index`; null is a joiner's emptyState (before index 1). */
  static fromSnapshot(index: number, data: Uint8Array | null): KvStateMachine {
    if (data === null) return new KvStateMachine(index, 0);
    const body = JSON.parse(decoder.decode(data)) as SnapshotBody;
    const sm = new KvStateMachine(index, body.chain);
    for (const [k, v] of body.kv) sm.kv.set(k, v);
    for (const id of body.seen) sm.seen.add(id);
    return sm;
  }

  serialize(): Uint8Array {
    const body: SnapshotBody = { chain: this.chain, kv: [...this.kv], seen: [...this.seen] };
    return encoder.encode(JSON.stringify(body));
  }

  get(key: string): string | null {
    return this.kv.get(key) ?? null;
  }

  /** Applies one committed entry (normal or confChange); returns the answer for a client request. */
  apply(entry: Entry): AppliedCommand | null {
    this.applied = entry.index;
    this.chain = chainEntry(this.chain, entry.index, entry.term, entry.data);
    if (entry.type !== "normal") return null;
    const cmd = decodeCommand(entry.data);
    if (cmd === null) return null;
    if (this.seen.has(cmd.id)) {
      this.duplicates++;
      return null;
    }
    this.seen.add(cmd.id);
    return { id: cmd.id, op: cmd.op, output: this.execute(cmd) };
  }

  private execute(cmd: KvCommand): KvOutput {
    const op = cmd.op;
    switch (op.kind) {
      case "put":
        this.kv.set(op.key, op.value);
        return { kind: "put" };
      case "delete":
        this.kv.delete(op.key);
        return { kind: "delete" };
      case "cas": {
        const ok = (this.kv.get(op.key) ?? null) === op.expected;
        if (ok) this.kv.set(op.key, op.value);
        return { kind: "cas", ok };
      }
    }
  }
}
