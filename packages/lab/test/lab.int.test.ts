import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildLabImages,
  cgroupDirs,
  Dockerd,
  forwardRuleExists,
  freeLabSubnet,
  gatewayAddress,
  LabNetwork,
  labHosts,
  mountsUnder,
} from "../src/index.js";
import { ipv4Routes, linkExists, netnsExists } from "../src/ip.js";
import { isAlive, pidsReferencing } from "../src/procs.js";
import { run, runOk } from "../src/run.js";

// Real namespaces, links, an iptables rule and a dockerd (root only). Everything is named with a random
// suffix and a /24 from 192.168.57–63 that no route on this machine uses yet, so it never collides with
// a running lab on 192.168.56.0/24 nor with a parallel test run.
const suffix = randomBytes(3).toString("hex");
const prefix = `tkt-${suffix}`;
const bridge = `tkb-${suffix}`;
const dockerDir = `/tmp/${prefix}/w1`;

let lab: LabNetwork;
let dockerd: Dockerd;
let rootDefaultBefore: string;

function defaultRoutes(routes: readonly { dst: string }[]): string {
  return JSON.stringify(routes.filter((r) => r.dst === "default"));
}

function docker(...args: string[]) {
  return run("docker", ["-H", dockerd.host, ...args], 60_000);
}

beforeAll(async () => {
  const subnet = await freeLabSubnet();
  lab = new LabNetwork({ bridge, subnet, prefix, hosts: labHosts(0, 2, subnet) });
  dockerd = new Dockerd({ netnsPath: lab.netnsPath("w1"), dir: dockerDir, shutdownTimeoutSec: 2 });
  rootDefaultBefore = defaultRoutes(await ipv4Routes());
});

afterAll(async () => {
  // Best effort whatever the tests reached; the last test asserts that this leaves nothing behind.
  await dockerd?.destroy(5_000);
  await lab?.down();
  await run("rm", ["-rf", `/tmp/${prefix}`]);
});

