import type { Node } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { POD_CIDR_PREFIX, PodCidrAllocator } from "../src/apiserver/allocation/pod-cidr-allocator.js";
import type { WatchCache } from "../src/apiserver/watch-cache/watch-cache.js";

function allocator(taken: string[] = [], clusterCidr = "10.244.0.0/16"): PodCidrAllocator {
  const keys = new Set(taken);
  const cache = {
    get: (k: string) => (keys.has(k) ? { key: k, object: {}, modRevision: 1 } : undefined),
  } as unknown as WatchCache;
  return new PodCidrAllocator(cache, { clusterCidr, nodeMaskSize: 24 });
}

const node = (spec: Node["spec"] = {}): Node => ({ metadata: { name: "n" }, spec });

describe("node pod ranges", () => {
  it("hands out the lowest free /24 of 10.244.0.0/16", () => {
    const n = node();
    const claims = allocator([`${POD_CIDR_PREFIX}10.244.0.0-24`]).allocate(
      n,
      "n",
      new Set([`${POD_CIDR_PREFIX}10.244.1.0-24`]),
    );
    expect(n.spec?.podCIDR).toBe("10.244.2.0/24");
    expect(n.spec?.podCIDRs).toEqual(["10.244.2.0/24"]);
    expect(claims).toEqual([
      expect.objectContaining({ key: `${POD_CIDR_PREFIX}10.244.2.0-24`, requested: false }),
    ]);
  });

  it("claims a range the node asks for, and leaves one outside the pod network alone", () => {
    expect(allocator().allocate(node({ podCIDR: "10.244.7.0/24" }), "n", new Set())[0]?.requested).toBe(true);
    expect(allocator().allocate(node({ podCIDR: "172.16.0.0/24" }), "n", new Set())).toEqual([]);
  });

  it("a full pod network leaves the node without a range", () => {
    const n = node();
    expect(
      allocator([`${POD_CIDR_PREFIX}10.9.0.0-24`, `${POD_CIDR_PREFIX}10.9.1.0-24`], "10.9.0.0/23").allocate(
        n,
        "n",
        new Set(),
      ),
    ).toEqual([]);
    expect(n.spec?.podCIDR).toBeUndefined();
  });

  it("keysOf names the claimed range", () => {
    expect(allocator().keysOf(node({ podCIDR: "10.244.3.0/24" }))).toEqual([
      `${POD_CIDR_PREFIX}10.244.3.0-24`,
    ]);
    expect(allocator().keysOf(node())).toEqual([]);
  });
});
