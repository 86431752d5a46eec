import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freeLabSubnet,
  hostDockerd,
  type LabPlan,
  labDown,
  labLeftovers,
  labPids,
  labPlan,
  planHost,
  readLabState,
} from "../src/index.js";

// `tskube lab` end to end through the CLI (root only): a small lab (1 master, 2 workers) on a random
// bridge, prefix and free /24 (not 192.168.56, so a developer's lab is untouched). The agent is not
// needed here (--no-wait-nodes); the lab's other parts are all real.
const suffix = randomBytes(3).toString("hex");
const prefix = `tkl-${suffix}`;
const bridge = `tkb-${suffix}`;
const dir = `/tmp/${prefix}`;
const BIN = fileURLToPath(new URL("../../../bin/tskube.js", import.meta.url));

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sh(file: string, args: readonly string[], timeoutMs = 120_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

const lab = (...args: string[]) => sh(process.execPath, [BIN, "lab", "--dir", dir, ...args], 240_000);

let plan: LabPlan;

beforeAll(async () => {
  const subnet = await freeLabSubnet();
  plan = labPlan({ dir, subnet, bridge, prefix, masters: 1, workers: 2 });
});

afterAll(async () => {
  // Whatever the tests reached; the last test checks that `lab down` alone leaves nothing.
  if (plan !== undefined) await labDown(plan);
});

describe("tskube lab", () => {
  it("comes up: masters in namespaces, a registry, a dockerd per worker, a kubeconfig", async () => {
    const up = await lab(
      "--subnet",
      plan.subnet,
      "--bridge",
      bridge,
      "--prefix",
      prefix,
      "--masters",
      "1",
      "--workers",
      "2",
      "--no-wait-nodes",
      "up",
    );
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toMatch(/lab up in \d+\.\d s/);
    expect(up.stdout).toMatch(new RegExp(`m1\\s+master\\s+${plan.hosts[0]?.address}\\s+running`));

    const ns = await sh("kubectl", ["--kubeconfig", `${dir}/kubeconfig`, "get", "namespaces", "-o", "name"]);
    expect(ns.code, ns.stderr).toBe(0);
    expect(ns.stdout).toContain("namespace/kube-system");

    // The API server listens on the master's lab address only: inside m1's namespace, not on loopback.
    const state = readLabState(dir);
    expect(state?.token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  });

  it("serves the lab images from the registry: a worker that did not build them pulls them", async () => {
    const w2 = hostDockerd(plan, planHost(plan, "w2"));
    const docker = (...args: string[]) => sh("docker", ["-H", w2.host, ...args]);
    const image = `${plan.registry}/tskube/web:1`;
    expect((await docker("image", "inspect", image)).code).not.toBe(0);
    const pull = await docker("pull", image);
    expect(pull.code, pull.stderr).toBe(0);
    expect((await docker("image", "inspect", image)).code).toBe(0);
    // A name the registry does not have is a real pull failure (what ErrImagePull will report).
    const missing = await docker("pull", `${plan.registry}/tskube/nope:1`);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/not found|unknown/i);
  });

  it("runs commands inside a host, passing the exit code through", async () => {
    const ok = await lab(
      "exec",
      "w1",
      "--",
      "busybox",
      "ping",
      "-c",
      "1",
      "-W",
      "2",
      plan.hosts[0]?.address ?? "",
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect((await lab("exec", "w1", "--", "sh", "-c", "exit 7")).code).toBe(7);
  });

  it("partitions a host off the lab network and heals it", async () => {
    const m1 = plan.hosts[0]?.address ?? "";
    expect((await lab("partition", "w1")).code).toBe(0);
    expect((await lab("status")).stdout).toMatch(/w1\s+worker\s+\S+\s+\S*partitioned/);
    expect((await lab("exec", "w1", "--", "busybox", "ping", "-c", "1", "-W", "1", m1)).code).not.toBe(0);
    // Only w1 is cut off.
    expect((await lab("exec", "w2", "--", "busybox", "ping", "-c", "1", "-W", "2", m1)).code).toBe(0);
    expect((await lab("heal")).stdout).toContain("healed w1");
    expect((await lab("exec", "w1", "--", "busybox", "ping", "-c", "1", "-W", "2", m1)).code).toBe(0);
  });

  it("kills a master and starts it again on its data", async () => {
    const before = readLabState(dir)?.pids.m1;
    expect((await lab("kill", "m1")).stdout).toContain(`killed m1 (pid ${before})`);
    expect((await lab("status")).stdout).toMatch(/m1\s+master\s+\S+\s+stopped/);
    expect((await lab("start", "m1")).code).toBe(0);
    let ns: Ran = { code: -1, stdout: "", stderr: "" };
    for (let i = 0; i < 60 && !ns.stdout.includes("kube-system"); i++) {
      ns = await sh(
        "kubectl",
        ["--kubeconfig", `${dir}/kubeconfig`, "get", "namespaces", "-o", "name"],
        5_000,
      );
      if (!ns.stdout.includes("kube-system")) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ns.stdout).toContain("namespace/kube-system");
  });

  it("goes down leaving no namespace, link, rule, mount, process or directory behind", async () => {
    const state = readLabState(dir);
    expect(state).toBeDefined();
    const pids = labPids(state as NonNullable<typeof state>);
    expect(pids.length).toBeGreaterThanOrEqual(4); // master, registry, two dockerds
    expect((await labLeftovers(plan, pids)).length).toBeGreaterThan(0);
    const down = await lab("down");
    expect(down.code, down.stderr).toBe(0);
    expect(await labLeftovers(plan, pids)).toEqual([]);
    // Idempotent, also without a state file.
    const again = await lab("--subnet", plan.subnet, "--bridge", bridge, "--prefix", prefix, "down");
    expect(again.code, again.stderr).toBe(0);
    expect(await labLeftovers(plan, pids)).toEqual([]);
  });
});
