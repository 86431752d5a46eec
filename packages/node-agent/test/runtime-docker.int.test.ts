import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { buildLabImages, Dockerd, freeLabSubnet, LabNetwork, labHosts } from "@tskube/lab";
import Dockerode from "dockerode";
import type { Container, Pod } from "kubernetes-types/core/v1.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABELS } from "../src/pod/index.js";
import { installCniShim } from "../src/runtime/cni-shim.js";
import { DockerPodRuntime } from "../src/runtime/docker-pod-runtime.js";
import { RuntimeError } from "../src/runtime/errors.js";
import type { DockerPodRuntimeOptions } from "../src/runtime/runtime-options.js";
import type { ExecSession, SyncContext, SyncResult } from "../src/runtime/runtime-types.js";

// DockerPodRuntime against a real dockerd in one lab host, driven from this process. The agent runs
// inside the host's network namespace; this test does not, so the runtime is told to execute the CNI
// plugin through `nsenter --net=<host netns>` (cni.nsenter) — the plugin then creates cbr0 and the veths
// inside the lab host, exactly where the agent's own calls would. Pod IPs are reached from inside that
// namespace only. Back-offs are shrunk (1 s → 4 s, 1.5 s for pulls) so crash loops show in seconds.
const suffix = randomBytes(3).toString("hex");
const prefix = `tkt-${suffix}`;
const dir = `/tmp/${prefix}`;
const podCIDR = `10.244.${(randomBytes(1)[0] ?? 0) % 200}.0/24`;
const netPrefix = podCIDR.replace(/\.0\/24$/, ".");

function _sh(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === "number" ? err.code : 1, stdout, stderr });
    });
  });
}

// busybox wget segfaults on this machine's Debian build, so the page is fetched by Node inside the namespace.
const FETCH =
  "fetch(process.argv[1],{signal:AbortSignal.timeout(1500)}).then(r=>r.text()).then(t=>process.stdout.write(t),()=>process.exit(1))";
const fetchInHost = (url: string) => lab.exec("w1", process.execPath, ["-e", FETCH, url]);

const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let lab: LabNetwork;
let dockerd: Dockerd;
let docker: Dockerode;
let options: DockerPodRuntimeOptions;
let runtime: DockerPodRuntime;
const uids: string[] = [];

function pod(name: string, containers: Container[], restartPolicy = "Always"): Pod {
  const uid = `${suffix}-${name}-uid`;
  uids.push(uid);
  return {
    metadata: { name, namespace: "default", uid },
    spec: { containers, restartPolicy, terminationGracePeriodSeconds: 2 },
  };
}

const ctx = (): SyncContext => ({
  configMaps: new Map(),
  secrets: new Map(),
  podsRoot: options.podsRoot,
  hostIP: lab.host("w1").address,
});

const sync = (p: Pod, unhealthy: string[] = []): Promise<SyncResult> =>
  runtime.syncPod({ pod: p, ctx: ctx(), unhealthy: new Set(unhealthy) });

async function text(stream: Readable | undefined): Promise<string> {
  if (stream === undefined) return "";
  let out = "";
  for await (const chunk of stream) out += (chunk as Buffer).toString();
  return out;
}

async function execAll(session: ExecSession): Promise<{ out: string; err: string; code: number }> {
  const [out, err, code] = await Promise.all([
    text(session.stdout),
    text(session.stderr),
    session.exitCode(),
  ]);
  return { out, err, code };
}

function first<T>(list: readonly T[] | undefined): T {
  const item = list?.[0];
  if (item === undefined) throw new Error("empty list");
  return item;
}

beforeAll(async () => {
  const subnet = await freeLabSubnet();
  lab = new LabNetwork({ bridge: `tkb-${suffix}`, subnet, prefix, hosts: labHosts(0, 1, subnet) });
  await lab.up();
  dockerd = new Dockerd({ netnsPath: lab.netnsPath("w1"), dir: `${dir}/w1`, shutdownTimeoutSec: 2 });
  await dockerd.start();
  await buildLabImages(dockerd.socketPath);
  const bin = join(dir, "cni-bin");
  await installCniShim(bin);
  docker = new Dockerode({ socketPath: dockerd.socketPath });
  options = {
    docker,
    nodeName: "w1",
    podCIDR,
    podsRoot: join(dir, "pods"),
    pauseImage: "tskube/pause:1",
    cni: { binDirs: [bin], plugin: "tskube", ipamDataDir: join(dir, "ipam"), nsenter: lab.netnsPath("w1") },
    logger: silent,
    crashBackoff: { initialMs: 1_000, maxMs: 4_000 },
    imageBackoff: { initialMs: 1_500, maxMs: 6_000 },
  };
  runtime = new DockerPodRuntime(options);
});

afterAll(async () => {
  for (const uid of uids) await runtime?.removePod(uid).catch(() => undefined);
  await dockerd?.destroy(5_000);
  await lab?.down();
  await rm(dir, { recursive: true, force: true });
});

