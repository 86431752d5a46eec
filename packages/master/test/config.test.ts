import { describe, expect, it } from "vitest";
import { deriveClusterId, parseInitialCluster } from "../src/config.js";
import { Backoff } from "../src/transport/backoff.js";

describe("--initial-cluster and the derived cluster id", () => {
  it("parses name=address pairs, with or without a scheme", () => {
    expect([...parseInitialCluster("m1=127.0.0.1:2380, m2=http://127.0.0.1:2381")]).toEqual([
      ["m1", "127.0.0.1:2380"],
      ["m2", "127.0.0.1:2381"],
    ]);
  });

  it("refuses malformed lists with a message naming the entry", () => {
    expect(() => parseInitialCluster("m1")).toThrow(/"m1" is not name=host:port/);
    expect(() => parseInitialCluster("m1=a:1,m1=b:2")).toThrow(/names m1 twice/);
    expect(() => parseInitialCluster("M1=a:1")).toThrow(/member name/);
    expect(() => parseInitialCluster("m1=nope")).toThrow(/not host:port/);
  });

  it("derives the same id whatever the order, and different ids for different members", () => {
    const a = deriveClusterId(parseInitialCluster("m1=127.0.0.1:1,m2=127.0.0.1:2"));
    expect(deriveClusterId(parseInitialCluster("m2=127.0.0.1:2,m1=127.0.0.1:1"))).toBe(a);
    expect(deriveClusterId(parseInitialCluster("m1=127.0.0.1:1,m2=127.0.0.1:3"))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("reconnect backoff", () => {
  it("doubles from 50 ms to 1 s with jitter in [d/2, d), and resets", () => {
    const upper = new Backoff(50, 1000, () => 0.999999);
    const lower = new Backoff(50, 1000, () => 0);
    const hi = Array.from({ length: 7 }, () => Math.round(upper.next()));
    const lo = Array.from({ length: 7 }, () => lower.next());
    expect(hi).toEqual([50, 100, 200, 400, 800, 1000, 1000]);
    expect(lo).toEqual([25, 50, 100, 200, 400, 500, 500]);
    upper.reset();
    expect(Math.round(upper.next())).toBe(50);
  });
});
