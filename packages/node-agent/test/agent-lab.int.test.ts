import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  freeLabSubnet,
  type LabPlan,
  labDown,
  labLeftovers,
  labPids,
  labPlan,
  readLabState,
} from "@tskube/lab";
import type { Pod } from "kubernetes-types/core/v1.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ipv4InSubnet } from "./helpers/ipv4.js";

// Issue 5's "done when", end to end as a user sees it (root only): `tskube lab up` with 3 masters and 3 workers
// (real namespaces, dockerds, registry, agents), then the real kubectl against pods that are real containers.
// The lab runs on a random bridge, prefix and free /24, so a developer's lab (192.168.56) is untouched. The
// agents get short back-offs (--backoff-initial-ms 1000) so crash loops show their growing delays quickly.
const suffix = randomBytes(3).toString("hex");
const prefix = `tke-${suffix}`;
const bridge = `tkeb-${suffix}`;
const dir = `/tmp/${prefix}`;
const BIN = fileURLToPath(new URL("../../../bin/tskube.js", import.meta.url));

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sh(
  file: string,
  args: readonly string[],
  o: { timeoutMs?: number; input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { timeout: o.timeoutMs ?? 60_000, env: o.env ?? process.env, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
    if (o.input !== undefined) child.stdin?.end(o.input);
  });
}

const lab = (...args: string[]) =>
  sh(process.execPath, [BIN, "lab", "--dir", dir, ...args], { timeoutMs: 240_000 });
const kubeEnv = () => ({ ...process.env, KUBECONFIG: `${dir}/kubeconfig` });
const kubectl = (args: string[], input?: string) =>
  sh("kubectl", args, { env: kubeEnv(), ...(input === undefined ? {} : { input }) });

async function ok(args: string[], input?: string): Promise<string> {
  const r = await kubectl(args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function pod(name: string): Promise<Pod> {
  return JSON.parse(await ok(["get", "pod", name, "-o", "json"])) as Pod;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const running = (name: string) =>
  until(`${name} Running and ready`, async () => {
    const p = await pod(name);
    return p.status?.phase === "Running" && p.status.containerStatuses?.every((c) => c.ready) ? p : undefined;
  });

let plan: LabPlan;
let registry = "";

function manifest(name: string, node: string, spec: Record<string, unknown>): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: { nodeName: node, ...spec },
  });
}

beforeAll(async () => {
  const subnet = await freeLabSubnet();
  plan = labPlan({ dir, subnet, bridge, prefix, masters: 3, workers: 3 });
  registry = `${subnet.split(".").slice(0, 3).join(".")}.1:5000`;
}, 10_000);

afterAll(async () => {
  if (plan !== undefined && readLabState(dir) !== undefined) await labDown(plan);
}, 120_000);

