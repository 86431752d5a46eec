import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { type ObservedContainer, podStatus, qosClass } from "../src/pod/index.js";
import { pod } from "./pod-fixtures.js";

const t0 = new Date("2025-01-01T00:00:00.000Z");
const t1 = new Date("2025-01-01T00:01:00.500Z");
const running = (name: string, extra: Partial<ObservedContainer> = {}): ObservedContainer => ({
  name,
  state: { kind: "running", startedAt: t0 },
  restartCount: 0,
  containerID: `id-${name}`,
  ...extra,
});
const exited = (
  name: string,
  exitCode: number,
  extra: Partial<ObservedContainer> = {},
): ObservedContainer => ({
  name,
  state: { kind: "terminated", exitCode, startedAt: t0, finishedAt: t1 },
  restartCount: 0,
  containerID: `id-${name}`,
  ...extra,
});
const cond = (status: ReturnType<typeof podStatus>, type: string) =>
  status.conditions?.find((c) => c.type === type);

describe("podStatus", () => {
  it("reports a pod nothing ran for yet as Pending/ContainerCreating", () => {
    const s = podStatus(pod(), { containers: [], sandboxReady: false }, t0);
    expect(s.phase).toBe("Pending");
    expect(s.containerStatuses).toEqual([
      {
        name: "app",
        image: "busybox",
        imageID: "",
        ready: false,
        restartCount: 0,
        started: false,
        state: { waiting: { reason: "ContainerCreating" } },
      },
    ]);
    expect(s.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ["PodReadyToStartContainers", "False", undefined, undefined],
      ["Initialized", "True", undefined, undefined],
      ["Ready", "False", "ContainersNotReady", "containers with unready status: [app]"],
      ["ContainersReady", "False", "ContainersNotReady", "containers with unready status: [app]"],
      ["PodScheduled", "True", undefined, undefined],
    ]);
    expect(s.startTime).toBe("2025-01-01T00:00:00Z");
    expect(s.qosClass).toBe("BestEffort");
  });

  it("reports a running pod as Running and Ready, with ids, IPs and sorted statuses", () => {
    const p = pod({
      containers: [
        { name: "b", image: "web:1" },
        { name: "a", image: "web:1" },
      ],
    });
    const s = podStatus(
      p,
      {
        containers: [running("b", { imageID: "docker-pullable://web@sha256:ab" }), running("a")],
        sandboxReady: true,
        podIPs: ["10.244.1.5"],
        hostIPs: ["192.168.56.21"],
      },
      t1,
    );
    expect(s.phase).toBe("Running");
    expect(s.podIP).toBe("10.244.1.5");
    expect(s.podIPs).toEqual([{ ip: "10.244.1.5" }]);
    expect(s.hostIP).toBe("192.168.56.21");
    expect(s.containerStatuses?.map((c) => c.name)).toEqual(["a", "b"]);
    expect(s.containerStatuses?.[1]).toEqual({
      name: "b",
      image: "web:1",
      imageID: "docker-pullable://web@sha256:ab",
      containerID: "docker://id-b",
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: "2025-01-01T00:00:00Z" } },
      lastState: {},
    });
    expect(cond(s, "Ready")).toEqual({
      type: "Ready",
      status: "True",
      lastTransitionTime: "2025-01-01T00:01:00Z",
    });
  });

  it("keeps lastTransitionTime while a condition's status is unchanged", () => {
    const p = pod();
    const first = podStatus(p, { containers: [running("app")] }, t0);
    const second = podStatus({ ...p, status: first }, { containers: [running("app")] }, t1);
    expect(cond(second, "Ready")?.lastTransitionTime).toBe("2025-01-01T00:00:00Z");
    expect(second.startTime).toBe("2025-01-01T00:00:00Z");
    const third = podStatus({ ...p, status: second }, { containers: [exited("app", 1)] }, t1);
    expect(cond(third, "Ready")?.lastTransitionTime).toBe("2025-01-01T00:01:00Z");
    expect(cond(third, "PodScheduled")?.lastTransitionTime).toBe("2025-01-01T00:00:00Z");
  });

  it("honours readiness and startup probes", () => {
    const p = pod({
      containers: [
        {
          name: "app",
          readinessProbe: { tcpSocket: { port: 80 } },
          startupProbe: { tcpSocket: { port: 80 } },
        },
      ],
    });
    const notStarted = podStatus(p, { containers: [running("app", { ready: true })] }, t0)
      .containerStatuses?.[0];
    expect([notStarted?.started, notStarted?.ready]).toEqual([false, false]);
    const notReady = podStatus(p, { containers: [running("app", { started: true, ready: false })] }, t0);
    expect([notReady.containerStatuses?.[0]?.started, notReady.containerStatuses?.[0]?.ready]).toEqual([
      true,
      false,
    ]);
    expect(notReady.phase).toBe("Running");
    expect(
      podStatus(p, { containers: [running("app", { started: true, ready: true })] }, t0)
        .containerStatuses?.[0]?.ready,
    ).toBe(true);
  });

  it("shows CrashLoopBackOff with the last termination and keeps Running under restartPolicy Always", () => {
    const s = podStatus(
      pod(),
      {
        containers: [
          {
            name: "app",
            state: {
              kind: "waiting",
              reason: "CrashLoopBackOff",
              message: "back-off 20s restarting failed container=app pod=web_shop(1111-2222)",
            },
            lastTerminated: { exitCode: 2, startedAt: t0, finishedAt: t1, containerID: "old" },
            restartCount: 2,
          },
        ],
      },
      t1,
    );
    expect(s.phase).toBe("Running");
    const c = s.containerStatuses?.[0];
    expect(c?.state?.waiting?.reason).toBe("CrashLoopBackOff");
    expect(c?.restartCount).toBe(2);
    expect(c?.lastState?.terminated).toEqual({
      exitCode: 2,
      reason: "Error",
      startedAt: "2025-01-01T00:00:00Z",
      finishedAt: "2025-01-01T00:01:00Z",
      containerID: "docker://old",
    });
  });

  it.each([
    ["ErrImagePull", "Pending"],
    ["ImagePullBackOff", "Pending"],
    ["CreateContainerConfigError", "Pending"],
    ["RunContainerError", "Pending"],
  ])("a first attempt waiting with %s is %s", (reason, phase) => {
    const s = podStatus(
      pod(),
      { containers: [{ name: "app", state: { kind: "waiting", reason, message: "m" }, restartCount: 0 }] },
      t0,
    );
    expect(s.phase).toBe(phase);
    expect(s.containerStatuses?.[0]?.state).toEqual({ waiting: { reason, message: "m" } });
  });

  const policies = (policy: "Always" | "OnFailure" | "Never", codes: number[]): string =>
    podStatus(
      pod({ restartPolicy: policy, containers: codes.map((_, i) => ({ name: `c${i}` })) }),
      { containers: codes.map((code, i) => exited(`c${i}`, code)) },
      t1,
    ).phase ?? "";

  it("applies getPhase's restartPolicy rules to stopped containers", () => {
    expect(policies("Always", [0])).toBe("Running");
    expect(policies("OnFailure", [0, 0])).toBe("Succeeded");
    expect(policies("OnFailure", [0, 1])).toBe("Running");
    expect(policies("Never", [0, 0])).toBe("Succeeded");
    expect(policies("Never", [0, 1])).toBe("Failed");
  });

  it("reports terminal conditions, terminal pods by exit codes, and never leaves a terminal phase", () => {
    const p = pod({ restartPolicy: "Never" });
    const done = podStatus(p, { containers: [exited("app", 0)] }, t1);
    expect(done.phase).toBe("Succeeded");
    expect(done.containerStatuses?.[0]?.state?.terminated?.reason).toBe("Completed");
    expect(cond(done, "Ready")).toMatchObject({ status: "False", reason: "PodCompleted" });
    expect(cond(done, "ContainersReady")).toMatchObject({ status: "False", reason: "PodCompleted" });
    const failed = podStatus(
      p,
      {
        containers: [
          exited("app", 137, {
            state: { kind: "terminated", exitCode: 137, oomKilled: true, finishedAt: t1 },
          }),
        ],
      },
      t1,
    );
    expect(failed.phase).toBe("Failed");
    expect(failed.containerStatuses?.[0]?.state?.terminated?.reason).toBe("OOMKilled");
    expect(cond(failed, "Ready")).toMatchObject({ status: "False", reason: "PodFailed" });
    expect(podStatus(pod(), { containers: [exited("app", 0)], terminal: true }, t1).phase).toBe("Succeeded");
    expect(podStatus(pod(), { containers: [exited("app", 1)], terminal: true }, t1).phase).toBe("Failed");
    const after = podStatus({ ...p, status: done }, { containers: [] }, t1);
    expect(after.phase).toBe("Succeeded");
    expect(after.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(0);
  });

  describe("init containers", () => {
    const withInit = (policy: "Always" | "Never" = "Always"): Pod =>
      pod({ restartPolicy: policy, initContainers: [{ name: "i1" }, { name: "i2" }] });

    it("are PodInitializing until run, and Initialized lists incomplete ones", () => {
      const s = podStatus(withInit(), { containers: [], initContainers: [running("i1")] }, t0);
      expect(s.phase).toBe("Pending");
      expect(s.initContainerStatuses?.map((c) => c.name)).toEqual(["i1", "i2"]);
      expect(s.initContainerStatuses?.[1]?.state).toEqual({ waiting: { reason: "PodInitializing" } });
      expect(s.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: "PodInitializing" } });
      expect(cond(s, "Initialized")).toMatchObject({
        status: "False",
        reason: "ContainersNotInitialized",
        message: "containers with incomplete status: [i1 i2]",
      });
    });

    it("a failed init container fails the pod under Never, retries under Always", () => {
      const obs = { containers: [], initContainers: [exited("i1", 1)] };
      expect(podStatus(withInit("Never"), obs, t1).phase).toBe("Failed");
      expect(podStatus(withInit("Always"), obs, t1).phase).toBe("Pending");
    });

    it("once all succeeded the pod is Initialized and runs", () => {
      const s = podStatus(
        withInit(),
        { containers: [running("app")], initContainers: [exited("i1", 0), exited("i2", 0)] },
        t1,
      );
      expect(s.phase).toBe("Running");
      expect(cond(s, "Initialized")).toMatchObject({ status: "True" });
      expect(cond(s, "Initialized")?.reason).toBeUndefined();
    });
  });

  it("reports readiness gates", () => {
    const p = pod({ readinessGates: [{ conditionType: "example.com/lb" }] });
    const s = podStatus(p, { containers: [running("app")] }, t0);
    expect(cond(s, "Ready")).toMatchObject({
      status: "False",
      reason: "ReadinessGatesNotReady",
      message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.',
    });
    const gated = { ...p, status: { conditions: [{ type: "example.com/lb", status: "True" }] } };
    const ok = podStatus(gated, { containers: [running("app")] }, t0);
    expect(cond(ok, "Ready")?.status).toBe("True");
    expect(cond(ok, "example.com/lb")?.status).toBe("True");
  });

  it("keeps the API server's qosClass, computes it otherwise", () => {
    expect(podStatus({ ...pod(), status: { qosClass: "Burstable" } }, { containers: [] }, t0).qosClass).toBe(
      "Burstable",
    );
    const g = pod({ containers: [{ name: "a", resources: { limits: { cpu: "1", memory: "1Gi" } } }] });
    expect(qosClass(g)).toBe("Guaranteed");
    const b = pod({ containers: [{ name: "a", resources: { requests: { cpu: "1" } } }] });
    expect(qosClass(b)).toBe("Burstable");
  });
});
