import type { ConfChange, NodeId } from "@tskube/raft";
import {
  ByteReader,
  ByteWriter,
  decodeCommand,
  encodeCommand,
  encodeSnapshot,
  MvccStore,
  type StoreCommand,
  type StoreResult,
  WatchHub,
} from "@tskube/store";

// A master's replicated state: the MVCC store (docs/store.md), plus the member directory — every member's
// peer address (from the membership changes) and client URLs (each member publishes its own through the log,
// as etcd members do) — which travels in snapshots so that a member installing one knows every peer.

const SNAPSHOT_MAGIC = "tskube-state-2";
/** Entry payload kinds: the first byte of every normal entry this state machine writes. */
const KIND_STORE = 1;
const KIND_MEMBER_ATTRIBUTES = 2;

export interface MemberAttributes {
  readonly clientUrls: readonly string[];
}

/** What applying one entry produced, for the member that proposed it. */
export type AppliedResult =
  | { readonly kind: "store"; readonly result: StoreResult }
  | { readonly kind: "memberAttributes" };

export interface AppliedEntry {
  readonly requestId: string;
  readonly result: AppliedResult;
}

export function encodeStoreEntry(requestId: string, command: StoreCommand): Uint8Array {
  return withKind(KIND_STORE, encodeCommand(requestId, command));
}

export function encodeMemberAttributesEntry(
  requestId: string,
  name: NodeId,
  attrs: MemberAttributes,
): Uint8Array {
  const w = new ByteWriter().string(requestId).string(name).uint(attrs.clientUrls.length);
  for (const url of attrs.clientUrls) w.string(url);
  return withKind(KIND_MEMBER_ATTRIBUTES, w.finish());
}

function withKind(kind: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 1);
  out[0] = kind;
  out.set(payload, 1);
  return out;
}

export class StoreStateMachine {
  private mvcc = new MvccStore();
  readonly watches = new WatchHub(this.mvcc);
  private book = new Map<NodeId, string>();
  private attributes = new Map<NodeId, MemberAttributes>();
  /** Sees every applied store command's result on this member (the leader's lessor follows grants/revokes). */
  onStoreApplied: ((result: StoreResult) => void) | null = null;

  /** The MVCC store (read-only use: every change goes through `apply`). */
  get store(): MvccStore {
    return this.mvcc;
  }

  /** Peer addresses of the current members (and learners). */
  get members(): ReadonlyMap<NodeId, string> {
    return this.book;
  }

  clientUrls(name: NodeId): readonly string[] {
    return this.attributes.get(name)?.clientUrls ?? [];
  }

  /** Applies one normal entry. Throws on an undecodable payload (the driver skips it on every member alike). */
  apply(data: Uint8Array, index: number): AppliedEntry {
    const kind = data[0];
    const payload = data.subarray(1);
    if (kind === KIND_STORE) {
      const { requestId, command } = decodeCommand(payload);
      const result = this.mvcc.apply(command, { index });
      this.watches.publish(result);
      this.onStoreApplied?.(result);
      return { requestId, result: { kind: "store", result } };
    }
    if (kind === KIND_MEMBER_ATTRIBUTES) {
      const r = new ByteReader(payload);
      const requestId = r.string();
      const name = r.string();
      const clientUrls: string[] = [];
      for (let n = r.uint(); n > 0; n--) clientUrls.push(r.string());
      r.end();
      // Attributes of a member removed meanwhile are dropped: the directory only lists members.
      if (this.book.has(name)) this.attributes.set(name, { clientUrls });
      return { requestId, result: { kind: "memberAttributes" } };
    }
    throw new Error(`unknown entry kind ${String(kind)}`);
  }

  /** A membership change was applied: the directory follows it (the context carries the peer address). */
  applyConfChange(cc: ConfChange): void {
    if (cc.type === "remove") {
      this.book.delete(cc.id);
      this.attributes.delete(cc.id);
    } else if (cc.context !== "") this.book.set(cc.id, cc.context);
  }

  /** Seeds addresses learned outside the log (a joining member, before its first snapshot arrives). */
  learnAddresses(members: ReadonlyMap<NodeId, string>): void {
    for (const [id, address] of members) if (!this.book.has(id)) this.book.set(id, address);
  }

  snapshot(): Uint8Array {
    return encodeStateSnapshot(this.mvcc, this.book, this.attributes);
  }

  /** Replaces the whole state; open watches catch up from the new store (or end as compacted). */
  restore(snapshot: Uint8Array): void {
    const decoded = decodeStateSnapshot(snapshot);
    this.mvcc = decoded.mvcc;
    this.book = decoded.members;
    this.attributes = decoded.attributes;
    this.watches.resync(this.mvcc);
  }
}

export function encodeStateSnapshot(
  mvcc: MvccStore,
  members: ReadonlyMap<NodeId, string>,
  attributes: ReadonlyMap<NodeId, MemberAttributes> = new Map(),
): Uint8Array {
  const w = new ByteWriter().string(SNAPSHOT_MAGIC).uint(members.size);
  for (const [id, address] of members) {
    const urls = attributes.get(id)?.clientUrls ?? [];
    w.string(id).string(address).uint(urls.length);
    for (const url of urls) w.string(url);
  }
  // The store's part (tens of MB) follows the directory to the end, encoded straight into one buffer.
  return encodeSnapshot(mvcc, w.finish());
}

/** An empty snapshot (a joining member's emptyState) is an empty store and directory. */
export function decodeStateSnapshot(snapshot: Uint8Array): {
  mvcc: MvccStore;
  members: Map<NodeId, string>;
  attributes: Map<NodeId, MemberAttributes>;
} {
  const members = new Map<NodeId, string>();
  const attributes = new Map<NodeId, MemberAttributes>();
  if (snapshot.length === 0) return { mvcc: new MvccStore(), members, attributes };
  const r = new ByteReader(snapshot);
  const magic = r.string();
  if (magic !== SNAPSHOT_MAGIC) throw new Error(`not a tskube state snapshot (magic "${magic}")`);
  for (let n = r.uint(); n > 0; n--) {
    const id = r.string();
    members.set(id, r.string());
    const clientUrls: string[] = [];
    for (let u = r.uint(); u > 0; u--) clientUrls.push(r.string());
    if (clientUrls.length > 0) attributes.set(id, { clientUrls });
  }
  const mvcc = MvccStore.restore(r.rest());
  return { mvcc, members, attributes };
}