describe("DockerPodRuntime on a lab dockerd", () => {
  const web = pod("web", [{ name: "web", image: "tskube/web:1" }]);
  let webIP = "";
  let webId = "";

  it("runs a web pod with an IP from the podCIDR that answers inside the host", async () => {
    const r = await sync(web);
    const c = first(r.observed.containers);
    expect(c.state.kind).toBe("running");
    expect(r.observed.sandboxReady).toBe(true);
    webIP = first(r.observed.podIPs);
    webId = c.containerID ?? "";
    expect(webIP.startsWith(netPrefix)).toBe(true);
    expect(r.events.map((e) => e.reason)).toEqual(["Pulled", "Created", "Started"]);
    let page = "";
    for (let i = 0; i < 30 && !page.includes("tskube"); i++) {
      page = (await fetchInHost(`http://${webIP}/`)).stdout;
      if (!page.includes("tskube")) await sleep(100);
    }
    expect(page.trim()).toBe("tskube web v1 on web");
  });

  it("execs with separate streams, stdin and the exit code", async () => {
    const out = await execAll(
      await runtime.exec(web, "web", {
        command: ["sh", "-c", "echo out; echo err >&2; exit 3"],
        stdin: false,
        stdout: true,
        stderr: true,
        tty: false,
      }),
    );
    expect(out).toEqual({ out: "out\n", err: "err\n", code: 3 });
    const cat = await runtime.exec(web, "web", {
      command: ["cat"],
      stdin: true,
      stdout: true,
      stderr: true,
      tty: false,
    });
    cat.stdin?.end("hello\n");
    expect(await execAll(cat)).toEqual({ out: "hello\n", err: "", code: 0 });
    expect(await runtime.execSync(webId, ["sh", "-c", "echo ok; exit 2"], 5_000)).toEqual({
      exitCode: 2,
      output: "ok\n",
    });
    expect((await runtime.execSync(webId, ["sleep", "5"], 300)).exitCode).toBe(-1);
  });

  it("reports stats for running containers", async () => {
    const stats = await runtime.stats();
    const mine = stats.find((s) => s.uid === web.metadata?.uid);
    const c = first(mine?.containers);
    expect(c.name).toBe("web");
    expect(c.usageCoreNanoSeconds > 0n).toBe(true);
    expect(c.workingSetBytes).toBeGreaterThan(0);
  });

  it("adopts the pod from a new runtime instance without restarting anything", async () => {
    const fresh = new DockerPodRuntime(options);
    const r = await fresh.syncPod({ pod: web, ctx: ctx(), unhealthy: new Set() });
    expect(r.events).toEqual([]);
    expect(first(r.observed.containers).containerID).toBe(webId);
    expect(r.observed.podIPs).toEqual([webIP]);
    const listed = (await fresh.listPods()).find((p) => p.uid === web.metadata?.uid);
    expect(listed?.containers.map((c) => c.name).sort()).toEqual(["POD", "web"]);
  });

  it("restarts a container whose liveness failed and keeps the previous instance for logs", async () => {
    await expect(runtime.logs(web, "web", { previous: true })).rejects.toThrow(
      'previous terminated container "web" in pod "web" not found',
    );
    const r = await sync(web, ["web"]);
    expect(r.events.map((e) => `${e.reason}: ${e.message}`)).toContain(
      "Killing: Container web failed liveness probe, will be restarted",
    );
    const c = first(r.observed.containers);
    expect(c.state.kind).toBe("running");
    expect(c.restartCount).toBe(1);
    expect(c.containerID).not.toBe(webId);
    expect(c.lastTerminated?.containerID).toBe(webId);
    await runtime
      .exec(web, "web", {
        command: ["sh", "-c", "echo marker > /proc/1/fd/1"],
        stdin: false,
        stdout: true,
        stderr: true,
        tty: false,
      })
      .then(execAll);
    expect(await text(await runtime.logs(web, "web", {}))).toContain("marker");
    expect(await text(await runtime.logs(web, "web", { previous: true }))).not.toContain("marker");
  });

  it("crash-loops a failing container with growing back-off delays", async () => {
    const crash = pod("crash", [
      {
        name: "crash",
        image: "tskube/web:1",
        command: ["sh", "-c", "echo crash-$(cat /proc/sys/kernel/random/uuid); exit 1"],
      },
    ]);
    const starts: { count: number; at: number }[] = [];
    const backOffs = new Set<string>();
    let last: SyncResult | undefined;
    const t0 = Date.now();
    while (Date.now() - t0 < 15_000 && (starts.at(-1)?.count ?? 0) < 3) {
      last = await sync(crash);
      const c = first(last.observed.containers);
      if (last.events.some((e) => e.reason === "Started"))
        starts.push({ count: c.restartCount, at: Date.now() });
      if (c.state.kind === "waiting" && c.state.reason === "CrashLoopBackOff") {
        const message = c.state.message ?? "";
        expect(message).toMatch(/^back-off \ds restarting failed container=crash pod=crash_default\(/);
        backOffs.add(message.split(" ")[1] ?? "");
        expect(c.lastTerminated?.exitCode).toBe(1);
        expect(last.requeueAfterMs).toBeGreaterThan(0);
        expect(last.events.map((e) => e.message)).toContain(
          `Back-off restarting failed container crash in pod crash_default(${crash.metadata?.uid})`,
        );
      }
      await sleep(150);
    }
    expect(starts.map((s) => s.count)).toEqual([0, 1, 2, 3]);
    // First restart right away, then after 1 s, then after 2 s (measured from the exit, plus sync time).
    expect([...backOffs]).toEqual(["1s", "2s"]);
    const gaps = starts.slice(1).map((s, i) => s.at - (starts[i]?.at ?? 0));
    expect(gaps[1]).toBeGreaterThanOrEqual(1_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(2_000);
    const current = await text(await runtime.logs(crash, "crash", { timestamps: true }));
    expect(current).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z crash-[0-9a-f-]+\n$/);
    const previous = await text(await runtime.logs(crash, "crash", { previous: true }));
    expect(previous).toMatch(/^crash-[0-9a-f-]+\n$/);
    expect(current.endsWith(previous)).toBe(false);
    // Only the current and the previous attempt are kept.
    const kept = await docker.listContainers({
      all: true,
      filters: { label: [`${LABELS.podUid}=${crash.metadata?.uid}`, `${LABELS.containerName}=crash`] },
    });
    expect(kept.length).toBeLessThanOrEqual(2);
  });

  it("reports missing images: ErrImageNeverPull, ErrImagePull then ImagePullBackOff", async () => {
    const never = pod("never", [{ name: "c", image: "tskube/nope:1", imagePullPolicy: "Never" }]);
    const r1 = await sync(never);
    expect(first(r1.observed.containers).state).toEqual({
      kind: "waiting",
      reason: "ErrImageNeverPull",
      message: 'Container image "tskube/nope:1" is not present with pull policy of Never',
    });
    const pull = pod("pull", [{ name: "c", image: "127.0.0.1:1/nope:1" }]);
    const r2 = await sync(pull);
    const s2 = first(r2.observed.containers).state;
    expect(s2.kind === "waiting" && s2.reason).toBe("ErrImagePull");
    expect(r2.events.map((e) => e.reason)).toEqual(["Pulling", "Failed", "Failed"]);
    expect(r2.requeueAfterMs).toBe(1_500);
    const r3 = await sync(pull);
    expect(first(r3.observed.containers).state).toEqual({
      kind: "waiting",
      reason: "ImagePullBackOff",
      message: 'Back-off pulling image "127.0.0.1:1/nope:1"',
    });
    expect(r3.requeueAfterMs).toBeGreaterThan(0);
  });

  it("reports a start failure as StartError with exit code 128", async () => {
    const bad = pod("bad", [{ name: "c", image: "tskube/web:1", command: ["/no/such/binary"] }], "Never");
    const r = await sync(bad);
    const s = first(r.observed.containers).state;
    expect(s.kind === "terminated" && [s.exitCode, s.reason]).toEqual([128, "StartError"]);
    expect(
      r.events.some((e) => e.reason === "Failed" && e.message.includes("failed to start container")),
    ).toBe(true);
    // restartPolicy Never: it stays so.
    const again = first((await sync(bad)).observed.containers).state;
    expect(again.kind === "terminated" && again.reason).toBe("StartError");
  });

  it("kills and removes a pod: no container left and its IP released", async () => {
    const uid = web.metadata?.uid ?? "";
    const events = await runtime.killPod(web, 2);
    expect(events.map((e) => e.reason)).toEqual(["Killing"]);
    const listed = (await runtime.listPods()).find((p) => p.uid === uid);
    expect(listed?.containers.every((c) => !c.running)).toBe(true);
    await expect(runtime.removePod(uid)).resolves.toBeUndefined();
    await runtime.removePod(uid);
    expect((await runtime.listPods()).some((p) => p.uid === uid)).toBe(false);
    expect(
      await docker.listContainers({ all: true, filters: { label: [`${LABELS.podUid}=${uid}`] } }),
    ).toEqual([]);
    const ipam = await readdir(join(options.cni.ipamDataDir, "tskube")).catch(() => [] as string[]);
    expect(ipam).not.toContain(webIP);
    expect(existsSync(join(options.podsRoot, uid))).toBe(false);
    const page = await fetchInHost(`http://${webIP}/`);
    expect(page.code).not.toBe(0);
  });

  it("maps missing things to RuntimeError kinds", async () => {
    await expect(runtime.logs(web, "nope", {})).rejects.toSatisfy(
      (e: unknown) => e instanceof RuntimeError && e.kind === "NotFound",
    );
  });
});
