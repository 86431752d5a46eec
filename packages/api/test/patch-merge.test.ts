import { describe, expect, it } from "vitest";
import { ApiError } from "../src/errors.js";
import { applyPatch } from "../src/patch/index.js";
import { schemaFor } from "../src/schema/index.js";

// biome-ignore lint/suspicious/noExplicitAny: assertions read patched documents field by field.
type Doc = Record<string, any>;

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected an ApiError");
}

const merge = (original: unknown, patch: unknown) =>
  applyPatch("merge", original, patch, schemaFor("apps", "Deployment")) as Doc;

const live = deepFreeze({
  metadata: { name: "web", labels: { app: "web", tier: "front" } },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: "a", image: "a" },
          { name: "b", image: "b" },
        ],
      },
    },
  },
});

describe("JSON merge patch (RFC 7386)", () => {
  it("applies kubectl scale's patch", () => {
    const out = merge(live, { spec: { replicas: 4 } });
    expect(out.spec.replicas).toBe(4);
    expect(out.spec.template).toEqual(live.spec.template);
    expect(live.spec.replicas).toBe(2);
  });

  it("merges objects, deletes on null, and replaces lists whole even where SMP would merge", () => {
    const out = merge(live, {
      metadata: { labels: { tier: null, env: "prod" } },
      spec: { template: { spec: { containers: [{ name: "b", image: "b2" }] } } },
    });
    expect(out.metadata.labels).toEqual({ app: "web", env: "prod" });
    expect(out.spec.template.spec.containers).toEqual([{ name: "b", image: "b2" }]);
  });

  it("a non-object value replaces an object and an object replaces a scalar", () => {
    const out = merge({ a: { b: 1 }, c: 1 }, { a: "x", c: { d: 2, e: null } });
    expect(out).toEqual({ a: "x", c: { d: 2 } });
  });

  it("a patch that is not an object is a 400 with the API server's text", () => {
    const arr = apiError(() => merge(live, [{ op: "add" }]));
    expect(arr.code).toBe(400);
    expect(arr.message).toBe(
      "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}",
    );
    expect(apiError(() => merge(live, 3)).message).toBe(
      "error decoding patch: json: cannot unmarshal number into Go value of type map[string]interface {}",
    );
    const nul = apiError(() => merge(live, null));
    expect(nul.code).toBe(400);
    expect(nul.message).toBe("Invalid JSON Patch");
  });

  it("stores __proto__ as a plain member", () => {
    const out = merge({ a: {} }, JSON.parse('{"a":{"__proto__":{"x":1}}}'));
    expect(Object.getPrototypeOf(out.a)).toBe(Object.prototype);
    expect(Object.hasOwn(out.a, "__proto__")).toBe(true);
  });
});
