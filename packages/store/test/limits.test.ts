import { MAX_KEY_BYTES, MAX_VALUE_BYTES } from "@tskube/store";
import { describe, expect, it } from "vitest";
import { Harness } from "./helpers.js";

describe("limits", () => {
  it("refuses an empty key", () => {
    const h = new Harness();
    expect(h.fails({ type: "put", request: { key: new Uint8Array(0), value: new Uint8Array(0) } })).toBe(
      "EmptyKey",
    );
    expect(h.fails({ type: "deleteRange", request: { key: new Uint8Array(0) } })).toBe("EmptyKey");
  });

  it("refuses a key over 32 KiB and names both sizes", () => {
    const h = new Harness();
    const ok = h.apply({
      type: "put",
      request: { key: new Uint8Array(MAX_KEY_BYTES).fill(1), value: new Uint8Array(1) },
    });
    expect(ok.ok).toBe(true);
    const r = h.apply({
      type: "put",
      request: { key: new Uint8Array(MAX_KEY_BYTES + 1), value: new Uint8Array(1) },
    });
    expect(!r.ok && r.error.code).toBe("KeyTooLarge");
    expect(!r.ok && r.error.message).toContain(`${MAX_KEY_BYTES + 1}`);
    expect(!r.ok && r.error.message).toContain(`${MAX_KEY_BYTES}`);
  });

  it("refuses a value over 1.5 MiB, also inside a txn", () => {
    const h = new Harness();
    const big = new Uint8Array(MAX_VALUE_BYTES + 1);
    const r = h.apply({ type: "put", request: { key: new Uint8Array([1]), value: big } });
    expect(!r.ok && r.error.code).toBe("ValueTooLarge");
    expect(!r.ok && r.error.message).toContain(`${MAX_VALUE_BYTES + 1} bytes`);
    expect(
      h.fails({
        type: "txn",
        request: {
          compare: [],
          success: [],
          failure: [{ type: "put", request: { key: new Uint8Array([1]), value: big } }],
        },
      }),
    ).toBe("ValueTooLarge");
    expect(h.apply({ type: "put", request: { key: new Uint8Array([1]), value: big.subarray(1) } }).ok).toBe(
      true,
    );
  });
});
