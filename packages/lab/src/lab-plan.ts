import { join, resolve } from "node:path";
import {
  DEFAULT_LAB_BRIDGE,
  DEFAULT_LAB_SUBNET,
  gatewayAddress,
  type LabHost,
  labHosts,
} from "./addresses.js";
import { LabError } from "./errors.js";
import { LAB_IMAGES } from "./lab-images.js";

/** The CNI plugin the agents run pods with: ours, or Debian's reference bridge + host-local. */
export type LabCni = "tskube" | "bridge";

export interface LabPlanOptions {
  /** Lab directory (state, per-host data and logs); default .tskube/lab. */
  readonly dir?: string;
  readonly masters?: number;
  readonly workers?: number;
  readonly subnet?: string;
  readonly bridge?: string;
  /** Prefix of namespace and veth names (default tsk: host w1 → netns tsk-w1). */
  readonly prefix?: string;
  /** Default CNI plugin of the agents, optionally per worker: "tskube", "bridge", or "tskube,w3=bridge". */
  readonly cni?: string;
  /** Extra arguments for every agent (e.g. shorter back-offs in tests). */
  readonly agentArgs?: readonly string[];
}

export type HostRole = "master" | "worker";

export interface HostPlan extends LabHost {
  readonly role: HostRole;
  /** <lab dir>/<host>: data, logs, the worker's dockerd. */
  readonly dir: string;
}

/** Everything `lab up` will make, decided before anything is made (DESIGN §4 numbering). */
export interface LabPlan {
  readonly dir: string;
  readonly subnet: string;
  readonly bridge: string;
  readonly prefix: string;
  readonly cni: LabCni;
  /** Workers whose agent uses another CNI plugin than `cni`. */
  readonly cniHosts: Readonly<Record<string, LabCni>>;
  readonly agentArgs: readonly string[];
  readonly hosts: readonly HostPlan[];
  /** host:port of the registry, on the bridge address in the root namespace. */
  readonly registry: string;
}

export const MASTER_PORTS = { peer: 2380, client: 9443, api: 6443, grpc: 6444, metrics: 9100 } as const;
export const AGENT_PORT = 10250;
export const REGISTRY_PORT = 5000;

export function labPlan(options: LabPlanOptions = {}): LabPlan {
  const masters = options.masters ?? 3;
  const workers = options.workers ?? 3;
  if (masters < 1) throw new LabError("BadConfig", "a lab needs at least one master");
  const subnet = options.subnet ?? DEFAULT_LAB_SUBNET;
  const dir = resolve(options.dir ?? ".tskube/lab");
  const hosts = labHosts(masters, workers, subnet).map(
    (h): HostPlan => ({ ...h, role: h.name.startsWith("m") ? "master" : "worker", dir: join(dir, h.name) }),
  );
  const { cni, cniHosts } = parseCni(options.cni ?? "tskube", hosts);
  return {
    dir,
    subnet,
    bridge: options.bridge ?? DEFAULT_LAB_BRIDGE,
    prefix: options.prefix ?? "tsk",
    cni,
    cniHosts,
    agentArgs: options.agentArgs ?? [],
    hosts,
    registry: `${gatewayAddress(subnet)}:${REGISTRY_PORT}`,
  };
}

export function planMasters(plan: LabPlan): HostPlan[] {
  return plan.hosts.filter((h) => h.role === "master");
}

export function planWorkers(plan: LabPlan): HostPlan[] {
  return plan.hosts.filter((h) => h.role === "worker");
}

export function planHost(plan: LabPlan, name: string): HostPlan {
  const host = plan.hosts.find((h) => h.name === name);
  if (host === undefined) {
    throw new LabError(
      "BadConfig",
      `no lab host ${name} (hosts: ${plan.hosts.map((h) => h.name).join(", ")})`,
    );
  }
  return host;
}

/** A lab image as the registry serves it, e.g. 192.168.56.1:5000/tskube/web:1. */
export function registryImage(plan: LabPlan, image: string): string {
  return `${plan.registry}/${image}`;
}

export function registryImages(plan: LabPlan): string[] {
  return LAB_IMAGES.map((i) => registryImage(plan, `${i.repo}:${i.tag}`));
}

/** name=host:2380,… of the founding masters. */
export function initialCluster(plan: LabPlan): string {
  return planMasters(plan)
    .map((m) => `${m.name}=${m.address}:${MASTER_PORTS.peer}`)
    .join(",");
}

export function clientEndpoints(plan: LabPlan): string[] {
  return planMasters(plan).map((m) => `${m.address}:${MASTER_PORTS.client}`);
}

export function grpcEndpoints(plan: LabPlan): string[] {
  return planMasters(plan).map((m) => `${m.address}:${MASTER_PORTS.grpc}`);
}

export function apiServer(plan: LabPlan): string {
  const first = planMasters(plan)[0];
  if (first === undefined) throw new LabError("BadConfig", "a lab needs at least one master");
  return `https://${first.address}:${MASTER_PORTS.api}`;
}

export function kubeconfigPath(plan: LabPlan): string {
  return join(plan.dir, "kubeconfig");
}

export function caPath(plan: LabPlan): string {
  return join(plan.dir, "ca.crt");
}

function cniPlugin(value: string): LabCni {
  if (value !== "tskube" && value !== "bridge") {
    throw new LabError("BadConfig", `--cni: the plugin must be tskube or bridge, got "${value}"`);
  }
  return value;
}

/** "tskube", "bridge", or a default followed by per-worker choices: "tskube,w3=bridge". */
function parseCni(
  text: string,
  hosts: readonly HostPlan[],
): { cni: LabCni; cniHosts: Record<string, LabCni> } {
  const [first = "", ...rest] = text.split(",").map((s) => s.trim());
  const cniHosts: Record<string, LabCni> = {};
  for (const item of rest) {
    const [host = "", plugin = ""] = item.split("=");
    if (!hosts.some((h) => h.name === host && h.role === "worker")) {
      throw new LabError("BadConfig", `--cni: "${host}" is not a worker of this lab`);
    }
    cniHosts[host] = cniPlugin(plugin);
  }
  return { cni: cniPlugin(first), cniHosts };
}

/** The CNI plugin of one worker's agent. */
export function hostCni(plan: LabPlan, host: string): LabCni {
  return plan.cniHosts?.[host] ?? plan.cni;
}
