// The Node status kubelet reports, as a pure function of what the agent measured.
import type { Node, NodeCondition, NodeStatus } from "kubernetes-types/core/v1.js";
import { k8sTime } from "../pod/index.js";

export const AGENT_VERSION = "v1.32.0-tskube";
export const MAX_PODS = 110;

export interface NodeFacts {
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly agentPort: number;
  readonly cpus: number;
  readonly memoryBytes: number;
  readonly kernelVersion: string;
  readonly osImage: string;
  readonly architecture: string;
  readonly machineID: string;
  readonly bootID: string;
  /** e.g. "docker://20.10.24"; empty while dockerd does not answer. */
  readonly runtimeVersion: string;
  /** Why the node is not ready (runtime down, no pod network yet); undefined = ready. */
  readonly notReady?: string;
}

/** Go's GOARCH names, which Kubernetes labels and nodeInfo use. */
export function goArch(nodeArch: string): string {
  return nodeArch === "x64" ? "amd64" : nodeArch === "ia32" ? "386" : nodeArch;
}

export function nodeLabels(f: NodeFacts): Record<string, string> {
  return {
    "kubernetes.io/hostname": f.nodeName,
    "kubernetes.io/os": "linux",
    "kubernetes.io/arch": f.architecture,
    "beta.kubernetes.io/os": "linux",
    "beta.kubernetes.io/arch": f.architecture,
  };
}

/** `healthy` is the good state: Ready=True, or a pressure condition False. */
function condition(
  type: string,
  healthy: boolean,
  reasons: [string, string, string, string],
  previous: NodeCondition | undefined,
  now: string,
): NodeCondition {
  const status = healthy === (type === "Ready") ? "True" : "False";
  const [okReason, okMessage, badReason, badMessage] = reasons;
  return {
    type,
    status,
    reason: healthy ? okReason : badReason,
    message: healthy ? okMessage : badMessage,
    lastHeartbeatTime: now,
    lastTransitionTime: previous?.status === status ? (previous.lastTransitionTime ?? now) : now,
  };
}

/** The status to report; `previous` keeps transition times of conditions that did not change. */
export function nodeStatus(f: NodeFacts, previous: NodeStatus | undefined, now: Date): NodeStatus {
  const t = k8sTime(now);
  const prev = (type: string) => previous?.conditions?.find((c) => c.type === type);
  const memoryKi = `${Math.floor(f.memoryBytes / 1024)}Ki`;
  const resources = { cpu: String(f.cpus), memory: memoryKi, pods: String(MAX_PODS) };
  const ready = f.notReady === undefined;
  return {
    capacity: resources,
    allocatable: resources,
    conditions: [
      condition(
        "MemoryPressure",
        true,
        [
          "KubeletHasSufficientMemory",
          "kubelet has sufficient memory available",
          "KubeletHasInsufficientMemory",
          "",
        ],
        prev("MemoryPressure"),
        t,
      ),
      condition(
        "DiskPressure",
        true,
        ["KubeletHasNoDiskPressure", "kubelet has no disk pressure", "KubeletHasDiskPressure", ""],
        prev("DiskPressure"),
        t,
      ),
      condition(
        "PIDPressure",
        true,
        ["KubeletHasSufficientPID", "kubelet has sufficient PID available", "KubeletHasInsufficientPID", ""],
        prev("PIDPressure"),
        t,
      ),
      condition(
        "Ready",
        ready,
        ["KubeletReady", "kubelet is posting ready status", "KubeletNotReady", f.notReady ?? ""],
        prev("Ready"),
        t,
      ),
    ],
    addresses: [
      { type: "InternalIP", address: f.nodeIP },
      { type: "Hostname", address: f.nodeName },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: f.agentPort } },
    nodeInfo: {
      machineID: f.machineID,
      systemUUID: f.machineID,
      bootID: f.bootID,
      kernelVersion: f.kernelVersion,
      osImage: f.osImage,
      containerRuntimeVersion: f.runtimeVersion,
      kubeletVersion: AGENT_VERSION,
      kubeProxyVersion: "",
      operatingSystem: "linux",
      architecture: f.architecture,
    },
  };
}

/** Whether two statuses differ in anything but heartbeat times (kubelet then reports at once). */
export function nodeStatusChanged(a: NodeStatus | undefined, b: NodeStatus): boolean {
  if (a === undefined) return true;
  const strip = (s: NodeStatus) =>
    JSON.stringify({
      ...s,
      conditions: (s.conditions ?? []).map((c) => ({ ...c, lastHeartbeatTime: undefined })),
    });
  return strip(a) !== strip(b);
}

export function newNode(f: NodeFacts): Node {
  return { apiVersion: "v1", kind: "Node", metadata: { name: f.nodeName, labels: nodeLabels(f) }, spec: {} };
}
