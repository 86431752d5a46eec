import type { Container, Pod, Probe } from "kubernetes-types/core/v1.js";
import { beforeEach, describe, expect, it } from "vitest";
import {
  GRPC_UNSUPPORTED,
  type HttpProbeRequest,
  ProbeManager,
  type TcpProbeRequest,
} from "../src/probes/index.js";
import type { PodEvent } from "../src/runtime/runtime-types.js";
import { FakeClock, settle } from "./probe-fake-clock.js";

const UID = "uid-1";

function podWith(container: Partial<Container>, extra: Partial<Pod["metadata"]> = {}): Pod {
  return {
    metadata: { name: "web", namespace: "shop", uid: UID, ...extra },
    spec: {
      containers: [
        { name: "app", image: "busybox", ...container },
        { name: "plain", image: "busybox" },
      ],
    },
  };
}

const exec = (cmd: string, more: Partial<Probe> = {}): Probe => ({ exec: { command: [cmd] }, ...more });

/** Exec probes answer from `exits` by command name; every call is recorded with its time. */
class Harness {
  clock = new FakeClock();
  exits = new Map<string, number>();
  calls: { id: string; cmd: string; at: number }[] = [];
  changes = 0;
  events: PodEvent[] = [];
  http: HttpProbeRequest[] = [];
  tcp: TcpProbeRequest[] = [];
  manager = new ProbeManager({
    clock: this.clock,
    probers: {
      exec: async (id, command, timeoutMs) => {
        const cmd = command[0] ?? "";
        this.calls.push({ id, cmd, at: this.clock.now() });
        const exitCode = this.exits.get(cmd) ?? 0;
        return { exitCode, output: exitCode === -1 ? "" : `${cmd} says ${exitCode} (timeout ${timeoutMs})` };
      },
      http: async (req) => {
        this.http.push(req);
        return { result: "failure", output: "HTTP probe failed with statuscode: 500" };
      },
      tcp: async (req) => {
        this.tcp.push(req);
        return { result: "success", output: "" };
      },
    },
    onChange: (uid) => {
      expect(uid).toBe(UID);
      this.changes++;
    },
    onEvent: (_uid, e) => this.events.push(e),
  });

  run(pod: Pod, id = "c1", running = true, startedAt = 0): void {
    this.manager.update(
      pod,
      [{ name: "app", containerID: id, running, startedAt: new Date(startedAt) }],
      "10.244.0.5",
    );
  }

  times(cmd: string): number[] {
    return this.calls.filter((c) => c.cmd === cmd).map((c) => c.at);
  }
}

let h: Harness;
beforeEach(() => {
  h = new Harness();
});

describe("readiness", () => {
  it("waits initialDelaySeconds from the container's start, then probes every periodSeconds", async () => {
    h.clock.setTimeout(() => {}, 0);
    await h.clock.advance(2000);
    // The container started 1 s before the agent saw it: the delay counts from its start.
    h.run(
      podWith({ readinessProbe: exec("ready", { initialDelaySeconds: 5, periodSeconds: 3 }) }),
      "c1",
      true,
      1000,
    );
    expect(h.manager.ready(UID, "app")).toBe(false);
    await h.clock.advance(3999);
    expect(h.calls).toEqual([]);
    await h.clock.advance(1);
    expect(h.times("ready")).toEqual([6000]);
    expect(h.manager.ready(UID, "app")).toBe(true);
    expect(h.changes).toBe(1);
    await h.clock.advance(6000);
    expect(h.times("ready")).toEqual([6000, 9000, 12000]);
    expect(h.changes).toBe(1);
  });

  it("is undefined without a readiness probe, and for unknown pods", () => {
    h.run(podWith({ livenessProbe: exec("live") }));
    expect(h.manager.ready(UID, "app")).toBeUndefined();
    expect(h.manager.started(UID, "app")).toBeUndefined();
    expect(h.manager.ready(UID, "plain")).toBeUndefined();
    expect(h.manager.ready("other", "app")).toBeUndefined();
  });

  it("flips only after failureThreshold failures and successThreshold successes in a row", async () => {
    h.run(
      podWith({
        readinessProbe: exec("ready", { periodSeconds: 1, successThreshold: 2, failureThreshold: 3 }),
      }),
    );
    await h.clock.advance(0);
    expect(h.manager.ready(UID, "app")).toBe(false);
    await h.clock.advance(1000);
    expect(h.manager.ready(UID, "app")).toBe(true);
    h.exits.set("ready", 1);
    await h.clock.advance(2000);
    expect(h.manager.ready(UID, "app")).toBe(true);
    h.exits.set("ready", 0);
    await h.clock.advance(1000); // a success breaks the run of failures
    h.exits.set("ready", 1);
    await h.clock.advance(2000);
    expect(h.manager.ready(UID, "app")).toBe(true);
    await h.clock.advance(1000);
    expect(h.manager.ready(UID, "app")).toBe(false);
    expect(h.changes).toBe(2);
    const failures = h.events.filter((e) => e.reason === "Unhealthy");
    expect(failures).toHaveLength(5);
    expect(failures[0]).toEqual({
      type: "Warning",
      reason: "Unhealthy",
      message: "Readiness probe failed: ready says 1 (timeout 1000)",
      fieldPath: "spec.containers{app}",
    });
  });

  it("stops probing and reports not ready when the container stops", async () => {
    const pod = podWith({ readinessProbe: exec("ready", { periodSeconds: 1 }) });
    h.run(pod);
    await h.clock.advance(0);
    expect(h.manager.ready(UID, "app")).toBe(true);
    h.run(pod, "c1", false);
    expect(h.manager.ready(UID, "app")).toBe(false);
    await h.clock.advance(5000);
    expect(h.calls).toHaveLength(1);
    expect(h.clock.pending).toBe(0);
  });
});

