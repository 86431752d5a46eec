import { describe, expect, it } from "vitest";
import { decodeCommand, encodeCommand } from "../src/state-machine/kv-command.js";
import { decodeKvSnapshot, encodeKvSnapshot, KvStateMachine } from "../src/state-machine/kv-state-machine.js";

describe("KV state machine", () => {
  it("applies puts and deletes and reports what happened", () => {
    const sm = new KvStateMachine();
    expect(sm.apply({ id: "a", op: "put", key: "k", value: "v" }, 5)).toEqual({ op: "put", index: 5 });
    expect(sm.get("k")).toBe("v");
    expect(sm.apply({ id: "b", op: "delete", key: "k" }, 6)).toEqual({
      op: "delete",
      index: 6,
      deleted: true,
    });
    expect(sm.apply({ id: "c", op: "delete", key: "k" }, 7)).toEqual({
      op: "delete",
      index: 7,
      deleted: false,
    });
  });

  it("keeps the address book in step with membership changes", () => {
    const sm = new KvStateMachine();
    sm.applyConfChange({ type: "addLearner", id: "m4", context: "127.0.0.1:4" });
    sm.applyConfChange({ type: "addVoter", id: "m4", context: "127.0.0.1:4" });
    sm.applyConfChange({ type: "addLearner", id: "m5", context: "127.0.0.1:5" });
    sm.applyConfChange({ type: "remove", id: "m5", context: "" });
    expect([...sm.members]).toEqual([["m4", "127.0.0.1:4"]]);
  });

  it("snapshots and restores map and members, unicode included", () => {
    const a = new KvStateMachine();
    a.applyConfChange({ type: "addVoter", id: "m1", context: "127.0.0.1:2380" });
    for (let i = 0; i < 300; i++)
      a.apply({ id: `${i}`, op: "put", key: `key-${i}-ü`, value: "x".repeat(i) }, i + 2);
    const b = new KvStateMachine();
    b.restore(a.snapshot());
    expect(b.size).toBe(300);
    expect(b.get("key-299-ü")).toBe("x".repeat(299));
    expect([...b.members]).toEqual([["m1", "127.0.0.1:2380"]]);
  });

  it("decodes an empty snapshot (a joining member) as empty, and refuses foreign bytes", () => {
    expect(decodeKvSnapshot(new Uint8Array())).toEqual({ data: new Map(), members: new Map() });
    expect(() => decodeKvSnapshot(new TextEncoder().encode("\u0005hello"))).toThrow(/not a KV snapshot/);
    const good = encodeKvSnapshot(new Map([["a", "b"]]), new Map());
    expect(() => decodeKvSnapshot(new Uint8Array([...good, 0]))).toThrow(/trailing bytes/);
  });

  it("encodes commands with their request id", () => {
    const c = { id: "m1.ab.p1", op: "put", key: "k", value: "v" } as const;
    expect(decodeCommand(encodeCommand(c))).toEqual(c);
    expect(() => decodeCommand(new TextEncoder().encode('{"op":"put"}'))).toThrow();
  });
});
