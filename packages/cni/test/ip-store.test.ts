import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CniCode, type CniError } from "../src/errors.js";
import { IpStore } from "../src/ip-store.js";
import { formatIpv4, parseIpv4 } from "../src/ipv4.js";
import { parseNetConf } from "../src/netconf.js";

let dataDir = "";
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "tkt-ipstore-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function store(rangeStart = "10.244.5.1", rangeEnd = "10.244.5.4"): IpStore {
  const conf = parseNetConf({
    cniVersion: "1.0.0",
    name: "pods",
    type: "tskube",
    ipam: { type: "host-local", subnet: "10.244.5.0/24", rangeStart, rangeEnd, dataDir },
  });
  return new IpStore(conf.ipam, conf.name);
}

describe("IpStore", () => {
  it("skips the gateway, writes host-local's files, and continues after the last reserved IP", async () => {
    const s = store();
    expect(formatIpv4(await s.allocate("c1", "eth0"))).toBe("10.244.5.2");
    expect(formatIpv4(await s.allocate("c2", "eth0"))).toBe("10.244.5.3");
    expect(await readFile(join(s.dir, "10.244.5.2"), "utf8")).toBe("c1\r\neth0");
    expect(await readFile(join(s.dir, "last_reserved_ip.0"), "utf8")).toBe("10.244.5.3");
    await s.release("c1", "eth0");
    // A fresh instance (a restarted agent) sees the same store and does not reuse .2 at once.
    expect(formatIpv4(await store().allocate("c3", "eth0"))).toBe("10.244.5.4");
    expect(formatIpv4(await store().allocate("c4", "eth0"))).toBe("10.244.5.2");
  });

  it("gives concurrent allocations distinct addresses and reports exhaustion", async () => {
    const ids = ["a", "b", "c", "d", "e"];
    const settled = await Promise.allSettled(ids.map((id) => store().allocate(id, "eth0")));
    const ok = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(new Set(ok).size).toBe(3); // .1 is the gateway: .2–.4
    const failed = settled.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(failed).toHaveLength(2);
    for (const e of failed) expect((e as CniError).code).toBe(CniCode.AddressExhausted);
  });

  it("refuses a second address for the same attachment; release is idempotent", async () => {
    const s = store();
    await s.allocate("c1", "eth0");
    await expect(s.allocate("c1", "eth0")).rejects.toMatchObject({ code: CniCode.AlreadyAllocated });
    expect(await s.release("c1", "eth0")).toBe(parseIpv4("10.244.5.2"));
    expect(await s.release("c1", "eth0")).toBeUndefined();
    expect(await store().release("never", "eth0")).toBeUndefined();
    expect((await readdir(s.dir)).filter((f) => f.startsWith("10."))).toEqual([]);
  });
});