describe("lab network and dockerd", () => {
  it("brings hosts up on the bridge with safety routes only, idempotently", async () => {
    await lab.up();
    await lab.up();
    const status = await lab.status();
    const subnetNet = lab.subnet;
    expect(status.bridgePresent).toBe(true);
    expect(status.bridgeAddresses).toEqual([`${gatewayAddress(lab.subnet)}/24`]);
    expect(status.forwardRule).toBe(true);
    expect(status.hosts.map((h) => h.name)).toEqual(["w1", "w2"]);
    for (const host of status.hosts) {
      expect(host.netnsPresent && host.attached).toBe(true);
      expect(host.addresses).toEqual([`${lab.host(host.name).address}/24`]);
      // Connected route plus the sink default, nothing else.
      const routes = host.routes.map((r) => `${r.dst} ${r.dev}${r.gateway ? ` via ${r.gateway}` : ""}`);
      expect(routes.sort()).toEqual([`${subnetNet} eth0`, "default sink0"].sort());
    }
    // Host to host and host to the bridge address, over the bridge, from inside namespaces.
    const toW2 = await lab.exec("w1", "busybox", ["ping", "-c", "1", "-W", "2", lab.host("w2").address]);
    expect(toW2.code, toW2.stdout + toW2.stderr).toBe(0);
    const toGw = await lab.exec("w2", "busybox", ["ping", "-c", "1", "-W", "2", gatewayAddress(lab.subnet)]);
    expect(toGw.code, toGw.stdout + toGw.stderr).toBe(0);
    // Something outside the lab goes nowhere: the default route ends in the sink device.
    const out = await lab.exec("w1", "busybox", ["ping", "-c", "1", "-W", "1", "10.255.255.1"]);
    expect(out.code).not.toBe(0);
    // The root namespace gained only the connected route of the lab.
    const rootRoutes = await ipv4Routes();
    expect(defaultRoutes(rootRoutes)).toBe(rootDefaultBefore);
    expect(rootRoutes.filter((r) => r.dev === bridge).map((r) => r.dst)).toEqual([subnetNet]);
    const rules = await runOk("iptables", ["-w", "-S", "FORWARD"]);
    expect(rules).toMatch(
      new RegExp(`-A FORWARD -i ${bridge} ! -o ${bridge} .*tskube-lab:${bridge}.* -j DROP`),
    );
  });

  it("runs dockerd inside a host namespace and containers from locally built images", async () => {
    const pid = await dockerd.start();
    expect(dockerd.pid()).toBe(pid);
    expect(statSync(`/proc/${pid}/ns/net`).ino).toBe(statSync(lab.netnsPath("w1")).ino);
    expect(await dockerd.start()).toBe(pid);

    expect(await buildLabImages(dockerd.socketPath)).toEqual([
      "tskube/pause:1",
      "tskube/web:1",
      "tskube/web:2",
    ]);
    const images = await docker("images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}");
    expect(images.stdout).toContain("tskube/web:2");

    const web = await docker("run", "-d", "--network", "none", "--hostname", "web-a", "tskube/web:1");
    expect(web.code, web.stderr).toBe(0);
    const id = web.stdout.trim();
    let page = "";
    for (let i = 0; i < 30 && !page.includes("tskube"); i++) {
      page = (await docker("exec", id, "wget", "-qO-", "http://127.0.0.1/")).stdout;
      if (!page.includes("tskube")) await new Promise((r) => setTimeout(r, 100));
    }
    expect(page.trim()).toBe("tskube web v1 on web-a");

    // pause and web exit on SIGTERM themselves (exit 0), without waiting for SIGKILL.
    const pause = await docker("run", "-d", "--network", "none", "tskube/pause:1");
    expect(pause.code, pause.stderr).toBe(0);
    for (const container of [id, pause.stdout.trim()]) {
      expect((await docker("stop", "-t", "5", container)).code).toBe(0);
      const code = await docker("inspect", "-f", "{{.State.ExitCode}}", container);
      expect(code.stdout.trim()).toBe("0");
    }
    // A running container at shutdown: dockerd must stop it itself.
    expect((await docker("run", "-d", "--network", "none", "tskube/web:2")).code).toBe(0);
  });

  it("cleans up after a dockerd that has to be SIGKILLed with a container running", async () => {
    const dir = `/tmp/${prefix}/w2`;
    const hard = new Dockerd({ netnsPath: lab.netnsPath("w2"), dir });
    try {
      const pid = await hard.start();
      await buildLabImages(hard.socketPath);
      const web = await run("docker", ["-H", hard.host, "run", "-d", "--network", "none", "tskube/web:1"]);
      expect(web.code, web.stderr).toBe(0);
      // The container's processes live in this daemon's own cgroup parent.
      expect(cgroupDirs(hard.cgroupParent).length).toBeGreaterThan(0);
      const before = pidsReferencing(dir);
      expect(before.length).toBeGreaterThan(1); // dockerd, its containerd and the container's shim
      // No grace at all: dockerd gets SIGKILL and leaves containerd, the shim and httpd behind.
      const report = await hard.destroy(0);
      expect(report.killed).toContain(pid);
      expect(report.killed.length).toBeGreaterThan(2);
      expect(report.killed.filter(isAlive)).toEqual([]);
      expect(report.unmounted.length).toBeGreaterThan(0);
      expect(report.cgroupsLeft).toEqual([]);
      expect(cgroupDirs(hard.cgroupParent)).toEqual([]);
      expect(pidsReferencing(dir)).toEqual([]);
      expect(mountsUnder(dir)).toEqual([]);
      expect(existsSync(dir)).toBe(false);
    } finally {
      await hard.destroy(0);
    }
  });

  it("tears everything down and leaves nothing behind", async () => {
    const pid = dockerd.pid();
    expect(pid).toBeDefined();
    const report = await dockerd.destroy();
    expect(report.killed).toEqual([]);
    expect(report.cgroupsLeft).toEqual([]);
    expect(cgroupDirs(dockerd.cgroupParent)).toEqual([]);
    expect(isAlive(pid as number)).toBe(false);
    expect(pidsReferencing(dockerDir)).toEqual([]);
    expect(mountsUnder(dockerDir)).toEqual([]);
    expect(existsSync(dockerDir)).toBe(false);

    await lab.down();
    await lab.down();
    for (const host of lab.hosts) {
      expect(netnsExists(lab.netnsName(host))).toBe(false);
      expect(await linkExists(lab.vethName(host))).toBe(false);
    }
    expect(await linkExists(bridge)).toBe(false);
    expect(await forwardRuleExists(bridge)).toBe(false);
    expect((await ipv4Routes()).some((r) => r.dst === lab.subnet)).toBe(false);
    const status = await lab.status();
    expect(status.bridgePresent || status.forwardRule || status.hosts.some((h) => h.netnsPresent)).toBe(
      false,
    );
  });
});
