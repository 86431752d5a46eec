import type { ConfigMap, Secret } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { defaultConfigMap, defaultSecret } from "../src/defaults/index.js";

describe("defaultSecret", () => {
  it.each([
    ["unset", undefined, "Opaque"],
    ["empty", "", "Opaque"],
    ["user type", "kubernetes.io/tls", "kubernetes.io/tls"],
  ])("type %s → %s", (_name, type, expected) => {
    const secret: Secret = {
      metadata: { name: "s" },
      data: { k: "dg==" },
      ...(type === undefined ? {} : { type }),
    };
    expect(defaultSecret(secret).type).toBe(expected);
  });

  it("does not mutate its input", () => {
    const input: Secret = { metadata: { name: "s" } };
    const out = defaultSecret(input);
    expect(input).toEqual({ metadata: { name: "s" } });
    expect(out).not.toBe(input);
  });
});

describe("defaultConfigMap", () => {
  it("returns an equal copy", () => {
    const input: ConfigMap = { metadata: { name: "c" }, data: { a: "1" } };
    const out = defaultConfigMap(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(out.data).not.toBe(input.data);
  });
});
