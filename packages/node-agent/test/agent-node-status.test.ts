import type { NodeCondition, NodeStatus } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import {
  AGENT_VERSION,
  goArch,
  MAX_PODS,
  type NodeFacts,
  newNode,
  nodeStatus,
  nodeStatusChanged,
} from "../src/agent/node-status.js";

const facts = (over: Partial<NodeFacts> = {}): NodeFacts => ({
  nodeName: "w1",
  nodeIP: "192.168.56.21",
  agentPort: 10250,
  cpus: 2,
  memoryBytes: 4 * 1024 * 1024 * 1024 + 1000, // not a whole number of Ki: rounded down
  kernelVersion: "6.1.0",
  osImage: "Debian GNU/Linux 12 (bookworm)",
  architecture: "amd64",
  machineID: "m-123",
  bootID: "b-456",
  runtimeVersion: "docker://20.10.24",
  ...over,
});

const T0 = new Date("2025-01-01T10:00:00.123Z");
const T1 = new Date("2025-01-01T10:00:10.456Z");

function cond(s: NodeStatus, type: string): NodeCondition {
  const c = s.conditions?.find((x) => x.type === type);
  if (c === undefined) throw new Error(`no ${type} condition`);
  return c;
}

describe("nodeStatus conditions", () => {
  it("a ready node: Ready True (KubeletReady), pressure conditions False", () => {
    const s = nodeStatus(facts(), undefined, T0);
    expect(s.conditions?.map((c) => c.type)).toEqual([
      "MemoryPressure",
      "DiskPressure",
      "PIDPressure",
      "Ready",
    ]);
    expect(cond(s, "Ready")).toEqual({
      type: "Ready",
      status: "True",
      reason: "KubeletReady",
      message: "kubelet is posting ready status",
      lastHeartbeatTime: "2025-01-01T10:00:00Z",
      lastTransitionTime: "2025-01-01T10:00:00Z",
    });
    expect(cond(s, "MemoryPressure")).toMatchObject({
      status: "False",
      reason: "KubeletHasSufficientMemory",
    });
    expect(cond(s, "DiskPressure")).toMatchObject({ status: "False", reason: "KubeletHasNoDiskPressure" });
    expect(cond(s, "PIDPressure")).toMatchObject({ status: "False", reason: "KubeletHasSufficientPID" });
  });

  it("a node with a reason not to be ready: Ready False (KubeletNotReady) with that message", () => {
    const s = nodeStatus(facts({ notReady: "container runtime is down" }), undefined, T0);
    expect(cond(s, "Ready")).toMatchObject({
      status: "False",
      reason: "KubeletNotReady",
      message: "container runtime is down",
    });
    // Pressure conditions do not depend on readiness.
    expect(cond(s, "MemoryPressure").status).toBe("False");
  });

  it("keeps transition times of unchanged conditions and moves them on a change; heartbeats always move", () => {
    const first = nodeStatus(facts({ notReady: "no pod network" }), undefined, T0);
    const second = nodeStatus(facts(), first, T1);
    expect(cond(second, "Ready").lastTransitionTime).toBe("2025-01-01T10:00:10Z");
    expect(cond(second, "MemoryPressure").lastTransitionTime).toBe("2025-01-01T10:00:00Z");
    expect(cond(second, "MemoryPressure").lastHeartbeatTime).toBe("2025-01-01T10:00:10Z");
    const third = nodeStatus(facts(), second, new Date("2025-01-01T10:00:20Z"));
    expect(cond(third, "Ready").lastTransitionTime).toBe("2025-01-01T10:00:10Z");
    expect(cond(third, "Ready").lastHeartbeatTime).toBe("2025-01-01T10:00:20Z");
  });
});

describe("nodeStatusChanged", () => {
  it("ignores heartbeat times only", () => {
    const a = nodeStatus(facts(), undefined, T0);
    const b = nodeStatus(facts(), a, T1);
    expect(nodeStatusChanged(a, b)).toBe(false);
    expect(nodeStatusChanged(undefined, b)).toBe(true);
    expect(nodeStatusChanged(a, nodeStatus(facts({ notReady: "down" }), a, T1))).toBe(true);
    expect(nodeStatusChanged(a, nodeStatus(facts({ cpus: 4 }), a, T1))).toBe(true);
    expect(nodeStatusChanged(a, nodeStatus(facts({ runtimeVersion: "" }), a, T1))).toBe(true);
  });
});

describe("nodeStatus resources and info", () => {
  it("capacity = allocatable: cpu count, memory in whole Ki, pods", () => {
    const s = nodeStatus(facts(), undefined, T0);
    expect(s.capacity).toEqual({ cpu: "2", memory: "4194304Ki", pods: String(MAX_PODS) });
    expect(s.allocatable).toEqual(s.capacity);
    expect(MAX_PODS).toBe(110);
  });

  it("addresses, daemon endpoint and nodeInfo", () => {
    const s = nodeStatus(facts(), undefined, T0);
    expect(s.addresses).toEqual([
      { type: "InternalIP", address: "192.168.56.21" },
      { type: "Hostname", address: "w1" },
    ]);
    expect(s.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
    expect(s.nodeInfo).toEqual({
      machineID: "m-123",
      systemUUID: "m-123",
      bootID: "b-456",
      kernelVersion: "6.1.0",
      osImage: "Debian GNU/Linux 12 (bookworm)",
      containerRuntimeVersion: "docker://20.10.24",
      kubeletVersion: AGENT_VERSION,
      kubeProxyVersion: "",
      operatingSystem: "linux",
      architecture: "amd64",
    });
  });

  it("newNode carries the well-known labels", () => {
    expect(newNode(facts({ architecture: "arm64" }))).toEqual({
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: "w1",
        labels: {
          "kubernetes.io/hostname": "w1",
          "kubernetes.io/os": "linux",
          "kubernetes.io/arch": "arm64",
          "beta.kubernetes.io/os": "linux",
          "beta.kubernetes.io/arch": "arm64",
        },
      },
      spec: {},
    });
  });
});

describe("goArch", () => {
  it("maps Node's process.arch names to Go's GOARCH", () => {
    expect(goArch("x64")).toBe("amd64");
    expect(goArch("ia32")).toBe("386");
    expect(goArch("arm64")).toBe("arm64");
    expect(goArch("s390x")).toBe("s390x");
  });
});
