import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The plugin executed exactly as a CRI runtime executes one: from the node's network namespace, CNI_*
// in the environment, netconf on stdin. The SAME scenario then runs Debian's reference plugins (bridge +
// host-local) with the same netconf, only `type` changed: the agent can switch by configuration.
// Everything lives in namespaces made here (a "node" and its "pods"); nothing touches the root namespace.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const MAIN = join(ROOT, "packages/cni/dist/main.js");
const REFERENCE_DIR = "/usr/lib/cni";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === "number" ? err.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

async function must(file: string, args: string[]): Promise<string> {
  const r = await exec(file, args);
  if (r.code !== 0) throw new Error(`${file} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

function inNs(ns: string, args: string[]): Promise<Run> {
  return exec("nsenter", [`--net=/run/netns/${ns}`, ...args]);
}

interface Flavour {
  label: string;
  type: string;
  command: string[];
  /** The reference (1.1.1) leaves the veth in the pod when IPAM fails after it was created; we roll back. */
  rollsBackFailedAdd: boolean;
}

const FLAVOURS: Flavour[] = [
  { label: "tskube cni", type: "tskube", command: [process.execPath, MAIN], rollsBackFailedAdd: true },
  {
    label: "reference bridge + host-local",
    type: "bridge",
    command: [join(REFERENCE_DIR, "bridge")],
    rollsBackFailedAdd: false,
  },
];

describe.each(FLAVOURS)("CNI bridge network: $label", (flavour) => {
  const suffix = randomBytes(3).toString("hex");
  const node = `tkt-n${suffix}`;
  const pods = ["a", "b", "c", "d", "e", "f"].map((p) => `tkt-${p}${suffix}`);
  const [podA, podB, podC, podD, podE, podF] = pods as [string, string, string, string, string, string];
  const network = `tkt${suffix}`;
  let dataDir = "";
  const results = new Map<
    string,
    { ips: { address: string; gateway: string; interface: number }[] } & Record<string, unknown>
  >();

  function netconf(): Record<string, unknown> {
    return {
      cniVersion: "1.0.0",
      name: network,
      type: flavour.type,
      bridge: "cbr0",
      isGateway: true,
      isDefaultGateway: true,
      ipMasq: false,
      hairpinMode: true,
      mtu: 1400,
      // Four addresses only, so that wrap-around reuse and exhaustion are reached quickly.
      ipam: {
        type: "host-local",
        subnet: "10.244.7.0/24",
        rangeStart: "10.244.7.10",
        rangeEnd: "10.244.7.13",
        dataDir,
      },
    };
  }

  /** One plugin call from inside the node's namespace. */
  function cni(
    command: string,
    pod: string,
    extra: Record<string, unknown> = {},
    netns?: string,
  ): Promise<Run> {
    const conf = JSON.stringify({ ...netconf(), ...extra });
    return new Promise((resolve) => {
      const [file, ...args] = flavour.command as [string, ...string[]];
      const child = spawn("nsenter", [`--net=/run/netns/${node}`, file, ...args], {
        env: {
          PATH: process.env.PATH,
          CNI_COMMAND: command,
          CNI_CONTAINERID: `ctr-${pod}`,
          CNI_NETNS: netns ?? `/run/netns/${pod}`,
          CNI_IFNAME: "eth0",
          CNI_PATH: REFERENCE_DIR,
        },
        timeout: 20_000,
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
      child.stdin.end(conf);
    });
  }

  async function add(pod: string): Promise<string> {
    const r = await cni("ADD", pod);
    expect(r.code, `${r.stdout}${r.stderr}`).toBe(0);
    const result = JSON.parse(r.stdout);
    results.set(pod, result);
    return result.ips[0].address as string;
  }

  async function link(
    ns: string,
    dev: string,
  ): Promise<Record<string, unknown> & { mtu: number; master?: string }> {
    const out = await must("nsenter", [
      `--net=/run/netns/${ns}`,
      "ip",
      "-j",
      "-d",
      "link",
      "show",
      "dev",
      dev,
    ]);
    return JSON.parse(out)[0];
  }

  beforeAll(async () => {
    // Integration tests run the built plugin: build it (incremental, cheap when nothing changed).
    await must("npx", ["tsc", "-b", "--builders", "1", join(ROOT, "packages/cni")]);
    dataDir = await mkdtemp(join(tmpdir(), "tkt-cni-"));
    for (const ns of [node, ...pods]) await must("ip", ["netns", "add", ns]);
  });

  afterAll(async () => {
    // Deleting the node namespace takes the bridge and every host veth with it.
    for (const ns of [node, ...pods]) await exec("ip", ["netns", "del", ns]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it("ADDs concurrently with distinct addresses, and wires bridge, veth, MTU, hairpin and routes", async () => {
    const ips = await Promise.all([add(podA), add(podB), add(podC)]);
    expect(new Set(ips).size).toBe(3);
    for (const ip of ips) expect(ip).toMatch(/^10\.244\.7\.1[0-3]\/24$/);

    const result = results.get(podA) as Record<string, unknown> & {
      interfaces: { name: string; mac: string; sandbox?: string }[];
      ips: { address: string; gateway: string; interface: number }[];
    };
    expect(result.cniVersion).toBe("1.0.0");
    const podIf = result.interfaces[result.ips[0]?.interface ?? -1];
    expect(podIf).toMatchObject({ name: "eth0", sandbox: `/run/netns/${podA}` });
    expect(result.ips[0]?.gateway).toBe("10.244.7.1");
    const hostVeth = result.interfaces.find((i) => i.name.startsWith("veth"));
    expect(hostVeth).toBeDefined();

    const bridge = await link(node, "cbr0");
    expect(bridge.mtu).toBe(1400);
    expect((await inNs(node, ["ip", "-4", "-o", "addr", "show", "dev", "cbr0"])).stdout).toContain(
      "10.244.7.1/24",
    );
    const port = await link(node, hostVeth?.name ?? "");
    expect(port.master).toBe("cbr0");
    expect(port.mtu).toBe(1400);
    expect(port).toMatchObject({ linkinfo: { info_slave_data: { hairpin: true } } });

    const eth0 = await link(podA, "eth0");
    expect(eth0.mtu).toBe(1400);
    expect(eth0.address).toBe(podIf?.mac);
    expect((await inNs(podA, ["ip", "-4", "-o", "addr", "show", "dev", "eth0"])).stdout).toContain(ips[0]);
    expect((await inNs(podA, ["ip", "route", "show", "default"])).stdout).toContain(
      "default via 10.244.7.1 dev eth0",
    );
  });

  it("lets pod A reach pod B and the gateway across the bridge", async () => {
    const b = results.get(podB)?.ips[0]?.address.split("/")[0] ?? "";
    const toB = await inNs(podA, ["busybox", "ping", "-c", "2", "-W", "2", b]);
    expect(toB.code, toB.stdout + toB.stderr).toBe(0);
    const toGw = await inNs(podA, ["busybox", "ping", "-c", "1", "-W", "2", "10.244.7.1"]);
    expect(toGw.code, toGw.stdout + toGw.stderr).toBe(0);
  });

  it("CHECK passes on a live attachment and fails once its interface is gone", async () => {
    const ok = await cni("CHECK", podA, { prevResult: results.get(podA) });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);

    await must("nsenter", [`--net=/run/netns/${podC}`, "ip", "link", "del", "eth0"]);
    const bad = await cni("CHECK", podC, { prevResult: results.get(podC) });
    expect(bad.code).not.toBe(0);
    // (The reference omits cniVersion from its error objects; ours carries it as the spec says.)
    expect(JSON.parse(bad.stdout)).toMatchObject({ code: expect.any(Number), msg: expect.any(String) });
  });

  it("keeps a host-local store on disk: one file per IP with the container id and ifname", async () => {
    const dir = join(dataDir, network);
    const files = (await readdir(dir)).filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f)).sort();
    expect(files).toHaveLength(3);
    const a = results.get(podA)?.ips[0]?.address.split("/")[0] ?? "";
    const content = await readFile(join(dir, a), "utf8");
    expect(content.split(/\r?\n/).map((s) => s.trim())).toEqual([`ctr-${podA}`, "eth0"]);
  });

  it("DEL is idempotent: twice, with the interface gone, and with no netns at all", async () => {
    const a = results.get(podA)?.ips[0]?.address.split("/")[0] ?? "";
    const hostVeth =
      (results.get(podA) as unknown as { interfaces: { name: string }[] }).interfaces[1]?.name ?? "";
    for (let i = 0; i < 2; i++) {
      const r = await cni("DEL", podA);
      expect(r.code, r.stdout + r.stderr).toBe(0);
    }
    expect((await inNs(podA, ["ip", "link", "show", "dev", "eth0"])).code).not.toBe(0);
    expect((await inNs(node, ["ip", "link", "show", "dev", hostVeth])).code).not.toBe(0);
    expect(await readdir(join(dataDir, network))).not.toContain(a);

    // podC's interface was removed behind the plugin's back; its address must still be released.
    expect((await cni("DEL", podC)).code).toBe(0);
    // A sandbox already destroyed: the runtime passes a netns path that no longer exists.
    expect((await cni("DEL", podC, {}, `/run/netns/tkt-gone${suffix}`)).code).toBe(0);
  });

  it("survives restarts: each call is a new process, and freed addresses come back after wrap-around", async () => {
    // A and C were freed; B still holds one of the first three. Fresh processes must not hand out B's.
    const b = results.get(podB)?.ips[0]?.address ?? "";
    const d = await add(podD);
    const e = await add(podE);
    const f = await add(podF);
    expect(new Set([b, d, e, f]).size).toBe(4);
    expect([d, e, f].every((ip) => /^10\.244\.7\.1[0-3]\/24$/.test(ip))).toBe(true);
    const freed = [results.get(podA), results.get(podC)].map((r) => r?.ips[0]?.address);
    expect([e, f].some((ip) => freed.includes(ip))).toBe(true);
  });

  it("fails cleanly when the range is exhausted, leaving no interface behind", async () => {
    const extra = `tkt-g${suffix}`;
    await must("ip", ["netns", "add", extra]);
    try {
      const r = await cni("ADD", extra);
      expect(r.code).not.toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ code: expect.any(Number), msg: expect.any(String) });
      if (flavour.rollsBackFailedAdd)
        expect((await inNs(extra, ["ip", "link", "show", "dev", "eth0"])).code).not.toBe(0);
    } finally {
      await exec("ip", ["netns", "del", extra]);
    }
  });
});
