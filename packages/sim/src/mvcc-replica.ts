import { encodeSnapshot, MvccStore, type StoreCommand, type StoreResult } from "@tskube/store";
import type { KvWrite } from "./kv-command.js";

const encoder = new TextEncoder();
/** The sim uses a handful of keys: encode each once (the store never mutates key bytes). */
const keyBytes = new Map<string, Uint8Array>();

function encodeKey(key: string): Uint8Array {
  let b = keyBytes.get(key);
  if (b === undefined) {
    b = encoder.encode(key);
    keyBytes.set(key, b);
  }
  return b;
}

/**
 * The sim's KV write as the etcd-style command a master would apply. A compare-and-swap becomes a txn:
 * "value equals expected" (or "the key does not exist", createRevision 0, when nothing is expected).
 */
export function toStoreCommand(op: KvWrite): StoreCommand {
  const key = encodeKey(op.key);
  switch (op.kind) {
    case "put":
      return { type: "put", request: { key, value: encoder.encode(op.value) } };
    case "delete":
      return { type: "deleteRange", request: { key } };
    case "cas":
      return {
        type: "txn",
        request: {
          compare: [
            op.expected === null
              ? { key, target: "createRevision", result: "=", value: 0 }
              : { key, target: "value", result: "=", value: encoder.encode(op.expected) },
          ],
          success: [{ type: "put", request: { key, value: encoder.encode(op.value) } }],
          failure: [],
        },
      };
  }
}

/**
 * A node's copy of the MVCC store, fed the same committed log as its KV state machine. Commands are
 * handed over as objects (not through the store's entry codec): the codec has its own tests, and the
 * simulation's CPU budget goes to running more seeds.
 */
export class MvccReplica {
  private constructor(private readonly store: MvccStore) {}

  static empty(): MvccReplica {
    return new MvccReplica(new MvccStore());
  }

  static restore(bytes: Uint8Array): MvccReplica {
    return new MvccReplica(MvccStore.restore(bytes));
  }

  get revision(): number {
    return this.store.revision;
  }

  get compactRevision(): number {
    return this.store.compactRevision;
  }

  apply(command: StoreCommand, index: number): StoreResult {
    return this.store.apply(command, { index });
  }

  hash(): string {
    return this.store.hash();
  }

  encode(): Uint8Array {
    return encodeSnapshot(this.store);
  }
}
