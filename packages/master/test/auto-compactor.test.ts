import { describe, expect, it } from "vitest";
import { AutoCompactor, parseAutoCompaction } from "../src/compaction/auto-compactor.js";

describe("auto-compaction", () => {
  it("revision mode keeps the last N revisions, compacting in steps of a tenth of N", () => {
    const c = new AutoCompactor({ mode: "revision", retention: 1000 });
    expect(c.due(0, 1000, 0)).toBeNull();
    expect(c.due(0, 1099, 0)).toBeNull();
    expect(c.due(0, 1100, 0)).toBe(100);
    expect(c.due(0, 1150, 100)).toBeNull();
    expect(c.due(0, 1200, 100)).toBe(200);
  });

  it("periodic mode compacts to the revision seen one window ago", () => {
    const c = new AutoCompactor({ mode: "periodic", retentionMs: 10_000 });
    expect(c.due(0, 5, 0)).toBeNull();
    expect(c.due(1_000, 50, 0)).toBeNull();
    expect(c.due(9_999, 400, 0)).toBeNull();
    // At 10 s the sample taken at 0 (revision 5) is a full window old.
    expect(c.due(10_000, 500, 0)).toBe(5);
    expect(c.due(10_500, 520, 5)).toBeNull();
    expect(c.due(11_000, 540, 5)).toBe(50);
  });

  it("off never compacts; flags parse like etcd's and bad ones are named", () => {
    expect(new AutoCompactor({ mode: "off" }).due(1e9, 1e6, 0)).toBeNull();
    expect(parseAutoCompaction("revision", "10000")).toEqual({ mode: "revision", retention: 10000 });
    expect(parseAutoCompaction("periodic", "5m")).toEqual({ mode: "periodic", retentionMs: 300_000 });
    expect(parseAutoCompaction("periodic", "1")).toEqual({ mode: "periodic", retentionMs: 3_600_000 });
    expect(parseAutoCompaction("periodic", "0")).toEqual({ mode: "off" });
    expect(() => parseAutoCompaction("revision", "5m")).toThrow(/--auto-compaction-retention 5m/);
    expect(() => parseAutoCompaction("weekly", "1")).toThrow(/--auto-compaction-mode weekly/);
  });
});
