import type { ConfChange, NodeId } from "@tskube/raft";
import { BinaryReader, BinaryWriter } from "./binary.js";
import type { KvCommand, KvResult } from "./kv-command.js";

const MAGIC = "tskv1";

/**
 * The replicated test state machine: a string map plus the member address book (name → peer address),
 * which must travel with snapshots so a member installing one learns every peer's address.
 */
export class KvStateMachine {
  private data = new Map<string, string>();
  private book = new Map<NodeId, string>();

  get members(): ReadonlyMap<NodeId, string> {
    return this.book;
  }

  get size(): number {
    return this.data.size;
  }

  get(key: string): string | undefined {
    return this.data.get(key);
  }

  apply(command: KvCommand, index: number): KvResult {
    switch (command.op) {
      case "put":
        this.data.set(command.key, command.value);
        return { op: "put", index };
      case "delete":
        return { op: "delete", index, deleted: this.data.delete(command.key) };
    }
  }

  /** A membership change was applied: the address book follows it (the context carries the peer address). */
  applyConfChange(cc: ConfChange): void {
    if (cc.type === "remove") this.book.delete(cc.id);
    else if (cc.context !== "") this.book.set(cc.id, cc.context);
  }

  /** Seeds addresses learned outside the log (a joining member, before its first snapshot arrives). */
  learnAddresses(members: ReadonlyMap<NodeId, string>): void {
    for (const [id, address] of members) if (!this.book.has(id)) this.book.set(id, address);
  }

  snapshot(): Uint8Array {
    return encodeKvSnapshot(this.data, this.book);
  }

  restore(snapshot: Uint8Array): void {
    const decoded = decodeKvSnapshot(snapshot);
    this.data = decoded.data;
    this.book = decoded.members;
  }
}

export function encodeKvSnapshot(
  data: ReadonlyMap<string, string>,
  members: ReadonlyMap<NodeId, string>,
): Uint8Array {
  const w = new BinaryWriter().string(MAGIC).uvarint(members.size);
  for (const [id, address] of members) w.string(id).string(address);
  w.uvarint(data.size);
  for (const [key, value] of data) w.string(key).string(value);
  return w.finish();
}

/** An empty snapshot (a joining member's emptyState) decodes to an empty map and book. */
export function decodeKvSnapshot(snapshot: Uint8Array): {
  data: Map<string, string>;
  members: Map<NodeId, string>;
} {
  const data = new Map<string, string>();
  const members = new Map<NodeId, string>();
  if (snapshot.length === 0) return { data, members };
  const r = new BinaryReader(snapshot);
  const magic = r.string();
  if (magic !== MAGIC) throw new Error(`not a KV snapshot (magic "${magic}")`);
  for (let n = r.uvarint(); n > 0; n--) members.set(r.string(), r.string());
  for (let n = r.uvarint(); n > 0; n--) data.set(r.string(), r.string());
  if (!r.done) throw new Error("trailing bytes after the KV snapshot");
  return { data, members };
}
