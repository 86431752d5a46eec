import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import type { Dockerd } from "./dockerd.js";
import { LabError } from "./errors.js";
import { ip, linkExists } from "./ip.js";
import { hostDockerd, hostMarker, labNetwork, labRegistry, startAgent, startMaster } from "./lab-cluster.js";
import { kubeconfigPath, type LabPlan, planHost } from "./lab-plan.js";
import { isOurs } from "./lab-processes.js";
import { type LabState, readLabState, writeLabState } from "./lab-state.js";
import { signal, waitGone } from "./procs.js";

// Acting on one host of a running lab: kill, start, partition, heal, exec, and the status table.

function requireState(dir: string): LabState {
  const state = readLabState(dir);
  if (state === undefined) throw new LabError("BadConfig", `no lab under ${dir} (tskube lab up)`);
  return state;
}

/**
 * SIGKILLs a host's tskube process (master or agent); a worker's dockerd and containers keep running. With
 * `dockerd`, a worker's dockerd is killed instead (its containers die with it; the agent keeps running).
 */
export function labKill(
  dir: string,
  name: string,
  what: "process" | "dockerd" = "process",
): number | undefined {
  const state = requireState(dir);
  const host = planHost(state.plan, name);
  if (what === "dockerd") {
    if (host.role !== "worker") throw new LabError("BadConfig", `${name} is not a worker: it has no dockerd`);
    const pid = hostDockerd(state.plan, host).pid();
    if (pid !== undefined) signal(pid, "SIGKILL");
    return pid;
  }
  const pid = state.pids[name];
  if (!isOurs(pid, hostMarker(host))) return undefined;
  signal(pid, "SIGKILL");
  return pid;
}

/**
 * Whether the worker's dockerd is up. One that was just killed may still be on its way out (its process is
 * there, its API is not): it is waited for, so that a new one does not meet its pidfile and socket.
 */
async function dockerdAnswers(dockerd: Dockerd): Promise<boolean> {
  const pid = dockerd.pid();
  if (pid === undefined) return false;
  if (await dockerd.ping()) return true;
  const left = await waitGone([pid], 15_000);
  if (left.length > 0) throw new LabError("CommandFailed", `dockerd (pid ${pid}) neither answers nor exits`);
  return false;
}

/**
 * Starts a worker's dockerd after it died. Its containerd outlives a killed dockerd for a moment, and a new
 * dockerd that meets it gives up ("timeout waiting for containerd to start"): it is tried again.
 */
async function restartDockerd(dockerd: Dockerd): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dockerd.start();
    } catch (err) {
      if (attempt === 3) throw err;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/** Starts what is down on a host again, on the same data: its tskube process, and a worker's dockerd. */
export async function labStart(dir: string, name: string): Promise<number> {
  const state = requireState(dir);
  const host = planHost(state.plan, name);
  const running = state.pids[name];
  const processUp = isOurs(running, hostMarker(host));
  const dockerd = host.role === "worker" ? hostDockerd(state.plan, host) : undefined;
  const dockerdUp = dockerd === undefined || (await dockerdAnswers(dockerd));
  if (processUp && dockerdUp) {
    throw new LabError("BadConfig", `${name} is already running (pid ${running})`);
  }
  if (dockerd !== undefined && !dockerdUp) state.dockerds[name] = await restartDockerd(dockerd);
  if (processUp) {
    writeLabState(state);
    return running;
  }
  if (host.role === "master") {
    state.pids[name] = startMaster(state.plan, host);
  } else {
    if (state.token === undefined) throw new LabError("BadConfig", "the lab has no bootstrap token yet");
    state.pids[name] = startAgent(state.plan, host, state.token);
  }
  writeLabState(state);
  return state.pids[name] as number;
}

/**
 * Cuts a host off the lab network by setting the root end of its veth down: the host keeps its
 * processes, addresses and loopback, but no frame crosses the bridge either way until `heal`.
 */
export async function labPartition(dir: string, name: string): Promise<void> {
  const state = requireState(dir);
  const network = labNetwork(state.plan);
  const host = network.host(planHost(state.plan, name).name);
  await ip(["link", "set", network.vethName(host), "down"]);
  if (!state.partitioned.includes(name)) state.partitioned.push(name);
  writeLabState(state);
}

/** Undoes every partition. */
export async function labHeal(dir: string): Promise<string[]> {
  const state = requireState(dir);
  const network = labNetwork(state.plan);
  const healed: string[] = [];
  for (const host of network.hosts) {
    const veth = network.vethName(host);
    if (await linkExists(veth)) {
      await ip(["link", "set", veth, "up"]);
      if (state.partitioned.includes(host.name)) healed.push(host.name);
    }
  }
  state.partitioned = [];
  writeLabState(state);
  return healed;
}

/** Runs a command inside a host's network namespace with this process's stdio; resolves to its exit code. */
export function labExec(dir: string, name: string, argv: readonly string[]): Promise<number> {
  const state = requireState(dir);
  const host = planHost(state.plan, name);
  const [file, ...args] = argv;
  if (file === undefined)
    throw new LabError("BadConfig", "exec needs a command (tskube lab exec HOST -- CMD …)");
  const child = spawn("nsenter", [`--net=${labNetwork(state.plan).netnsPath(host)}`, "--", file, ...args], {
    stdio: "inherit",
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, sig) => resolve(code ?? (sig === null ? 1 : 128 + signalNumber(sig))));
  });
}

function signalNumber(sig: NodeJS.Signals): number {
  return constants.signals[sig] ?? 1;
}

export interface HostRow {
  readonly name: string;
  readonly role: string;
  readonly ip: string;
  readonly state: string;
  readonly pid?: number;
  readonly dockerdPid?: number;
}

export interface LabStatus {
  readonly dir: string;
  readonly plan: LabPlan;
  readonly hosts: readonly HostRow[];
  readonly registry: { readonly address: string; readonly pid?: number };
  readonly kubeconfig: string;
}

export async function labStatus(dir: string): Promise<LabStatus> {
  const state = requireState(dir);
  const network = labNetwork(state.plan);
  const hosts: HostRow[] = [];
  for (const host of state.plan.hosts) {
    const present = existsSync(network.netnsPath(host));
    const pid = state.pids[host.name];
    const alive = isOurs(pid, hostMarker(host));
    const dockerdPid = host.role === "worker" ? hostDockerd(state.plan, host).pid() : undefined;
    let hostState = !present ? "no netns" : alive ? "running" : "stopped";
    if (present && state.partitioned.includes(host.name)) hostState += ",partitioned";
    hosts.push({
      name: host.name,
      role: host.role,
      ip: host.address,
      state: hostState,
      ...(alive ? { pid } : {}),
      ...(dockerdPid === undefined ? {} : { dockerdPid }),
    });
  }
  const registryPid = isOurs(state.registry, labRegistry(state.plan).dir) ? state.registry : undefined;
  return {
    dir: state.plan.dir,
    plan: state.plan,
    hosts,
    registry: { address: state.plan.registry, ...(registryPid === undefined ? {} : { pid: registryPid }) },
    kubeconfig: kubeconfigPath(state.plan),
  };
}
