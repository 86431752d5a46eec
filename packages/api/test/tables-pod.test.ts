import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { printerFor } from "../src/tables/index.js";

const NOW = new Date("2026-01-10T12:00:00Z");
const CREATED = "2026-01-10T11:59:48Z";
const printer = printerFor("Pod");

function pod(status: Pod["status"], extra: Partial<Pod> = {}): Pod {
  return {
    metadata: { name: "web-5d8f-abcde", namespace: "default", creationTimestamp: CREATED },
    spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
    status,
    ...extra,
  };
}

const running = { running: { startedAt: CREATED } };

describe("Pod columns", () => {
  it("has Kubernetes' names and wide priorities", () => {
    expect(printer.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Ready", 0],
      ["Status", 0],
      ["Restarts", 0],
      ["Age", 0],
      ["IP", 1],
      ["Node", 1],
      ["Nominated Node", 1],
      ["Readiness Gates", 1],
    ]);
    expect(printer.columns[0]?.format).toBe("name");
  });
});

describe("Pod cells", () => {
  it("a running, ready pod with its wide cells", () => {
    const p = pod(
      {
        phase: "Running",
        podIP: "10.244.0.7",
        podIPs: [{ ip: "10.244.0.7" }],
        containerStatuses: [
          { name: "web", image: "nginx:1.27", imageID: "", ready: true, restartCount: 0, state: running },
        ],
      },
      { spec: { containers: [{ name: "web" }], nodeName: "node-1" } },
    );
    expect(printer.row(p, NOW)).toEqual([
      "web-5d8f-abcde",
      "1/1",
      "Running",
      "0",
      "12s",
      "10.244.0.7",
      "node-1",
      "<none>",
      "<none>",
    ]);
  });

  it("an unscheduled pod: Pending, 0/1, <none> for IP and node", () => {
    expect(printer.row(pod({ phase: "Pending" }), NOW)).toEqual([
      "web-5d8f-abcde",
      "0/1",
      "Pending",
      "0",
      "12s",
      "<none>",
      "<none>",
      "<none>",
      "<none>",
    ]);
  });

  it.each([
    ["ContainerCreating", { waiting: { reason: "ContainerCreating" } }, "Pending"],
    ["CrashLoopBackOff", { waiting: { reason: "CrashLoopBackOff", message: "back-off" } }, "Running"],
    ["Completed", { terminated: { exitCode: 0, reason: "Completed" } }, "Succeeded"],
    ["Error", { terminated: { exitCode: 1, reason: "Error" } }, "Failed"],
    ["ExitCode:3", { terminated: { exitCode: 3 } }, "Failed"],
    ["Signal:9", { terminated: { exitCode: 137, signal: 9 } }, "Failed"],
  ])("Status %s from the container state", (expected, state, phase) => {
    const p = pod({
      phase,
      containerStatuses: [{ name: "web", image: "", imageID: "", ready: false, restartCount: 0, state }],
    });
    expect(printer.row(p, NOW)[2]).toBe(expected);
    expect(printer.row(p, NOW)[1]).toBe("0/1");
  });

  it("the pod's own reason wins over the phase (e.g. Evicted)", () => {
    expect(printer.row(pod({ phase: "Failed", reason: "Evicted" }), NOW)[2]).toBe("Evicted");
  });

  it("Terminating while deletionTimestamp is set and the phase is not terminal", () => {
    const p = pod({ phase: "Running" });
    p.metadata = { ...p.metadata, deletionTimestamp: "2026-01-10T11:59:59Z" };
    expect(printer.row(p, NOW)[2]).toBe("Terminating");
    const done = pod({ phase: "Succeeded" });
    done.metadata = { ...done.metadata, deletionTimestamp: "2026-01-10T11:59:59Z" };
    expect(printer.row(done, NOW)[2]).toBe("Succeeded");
  });

  it("restarts with the age of the last termination", () => {
    const p = pod({
      phase: "Running",
      containerStatuses: [
        {
          name: "web",
          image: "",
          imageID: "",
          ready: true,
          restartCount: 5,
          state: running,
          lastState: { terminated: { exitCode: 1, finishedAt: "2026-01-10T11:55:00Z" } },
        },
      ],
    });
    expect(printer.row(p, NOW).slice(1, 4)).toEqual(["1/1", "Running", "5 (5m ago)"]);
  });

  it("init containers: Init:i/n while waiting, Init:<reason> on failure", () => {
    const spec = { initContainers: [{ name: "a" }, { name: "b" }], containers: [{ name: "web" }] };
    const waiting = pod(
      {
        phase: "Pending",
        initContainerStatuses: [
          {
            name: "a",
            image: "",
            imageID: "",
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode: 0 } },
          },
          {
            name: "b",
            image: "",
            imageID: "",
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: "PodInitializing" } },
          },
        ],
      },
      { spec },
    );
    expect(printer.row(waiting, NOW)[2]).toBe("Init:1/2");
    const failed = pod(
      {
        phase: "Pending",
        initContainerStatuses: [
          {
            name: "a",
            image: "",
            imageID: "",
            ready: false,
            restartCount: 2,
            state: { waiting: { reason: "CrashLoopBackOff" } },
          },
        ],
      },
      { spec },
    );
    expect(printer.row(failed, NOW).slice(2, 4)).toEqual(["Init:CrashLoopBackOff", "2"]);
  });

  it("restartable init containers (sidecars) count in Ready", () => {
    const p = pod(
      {
        phase: "Running",
        initContainerStatuses: [
          {
            name: "proxy",
            image: "",
            imageID: "",
            ready: true,
            started: true,
            restartCount: 0,
            state: running,
          },
        ],
        containerStatuses: [
          { name: "web", image: "", imageID: "", ready: true, restartCount: 0, state: running },
        ],
      },
      {
        spec: { initContainers: [{ name: "proxy", restartPolicy: "Always" }], containers: [{ name: "web" }] },
      },
    );
    expect(printer.row(p, NOW).slice(1, 3)).toEqual(["2/2", "Running"]);
  });

  it("readiness gates count the true conditions", () => {
    const p = pod(
      { phase: "Running", conditions: [{ type: "example.com/gate", status: "True" }] },
      {
        spec: {
          containers: [{ name: "web" }],
          readinessGates: [{ conditionType: "example.com/gate" }, { conditionType: "x/y" }],
        },
      },
    );
    expect(printer.row(p, NOW)[8]).toBe("1/2");
  });
});
