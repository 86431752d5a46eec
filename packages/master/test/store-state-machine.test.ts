import { MvccStore, type WatchResponse } from "@tskube/store";
import { describe, expect, it } from "vitest";
import {
  encodeMemberAttributesEntry,
  encodeStoreEntry,
  StoreStateMachine,
} from "../src/state-machine/store-state-machine.js";

const enc = new TextEncoder();

function put(sm: StoreStateMachine, index: number, key: string, value: string) {
  return sm.apply(
    encodeStoreEntry(`r${index}`, {
      type: "put",
      request: { key: enc.encode(key), value: enc.encode(value) },
    }),
    index,
  );
}

describe("store state machine", () => {
  it("applies store commands, returning the proposer's request id and the store's result", () => {
    const sm = new StoreStateMachine();
    const applied = put(sm, 5, "a", "1");
    expect(applied.requestId).toBe("r5");
    expect(applied.result).toMatchObject({ kind: "store", result: { ok: true, revision: 2 } });
    expect(sm.store.range({ key: enc.encode("a") }).count).toBe(1);
  });

  it("keeps the member directory: peer addresses from membership changes, client URLs from the log", () => {
    const sm = new StoreStateMachine();
    sm.applyConfChange({ type: "addLearner", id: "m4", context: "127.0.0.1:4" });
    sm.apply(encodeMemberAttributesEntry("x", "m4", { clientUrls: ["http://127.0.0.1:14"] }), 2);
    // Attributes of a member that is not (or no longer) in the cluster are not recorded.
    sm.apply(encodeMemberAttributesEntry("y", "ghost", { clientUrls: ["http://127.0.0.1:99"] }), 3);
    expect(sm.clientUrls("m4")).toEqual(["http://127.0.0.1:14"]);
    expect(sm.clientUrls("ghost")).toEqual([]);
    sm.applyConfChange({ type: "remove", id: "m4", context: "" });
    expect(sm.members.size).toBe(0);
    expect(sm.clientUrls("m4")).toEqual([]);
  });

  it("snapshots and restores the store and the directory", () => {
    const sm = new StoreStateMachine();
    sm.applyConfChange({ type: "addVoter", id: "m1", context: "127.0.0.1:1" });
    sm.apply(encodeMemberAttributesEntry("x", "m1", { clientUrls: ["http://127.0.0.1:11"] }), 2);
    put(sm, 3, "k", "v");
    const copy = new StoreStateMachine();
    copy.restore(sm.snapshot());
    expect(copy.store.hash()).toBe(sm.store.hash());
    expect([...copy.members]).toEqual([["m1", "127.0.0.1:1"]]);
    expect(copy.clientUrls("m1")).toEqual(["http://127.0.0.1:11"]);
  });

  it("refuses an unknown entry kind and a foreign snapshot", () => {
    const sm = new StoreStateMachine();
    expect(() => sm.apply(new Uint8Array([9, 1, 2]), 2)).toThrow(/unknown entry kind/);
    expect(() => sm.restore(enc.encode("not a snapshot at all"))).toThrow();
  });

  it("an open watch catches up from an installed snapshot, or ends as compacted when its history is gone", () => {
    const leader = new StoreStateMachine();
    const follower = new StoreStateMachine();
    const seen: WatchResponse[] = [];
    follower.watches.watch(enc.encode("k"), undefined, 0, (r) => seen.push(r));
    put(leader, 2, "k", "a");
    put(leader, 3, "k", "b");
    follower.restore(leader.snapshot());
    expect(seen.map((r) => r.revision)).toEqual([2, 3]);

    const late: WatchResponse[] = [];
    follower.watches.watch(enc.encode("k"), undefined, 0, (r) => late.push(r));
    put(leader, 4, "k", "c");
    leader.apply(encodeStoreEntry("c", { type: "compact", revision: 4 }), 5);
    follower.restore(leader.snapshot());
    // The watcher needed revision 4 onwards; history is kept from the compact revision (4), so it is replayed.
    expect(late.map((r) => r.revision)).toEqual([4]);
    expect(new MvccStore().revision).toBe(1);
  });
});