describe("the lab and the node agent", () => {
  it("lab up: 3 masters and 3 workers, every node Ready in kubectl get nodes -o wide", async () => {
    const up = await lab(
      "--subnet",
      plan.subnet,
      "--bridge",
      bridge,
      "--prefix",
      prefix,
      "--cni",
      "tskube,w3=bridge",
      "--agent-args",
      "--backoff-initial-ms 1000 --backoff-max-ms 16000",
      "up",
    );
    expect(up.code, up.stderr + up.stdout).toBe(0);
    expect(up.stdout + up.stderr).toMatch(/lab up in [\d.]+ s/);
    const wide = await ok(["get", "nodes", "-o", "wide", "--no-headers"]);
    const rows = wide
      .trim()
      .split("\n")
      .map((l) => l.split(/\s+/));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ["w1", "Ready"],
      ["w2", "Ready"],
      ["w3", "Ready"],
    ]);
    for (const r of rows) expect(r[5]).toMatch(/^192\.168\.\d+\.2\d$/);
  });

  it("runs a web pod with a pod IP from its node's podCIDR; its readiness probe passes; a pod on the same node reaches it", async () => {
    await ok(
      ["apply", "-f", "-"],
      manifest("web", "w1", {
        containers: [
          {
            name: "web",
            image: `${registry}/tskube/web:1`,
            readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 1 },
          },
        ],
      }) +
        manifest("client", "w1", {
          terminationGracePeriodSeconds: 1,
          containers: [{ name: "c", image: `${registry}/tskube/web:1`, command: ["sleep", "3600"] }],
        }),
    );
    const web = await running("web");
    await running("client");
    const node = JSON.parse(await ok(["get", "node", "w1", "-o", "json"])) as { spec: { podCIDR: string } };
    expect(ipv4InSubnet(web.status?.podIP ?? "", node.spec.podCIDR)).toBe(true);
    expect(web.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
    const body = await ok(["exec", "client", "--", "wget", "-qO-", `http://${web.status?.podIP}/`]);
    expect(body).toContain("tskube web v1 on web");
    // From the node itself (its namespace), as a user on the host would.
    const fromHost = await lab("exec", "w1", "--", "busybox", "wget", "-qO-", `http://${web.status?.podIP}/`);
    expect(fromHost.stdout).toContain("tskube web v1 on web");
  });

  it("serves logs, logs -f, exec, exec -i, exec -it and top", async () => {
    await ok(
      ["apply", "-f", "-"],
      manifest("talker", "w2", {
        containers: [
          {
            name: "c",
            image: `${registry}/tskube/web:1`,
            command: ["sh", "-c", 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.2; done'],
          },
        ],
      }),
    );
    await running("talker");
    await until("some log lines", async () =>
      (await ok(["logs", "talker"])).includes("line 3") ? true : undefined,
    );
    const tail = await ok(["logs", "talker", "--tail", "2"]);
    expect(tail.trim().split("\n")).toHaveLength(2);
    // -f streams new lines: read until 5 more arrive, then hang up as Ctrl-C would.
    const follow = spawn("kubectl", ["logs", "-f", "talker", "--tail", "1"], { env: kubeEnv() });
    const lines = await new Promise<string[]>((resolve, reject) => {
      let out = "";
      const t = setTimeout(() => reject(new Error(`logs -f gave only: ${out}`)), 20_000);
      follow.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const got = out.trim().split("\n");
        if (got.length >= 6) {
          clearTimeout(t);
          resolve(got);
        }
      });
    });
    follow.kill("SIGINT");
    const numbers = lines.map((l) => Number(l.replace("line ", "")));
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBe((numbers[i - 1] ?? 0) + 1);

    const exec = await kubectl(["exec", "talker", "--", "sh", "-c", "echo out; echo err >&2; exit 3"]);
    expect(exec.code).toBe(3);
    expect(exec.stdout).toBe("out\n");
    expect(exec.stderr).toContain("err");
    expect(exec.stderr).toContain("command terminated with exit code 3");
    expect(await ok(["exec", "-i", "talker", "--", "cat"], "piped stdin\n")).toBe("piped stdin\n");
    // -t needs a terminal on kubectl's side: script(1) gives it one.
    const tty = await sh(
      "script",
      ["-qec", "kubectl exec -it talker -- sh -c 'tty; echo $((6*7))'", "/dev/null"],
      { env: kubeEnv(), input: "" },
    );
    expect(tty.code, tty.stdout + tty.stderr).toBe(0);
    expect(tty.stdout).toMatch(/\/dev\/pts\/\d+/);
    expect(tty.stdout).toContain("42");

    const top = await until("kubectl top pods", async () => {
      const r = await kubectl(["top", "pods", "--no-headers"]);
      return r.code === 0 && /talker\s+\d+m\s+\d+Mi/.test(r.stdout) ? r.stdout : undefined;
    });
    expect(top).toMatch(/web\s+\d+m\s+\d+Mi/);
    const nodes = await until("kubectl top nodes", async () => {
      const r = await kubectl(["top", "nodes", "--no-headers"]);
      return r.code === 0 && r.stdout.includes("w3") ? r.stdout : undefined;
    });
    for (const row of nodes.trim().split("\n"))
      expect(row.trim()).toMatch(/^w\d\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%$/);
  });

  it("shares an emptyDir between a container and its sidecar; takes a ConfigMap as env and as files", async () => {
    await ok(
      ["apply", "-f", "-"],
      JSON.stringify({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "settings" },
        data: { GREETING: "hello from a configmap", "app.conf": "mode=blue\n" },
      }),
    );
    await ok(
      ["apply", "-f", "-"],
      manifest("sidecar", "w3", {
        volumes: [
          { name: "shared", emptyDir: {} },
          { name: "conf", configMap: { name: "settings" } },
        ],
        containers: [
          {
            name: "writer",
            image: `${registry}/tskube/web:1`,
            command: [
              "sh",
              "-c",
              'while true; do echo "$GREETING at $(date +%s)" > /shared/now; sleep 1; done',
            ],
            env: [
              { name: "GREETING", valueFrom: { configMapKeyRef: { name: "settings", key: "GREETING" } } },
            ],
            volumeMounts: [{ name: "shared", mountPath: "/shared" }],
          },
          {
            name: "reader",
            image: `${registry}/tskube/web:1`,
            command: ["sleep", "3600"],
            envFrom: [{ configMapRef: { name: "settings" } }],
            volumeMounts: [
              { name: "shared", mountPath: "/data", readOnly: true },
              { name: "conf", mountPath: "/etc/app" },
            ],
          },
        ],
      }),
    );
    await running("sidecar");
    const seen = await until("the sidecar's view of the shared file", async () => {
      const r = await kubectl(["exec", "sidecar", "-c", "reader", "--", "cat", "/data/now"]);
      return r.code === 0 && r.stdout.includes("hello from a configmap") ? r.stdout : undefined;
    });
    expect(seen).toMatch(/^hello from a configmap at \d+/);
    expect(await ok(["exec", "sidecar", "-c", "reader", "--", "cat", "/etc/app/app.conf"])).toBe(
      "mode=blue\n",
    );
    expect(await ok(["exec", "sidecar", "-c", "reader", "--", "sh", "-c", "echo $GREETING"])).toBe(
      "hello from a configmap\n",
    );
    // A changed ConfigMap reaches the files of running pods (env stays as the container started with it).
    await ok([
      "patch",
      "configmap",
      "settings",
      "--type",
      "merge",
      "-p",
      '{"data":{"app.conf":"mode=green\\n"}}',
    ]);
    await until(
      "the ConfigMap file refreshed",
      async () => {
        const r = await kubectl(["exec", "sidecar", "-c", "reader", "--", "cat", "/etc/app/app.conf"]);
        return r.stdout === "mode=green\n" ? true : undefined;
      },
      30_000,
    );
  });

  it("runs init containers first; takes a Secret and a PersistentVolumeClaim as volumes; turns resources into docker limits", async () => {
    await ok(
      ["apply", "-f", "-"],
      [
        { apiVersion: "v1", kind: "Secret", metadata: { name: "creds" }, stringData: { password: "s3cret" } },
        {
          apiVersion: "v1",
          kind: "PersistentVolume",
          metadata: { name: "pv-e2e" },
          spec: {
            capacity: { storage: "1Gi" },
            accessModes: ["ReadWriteOnce"],
            hostPath: { path: `${dir}/pv-e2e` },
          },
        },
        {
          apiVersion: "v1",
          kind: "PersistentVolumeClaim",
          metadata: { name: "claim-e2e" },
          spec: {
            accessModes: ["ReadWriteOnce"],
            resources: { requests: { storage: "1Gi" } },
            volumeName: "pv-e2e",
          },
        },
      ]
        .map((o) => JSON.stringify(o))
        .join("\n") +
        manifest("initialized", "w1", {
          volumes: [
            { name: "work", emptyDir: {} },
            { name: "creds", secret: { secretName: "creds" } },
            { name: "data", persistentVolumeClaim: { claimName: "claim-e2e" } },
          ],
          initContainers: [
            {
              name: "prepare",
              image: `${registry}/tskube/web:1`,
              command: ["sh", "-c", "echo prepared > /work/ready; echo persisted > /data/file"],
              volumeMounts: [
                { name: "work", mountPath: "/work" },
                { name: "data", mountPath: "/data" },
              ],
            },
          ],
          containers: [
            {
              name: "main",
              image: `${registry}/tskube/web:1`,
              command: ["sh", "-c", "cat /work/ready /etc/creds/password; echo; cat /data/file; sleep 3600"],
              resources: { limits: { memory: "64Mi", cpu: "250m" } },
              volumeMounts: [
                { name: "work", mountPath: "/work" },
                { name: "creds", mountPath: "/etc/creds" },
                { name: "data", mountPath: "/data" },
              ],
            },
          ],
        }),
    );
    const p = await running("initialized");
    expect(p.status?.initContainerStatuses?.[0]?.state?.terminated?.reason).toBe("Completed");
    expect(await ok(["logs", "initialized", "-c", "main"])).toBe("prepared\ns3cret\npersisted\n");
    expect(readFileSync(`${dir}/pv-e2e/file`, "utf8")).toBe("persisted\n");
    const id = p.status?.containerStatuses?.[0]?.containerID?.replace("docker://", "") ?? "";
    const limits = await sh("docker", [
      "-H",
      `unix://${dir}/w1/docker/docker.sock`,
      "inspect",
      id,
      "--format",
      "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}",
    ]);
    expect(limits.stdout.trim()).toBe("67108864 250000000");
  });

  it("Debian's reference plugins (bridge + host-local) replace tskube cni by configuration (w3)", async () => {
    const pid = readLabState(dir)?.pids.w3;
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    expect(argv[argv.indexOf("--cni-plugin") + 1]).toBe("bridge");
    await ok(
      ["apply", "-f", "-"],
      manifest("web3", "w3", {
        containers: [
          {
            name: "web",
            image: `${registry}/tskube/web:2`,
            readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 1 },
          },
        ],
      }),
    );
    const web3 = await running("web3");
    const node = JSON.parse(await ok(["get", "node", "w3", "-o", "json"])) as { spec: { podCIDR: string } };
    expect(ipv4InSubnet(web3.status?.podIP ?? "", node.spec.podCIDR)).toBe(true);
    const body = await ok([
      "exec",
      "sidecar",
      "-c",
      "reader",
      "--",
      "wget",
      "-qO-",
      `http://${web3.status?.podIP}/`,
    ]);
    expect(body).toContain("tskube web v2 on web3");
    // host-local's own store (one file per address, named by the IP) holds the pod's address.
    const stored = await sh("ls", [`${dir}/w3/agent/cni/networks/tskube`]);
    expect(stored.stdout.split("\n")).toContain(web3.status?.podIP);
  });

  it("a crashing container reaches CrashLoopBackOff with growing delays between restarts", async () => {
    await ok(
      ["apply", "-f", "-"],
      manifest("crasher", "w2", {
        containers: [
          { name: "c", image: `${registry}/tskube/web:1`, command: ["sh", "-c", "echo bye; exit 1"] },
        ],
      }),
    );
    const starts = new Map<number, number>();
    let sawBackOff = false;
    await until(
      "four restarts",
      async () => {
        const s = (await pod("crasher")).status?.containerStatuses?.[0];
        if (s === undefined) return undefined;
        if (!starts.has(s.restartCount)) starts.set(s.restartCount, Date.now());
        if (s.state?.waiting?.reason === "CrashLoopBackOff") sawBackOff = true;
        return s.restartCount >= 4 ? true : undefined;
      },
      90_000,
    );
    expect(sawBackOff).toBe(true);
    const t = [1, 2, 3, 4].map((n) => starts.get(n) ?? 0);
    const gaps = [(t[1] ?? 0) - (t[0] ?? 0), (t[2] ?? 0) - (t[1] ?? 0), (t[3] ?? 0) - (t[2] ?? 0)];
    // Back-off 1 s, 2 s, 4 s, 8 s: each wait at least ~doubles the one before (polling adds up to 0.5 s).
    expect(gaps[1]).toBeGreaterThan((gaps[0] ?? 0) + 500);
    expect(gaps[2]).toBeGreaterThan((gaps[1] ?? 0) + 1000);
    const p = await pod("crasher");
    expect(p.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(1);
    expect(await ok(["logs", "crasher", "--previous"])).toBe("bye\n");
    const events = await ok(["get", "events", "--field-selector", "involvedObject.name=crasher"]);
    expect(events).toContain("Back-off restarting failed container c in pod crasher");
  });

  it("a failing liveness probe restarts the container", async () => {
    await ok(
      ["apply", "-f", "-"],
      manifest("unlively", "w3", {
        containers: [
          {
            name: "c",
            image: `${registry}/tskube/web:1`,
            livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1, failureThreshold: 2 },
          },
        ],
      }),
    );
    await until(
      "a liveness restart",
      async () =>
        ((await pod("unlively")).status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 || undefined,
    );
    const events = await ok(["get", "events", "--field-selector", "involvedObject.name=unlively"]);
    expect(events).toContain("Liveness probe failed: dial tcp");
    expect(events).toContain("Container c failed liveness probe, will be restarted");
  });

  it("a missing image gives ErrImagePull, then ImagePullBackOff", async () => {
    await ok(
      ["apply", "-f", "-"],
      manifest("noimage", "w1", { containers: [{ name: "c", image: `${registry}/tskube/missing:1` }] }),
    );
    // What `kubectl get pods -w` shows (the states alternate faster than polling would see).
    const watch = spawn("kubectl", ["get", "pod", "noimage", "-w", "--no-headers"], { env: kubeEnv() });
    const states = await new Promise<string[]>((resolve, reject) => {
      const seen: string[] = [];
      let buffered = "";
      const t = setTimeout(() => reject(new Error(`states seen: ${seen.join(", ")}`)), 60_000);
      watch.stdout.on("data", (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) seen.push(line.trim().split(/\s+/)[2] ?? "");
        const pulled = seen.indexOf("ErrImagePull");
        if (pulled >= 0 && seen.indexOf("ImagePullBackOff", pulled) > pulled) {
          clearTimeout(t);
          resolve(seen);
        }
      });
    });
    watch.kill();
    expect(states).toContain("ErrImagePull");
    const events = await ok(["get", "events", "--field-selector", "involvedObject.name=noimage"]);
    expect(events).toContain(`Failed to pull image "${registry}/tskube/missing:1"`);
  });

  it("a deleted pod's containers are stopped within its grace period and removed", async () => {
    await ok(
      ["apply", "-f", "-"],
      manifest("stubborn", "w2", {
        terminationGracePeriodSeconds: 3,
        containers: [
          // Ignores SIGTERM: only the SIGKILL after the grace period ends it.
          {
            name: "c",
            image: `${registry}/tskube/web:1`,
            command: ["sh", "-c", "trap '' TERM; while true; do sleep 1; done"],
          },
        ],
      }),
    );
    const p = await running("stubborn");
    const uid = p.metadata?.uid ?? "";
    const socket = `${dir}/w2/docker/docker.sock`;
    const containers = async () =>
      (
        await sh("docker", [
          "-H",
          `unix://${socket}`,
          "ps",
          "-aq",
          "--filter",
          `label=io.kubernetes.pod.uid=${uid}`,
        ])
      ).stdout.trim();
    expect(await containers()).not.toBe("");
    const started = Date.now();
    await ok(["delete", "pod", "stubborn", "--wait=true"]);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(2500);
    expect(await containers()).toBe("");
  });

  it("bad input gets the right reason and an Event, and recovers when the cause goes", async () => {
    await ok(
      ["apply", "-f", "-"],
      manifest("needs-config", "w1", {
        volumes: [{ name: "conf", configMap: { name: "created-later" } }],
        containers: [
          {
            name: "c",
            image: `${registry}/tskube/web:1`,
            volumeMounts: [{ name: "conf", mountPath: "/etc/later" }],
          },
        ],
      }) +
        manifest("no-binary", "w1", {
          restartPolicy: "Never",
          containers: [{ name: "c", image: `${registry}/tskube/web:1`, command: ["/no/such/binary"] }],
        }) +
        manifest("half-done", "w1", {
          restartPolicy: "Never",
          containers: [
            { name: "done", image: `${registry}/tskube/web:1`, command: ["true"] },
            { name: "main", image: `${registry}/tskube/web:1`, command: ["sleep", "3600"] },
          ],
        }),
    );
    // A volume of a missing ConfigMap: the pod waits in ContainerCreating with FailedMount events…
    await until("FailedMount", async () => {
      const events = await ok(["get", "events", "--field-selector", "involvedObject.name=needs-config"]);
      return events.includes("FailedMount") && events.includes('configmap "created-later" not found')
        ? true
        : undefined;
    });
    const waiting = (await pod("needs-config")).status?.containerStatuses?.[0]?.state?.waiting?.reason;
    expect(waiting).toBe("ContainerCreating");
    // …and starts once the ConfigMap exists.
    await ok(["create", "configmap", "created-later", "--from-literal=key=value"]);
    await running("needs-config");
    expect(await ok(["exec", "needs-config", "--", "cat", "/etc/later/key"])).toBe("value");

    // An impossible command: StartError, exit code 128, the pod Failed (restartPolicy Never).
    const failed = await until("no-binary Failed", async () => {
      const p = await pod("no-binary");
      return p.status?.phase === "Failed" ? p : undefined;
    });
    const terminated = failed.status?.containerStatuses?.[0]?.state?.terminated;
    expect(terminated?.reason).toBe("StartError");
    expect(terminated?.exitCode).toBe(128);
    expect(terminated?.message).toContain("/no/such/binary");

    // exec into a container that has stopped: a clear error, the pod's other container still serves.
    await until("half-done's first container exited", async () => {
      const s = (await pod("half-done")).status?.containerStatuses?.find((c) => c.name === "done");
      return s?.state?.terminated !== undefined ? true : undefined;
    });
    const stopped = await kubectl(["exec", "half-done", "-c", "done", "--", "true"]);
    expect(stopped.code).not.toBe(0);
    expect(stopped.stderr).toMatch(/not running/);
    expect(await ok(["exec", "half-done", "-c", "main", "--", "echo", "still here"])).toBe("still here\n");
  });

  it("dockerd killed under an agent: the node turns NotReady with the reason, then Ready, and its pods run again", async () => {
    const before = await running("talker");
    expect((await lab("kill", "w2", "--dockerd")).code).toBe(0);
    const notReady = await until("w2 NotReady", async () => {
      const node = JSON.parse(await ok(["get", "node", "w2", "-o", "json"])) as {
        status: { conditions: { type: string; status: string; message: string }[] };
      };
      const ready = node.status.conditions.find((c) => c.type === "Ready");
      return ready?.status === "False" ? ready : undefined;
    });
    expect(notReady.message).toBe("container runtime is down");
    // The agent itself keeps serving: pods of the node are listed, the node answers the API server.
    const logs = await kubectl(["logs", "talker", "--tail", "1"]);
    expect(logs.code === 0 || logs.stderr.length > 0).toBe(true);
    expect((await lab("start", "w2")).code).toBe(0);
    await until("w2 Ready", async () => {
      const out = await ok(["get", "node", "w2", "--no-headers"]);
      return /\sReady\s/.test(out) ? true : undefined;
    });
    const after = await until(
      "talker running again",
      async () => {
        const p = await pod("talker");
        const s = p.status?.containerStatuses?.[0];
        return s?.ready === true && s.containerID !== before.status?.containerStatuses?.[0]?.containerID
          ? p
          : undefined;
      },
      90_000,
    );
    expect(after.status?.phase).toBe("Running");
    const events = await ok([
      "get",
      "events",
      "--field-selector",
      "involvedObject.kind=Node,involvedObject.name=w2",
    ]);
    expect(events).toContain("NodeNotReady");
    expect(events).toContain("NodeReady");
  });

  it("an agent SIGKILLed and restarted adopts its pods: no container restarts, statuses stay true", async () => {
    const before = await pod("web");
    const ids = before.status?.containerStatuses?.map((c) => c.containerID);
    expect((await lab("kill", "w1")).code).toBe(0);
    expect((await lab("start", "w1")).code).toBe(0);
    // Give the new agent time to sync, probe and report.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const p = await pod("web");
      expect(p.status?.containerStatuses?.map((c) => c.containerID)).toEqual(ids);
      expect(p.status?.containerStatuses?.[0]?.ready).toBe(true);
      expect(p.status?.containerStatuses?.[0]?.restartCount).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
    }
    const body = await ok(["exec", "client", "--", "wget", "-qO-", `http://${before.status?.podIP}/`]);
    expect(body).toContain("tskube web v1 on web");
  });

  it("lab down leaves no namespace, link, rule, mount or process behind", async () => {
    const state = readLabState(dir);
    expect(state).toBeDefined();
    const pids = state === undefined ? [] : labPids(state);
    const down = await lab("down");
    expect(down.code, down.stderr).toBe(0);
    expect(await labLeftovers(plan, pids)).toEqual([]);
  });
});