describe("startup", () => {
  it("gates liveness and readiness until it succeeds, then stops probing", async () => {
    h.exits.set("start", 1);
    h.run(
      podWith({
        startupProbe: exec("start", { periodSeconds: 2, failureThreshold: 10 }),
        readinessProbe: exec("ready", { periodSeconds: 5 }),
        livenessProbe: exec("live", { periodSeconds: 5 }),
      }),
    );
    await h.clock.advance(4000);
    expect(h.times("start")).toEqual([0, 2000, 4000]);
    expect(h.times("ready")).toEqual([]);
    expect(h.times("live")).toEqual([]);
    expect(h.manager.started(UID, "app")).toBe(false);
    expect(h.manager.ready(UID, "app")).toBe(false);
    h.exits.set("start", 0);
    await h.clock.advance(2000);
    expect(h.manager.started(UID, "app")).toBe(true);
    // Readiness is probed at once when startup succeeds; liveness waits for its next tick.
    expect(h.times("ready")).toEqual([6000]);
    expect(h.manager.ready(UID, "app")).toBe(true);
    await h.clock.advance(10_000);
    expect(h.times("start")).toEqual([0, 2000, 4000, 6000]);
    expect(h.times("live")).toEqual([10_000, 15_000]);
    expect(h.times("ready")).toEqual([6000, 11_000, 16_000]);
    expect(h.manager.unhealthy(UID).size).toBe(0);
  });

  it("marks the container unhealthy after failureThreshold failures", async () => {
    h.exits.set("start", 1);
    h.run(podWith({ startupProbe: exec("start", { periodSeconds: 1, failureThreshold: 3 }) }));
    await h.clock.advance(1000);
    expect(h.manager.unhealthy(UID).size).toBe(0);
    await h.clock.advance(1000);
    expect([...h.manager.unhealthy(UID)]).toEqual(["app"]);
    expect(h.changes).toBe(1);
    expect(h.events.at(-1)?.message).toBe("Startup probe failed: start says 1 (timeout 1000)");
    await h.clock.advance(10_000);
    expect(h.calls).toHaveLength(3);
  });
});

describe("liveness", () => {
  it("reports unhealthy once, holds, and resets for a new container instance", async () => {
    const pod = podWith({
      livenessProbe: exec("live", { periodSeconds: 10, failureThreshold: 3 }),
      readinessProbe: exec("ready", { periodSeconds: 10 }),
    });
    h.run(pod);
    await h.clock.advance(10_000);
    expect(h.manager.ready(UID, "app")).toBe(true);
    h.exits.set("live", 1);
    await h.clock.advance(20_000);
    expect(h.manager.unhealthy(UID).size).toBe(0);
    await h.clock.advance(10_000);
    expect([...h.manager.unhealthy(UID)]).toEqual(["app"]);
    const changes = h.changes;
    await h.clock.advance(60_000);
    expect(h.times("live")).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(h.changes).toBe(changes);
    expect(h.events.filter((e) => e.message.startsWith("Liveness probe failed: "))).toHaveLength(3);
    // Unchanged observations keep the verdict; the agent restarts the container → a new id.
    h.run(pod);
    expect(h.manager.unhealthy(UID).size).toBe(1);
    h.exits.set("live", 0);
    h.run(pod, "c2", true, 100_000);
    expect(h.manager.unhealthy(UID).size).toBe(0);
    expect(h.manager.ready(UID, "app")).toBe(false);
    await h.clock.advance(0);
    expect(h.calls.at(-1)).toMatchObject({ id: "c2", at: 100_000 });
    expect(h.manager.ready(UID, "app")).toBe(true);
  });

  it("does not run while the pod is being deleted", async () => {
    h.exits.set("live", 1);
    h.run(
      podWith(
        { livenessProbe: exec("live", { periodSeconds: 1 }) },
        { deletionTimestamp: "2025-01-01T00:00:00Z" },
      ),
    );
    await h.clock.advance(5000);
    expect(h.calls).toEqual([]);
  });
});

