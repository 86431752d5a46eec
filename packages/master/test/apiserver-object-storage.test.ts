import { describe, expect, it } from "vitest";
import { ObjectStorage } from "../src/apiserver/storage/object-storage.js";
import type { StoreClient } from "../src/client/store-client.js";
import { StoreClientError } from "../src/client/store-errors.js";
import { KeyValue, type TxnRequest, type TxnResult } from "../src/client/store-types.js";

// The guarded write's recovery after a failover: a write whose outcome is unknown is read back and either
// recognised as done, re-sent, or reported as the conflict it became. A scripted store stands in for the
// store client (the real one is exercised by the failover test).

interface Script {
  /** What each txn call does, in order: "ok", "unknown" (maybe applied), "unknown-applied", "fail". */
  txns: Array<"ok" | "unknown" | "unknown-applied" | "noLeader">;
}

function fakeStore(script: Script, initial?: { value: string; modRevision: number }) {
  let current = initial;
  let revision = initial?.modRevision ?? 1;
  const calls: string[] = [];
  const kv = (key: string) =>
    current === undefined
      ? []
      : [
          new KeyValue(
            Buffer.from(key),
            Buffer.from(current.value, "latin1"),
            1,
            current.modRevision,
            1,
            "0",
          ),
        ];
  const client = {
    txn: async (req: TxnRequest): Promise<TxnResult> => {
      const step = script.txns.shift() ?? "ok";
      calls.push(step);
      const put = req.success?.[0];
      const apply = () => {
        revision++;
        if (put?.type === "put") current = { value: String(put.value), modRevision: revision };
        else current = undefined;
      };
      if (step === "noLeader")
        throw new StoreClientError({
          kind: "noLeader",
          endpoint: "e",
          details: "etcdserver: no leader",
          notExecuted: true,
        });
      if (step === "unknown")
        throw new StoreClientError({
          kind: "outcomeUnknown",
          endpoint: "e",
          details: "etcdserver: leader changed",
        });
      if (step === "unknown-applied") {
        apply();
        throw new StoreClientError({
          kind: "outcomeUnknown",
          endpoint: "e",
          details: "etcdserver: leader changed",
        });
      }
      const expected = req.compare?.[0]?.value;
      const ok = (current?.modRevision ?? 0) === expected;
      if (ok) apply();
      const header = { clusterId: "1", memberId: "1", revision, raftTerm: 1 };
      return {
        header,
        revision,
        succeeded: ok,
        responses: ok ? [] : [{ type: "range", kvs: kv("k"), count: 1, more: false }],
      };
    },
    range: async (key: string) => ({
      header: { clusterId: "1", memberId: "1", revision, raftTerm: 1 },
      revision,
      kvs: kv(key),
      count: 1,
      more: false,
    }),
  } as unknown as StoreClient;
  return { storage: new ObjectStorage(client), calls, state: () => current };
}

const obj = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { a: "1" } };

describe("guarded writes across a leader change", () => {
  it("a write that happened despite the error is recognised by its bytes", async () => {
    const f = fakeStore({ txns: ["unknown-applied"] });
    const r = await f.storage.write("k", obj, 0);
    expect(r.ok).toBe(true);
    expect(f.calls).toEqual(["unknown-applied"]);
  });

  it("a write that did not happen is sent again", async () => {
    const f = fakeStore({ txns: ["unknown", "ok"] });
    const r = await f.storage.write("k", obj, 0);
    expect(r.ok).toBe(true);
    expect(f.calls).toEqual(["unknown", "ok"]);
    expect(f.state()?.value).toContain('"a":"1"');
  });

  it("no leader (provably not executed) is retried", async () => {
    const f = fakeStore({ txns: ["noLeader", "noLeader", "ok"] });
    expect((await f.storage.write("k", obj, 0)).ok).toBe(true);
  });

  it("a key changed by someone else meanwhile is the client's conflict", async () => {
    const f = fakeStore({ txns: [] }, { value: '{"other":true}', modRevision: 5 });
    const r = await f.storage.write("k", obj, 3);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.current?.modRevision).toBe(5);
  });

  it("a delete whose outcome is unknown is done when the key is gone", async () => {
    const f = fakeStore({ txns: ["unknown-applied"] }, { value: JSON.stringify(obj), modRevision: 4 });
    const r = await f.storage.remove("k", 4);
    expect(r.ok).toBe(true);
    expect(f.state()).toBeUndefined();
  });
});