describe("instances and removal", () => {
  it("drops the result of a probe that finishes after its container was replaced", async () => {
    let release: (v: { exitCode: number; output: string }) => void = () => {};
    const manager = new ProbeManager({
      clock: h.clock,
      probers: { exec: () => new Promise((r) => (release = r)) },
      onChange: () => h.changes++,
    });
    const pod = podWith({ readinessProbe: exec("ready") });
    const at = (id: string) => [{ name: "app", containerID: id, running: true, startedAt: new Date(0) }];
    manager.update(pod, at("c1"));
    await h.clock.advance(0);
    manager.update(pod, at("c2"));
    release({ exitCode: 0, output: "" });
    await settle();
    expect(manager.ready(UID, "app")).toBe(false);
    expect(h.changes).toBe(0);
    manager.close();
  });

  it("stops every worker on remove", async () => {
    h.run(podWith({ readinessProbe: exec("ready"), livenessProbe: exec("live") }));
    await h.clock.advance(0);
    h.manager.remove(UID);
    expect(h.clock.pending).toBe(0);
    expect(h.manager.ready(UID, "app")).toBeUndefined();
  });

  it("stops workers of containers that are no longer observed", async () => {
    h.run(podWith({ readinessProbe: exec("ready") }));
    h.manager.update(podWith({ readinessProbe: exec("ready") }), [], "10.244.0.5");
    expect(h.clock.pending).toBe(0);
    expect(h.manager.ready(UID, "app")).toBeUndefined();
  });
});

describe("probe actions", () => {
  it("reports an exec timeout as kubelet does", async () => {
    h.exits.set("sleep", -1);
    h.run(podWith({ readinessProbe: { exec: { command: ["sleep", "10"] }, timeoutSeconds: 2 } }));
    await h.clock.advance(0);
    expect(h.events[0]?.message).toBe('Readiness probe failed: command "sleep 10" timed out');
  });

  it("sends httpGet to the pod IP and a named port, with the probe's headers", async () => {
    h.run(
      podWith({
        ports: [{ name: "http", containerPort: 8080 }],
        readinessProbe: {
          httpGet: {
            port: "http",
            path: "healthz",
            scheme: "HTTPS",
            httpHeaders: [{ name: "X-A", value: "1" }],
          },
        },
      }),
    );
    await h.clock.advance(0);
    expect(h.http).toEqual([
      {
        scheme: "HTTPS",
        host: "10.244.0.5",
        port: 8080,
        path: "healthz",
        headers: [{ name: "X-A", value: "1" }],
        timeoutMs: 1000,
      },
    ]);
    expect(h.events[0]?.message).toBe("Readiness probe failed: HTTP probe failed with statuscode: 500");
  });

  it("uses tcpSocket's host when set", async () => {
    h.run(podWith({ readinessProbe: { tcpSocket: { host: "127.0.0.1", port: 9000 } } }));
    await h.clock.advance(0);
    expect(h.tcp).toEqual([{ host: "127.0.0.1", port: 9000, timeoutMs: 1000 }]);
    expect(h.manager.ready(UID, "app")).toBe(true);
  });

  it("records an error without counting it when a named port does not exist", async () => {
    h.run(podWith({ livenessProbe: { tcpSocket: { port: "nope" }, periodSeconds: 1, failureThreshold: 1 } }));
    await h.clock.advance(3000);
    expect(h.tcp).toEqual([]);
    expect(h.manager.unhealthy(UID).size).toBe(0);
    expect(h.events[0]?.message).toBe("Liveness probe errored: couldn't find port: nope in app");
  });

  it("fails grpc probes with a clear message", async () => {
    h.run(podWith({ livenessProbe: { grpc: { port: 9000 }, failureThreshold: 1 } }));
    await h.clock.advance(0);
    expect(h.events[0]?.message).toBe(`Liveness probe failed: ${GRPC_UNSUPPORTED}`);
    expect([...h.manager.unhealthy(UID)]).toEqual(["app"]);
  });
});
