import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  adminKubeconfig,
  ClusterClient,
  GROUP_MASTERS,
  issueClientCert,
  MASTER_NODE_FLAGS,
  masterArgs,
  masterEnv,
  readClusterCa,
  StoreClient,
} from "@tskube/master";
import { cgroupDirs } from "./cgroups.js";
import { dockerPush, dockerTag } from "./docker-api.js";
import { Dockerd } from "./dockerd.js";
import { LabError } from "./errors.js";
import { forwardRuleExists } from "./forward-rule.js";
import { netnsPids } from "./ip.js";
import {
  type AdminCredentials,
  apiCall,
  createBootstrapSecret,
  newBootstrapToken,
  readyNodes,
} from "./lab-api.js";
import { buildLabImages, LAB_IMAGES, PAUSE_IMAGE } from "./lab-images.js";
import { LabNetwork } from "./lab-network.js";
import {
  AGENT_PORT,
  apiServer,
  caPath,
  clientEndpoints,
  type HostPlan,
  hostCni,
  initialCluster,
  kubeconfigPath,
  type LabPlan,
  MASTER_PORTS,
  planMasters,
  planWorkers,
  registryImage,
} from "./lab-plan.js";
import { isOurs, logTail, spawnDetached, stopProcess } from "./lab-processes.js";
import { type LabState, newLabState, readLabState, writeLabState } from "./lab-state.js";
import { mountsUnder, unmountAll } from "./mounts.js";
import { cmdline, isAlive, signal, waitGone } from "./procs.js";
import { Registry } from "./registry.js";
import { run } from "./run.js";

// `tskube lab`: hosts as network namespaces (LabNetwork), masters and agents as real `tskube` processes
// inside them, one dockerd per worker, a registry on the bridge. Every process is remembered by pid in
// <dir>/state.json, which is written before anything is created, so `down` also clears a half-made lab.

const BIN = fileURLToPath(new URL("../../../bin/tskube.js", import.meta.url));

export interface LabUpOptions {
  /** Wait until every worker's Node is Ready (default true). */
  readonly waitNodes?: boolean;
  readonly nodeTimeoutMs?: number;
  /** Called once per finished step (the CLI's progress display). */
  readonly onStep?: (what: string) => void;
}

/** How many onStep calls `labUp` makes for this plan. */
export function labUpSteps(plan: LabPlan, waitNodes = true): number {
  const workers = planWorkers(plan).length;
  // network, masters, leader, kubeconfig, API, done; registry, each dockerd, images, token, agents, nodes.
  return 6 + (workers > 0 ? 4 + workers + (waitNodes ? 1 : 0) : 0);
}

export function labNetwork(plan: LabPlan): LabNetwork {
  return new LabNetwork({ bridge: plan.bridge, subnet: plan.subnet, prefix: plan.prefix, hosts: plan.hosts });
}

export function hostDockerd(plan: LabPlan, host: HostPlan): Dockerd {
  return new Dockerd({
    netnsPath: labNetwork(plan).netnsPath(host),
    dir: join(host.dir, "docker"),
    shutdownTimeoutSec: 5,
    insecureRegistries: [plan.registry],
  });
}

export function labRegistry(plan: LabPlan): Registry {
  return new Registry({ dir: join(plan.dir, "registry"), address: plan.registry });
}

function masterLog(host: HostPlan): string {
  return join(host.dir, "master.log");
}

function agentLog(host: HostPlan): string {
  return join(host.dir, "agent.log");
}

/** The `tskube` process of a host (master or agent) names a path under the host's directory. */
export function hostMarker(host: HostPlan): string {
  return `${host.dir}/`;
}

export function startMaster(plan: LabPlan, host: HostPlan): number {
  const at = (port: number) => `${host.address}:${port}`;
  const args = masterArgs({
    name: host.name,
    dataDir: join(host.dir, "data"),
    peerListen: at(MASTER_PORTS.peer),
    clientListen: at(MASTER_PORTS.client),
    metricsListen: at(MASTER_PORTS.metrics),
    apiListen: at(MASTER_PORTS.api),
    grpcListen: at(MASTER_PORTS.grpc),
    initialCluster: initialCluster(plan),
  });
  return spawnDetached(process.execPath, [...MASTER_NODE_FLAGS, BIN, ...args], {
    netnsPath: labNetwork(plan).netnsPath(host),
    logFile: masterLog(host),
    env: masterEnv(),
  });
}

/** The agent's command line (docs: the agent contract). */
export function agentArgs(plan: LabPlan, host: HostPlan, token: string): string[] {
  return [
    "agent",
    "--server",
    planMasters(plan)
      .map((m) => `${m.address}:${MASTER_PORTS.grpc}`)
      .join(","),
    "--ca-file",
    caPath(plan),
    "--token",
    token,
    "--node-name",
    host.name,
    "--node-ip",
    host.address,
    "--docker",
    hostDockerd(plan, host).host,
    "--data-dir",
    join(host.dir, "agent"),
    "--listen",
    `${host.address}:${AGENT_PORT}`,
    "--pause-image",
    registryImage(plan, PAUSE_IMAGE),
    "--cni-plugin",
    hostCni(plan, host.name),
    ...(plan.agentArgs ?? []),
  ];
}

/**
 * The agent is small and long-lived: a 1 MiB young generation (V8's default is 16 MiB) keeps its resident
 * memory down for a few more scavenges, which its light load does not notice.
 */
export const AGENT_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=1"];

export function startAgent(plan: LabPlan, host: HostPlan, token: string): number {
  return spawnDetached(process.execPath, [...AGENT_NODE_FLAGS, BIN, ...agentArgs(plan, host, token)], {
    netnsPath: labNetwork(plan).netnsPath(host),
    logFile: agentLog(host),
  });
}

function failIfDead(state: LabState, host: HostPlan): void {
  // Only liveness here: a process started a moment ago may not have exec'd yet, and its command line is then
  // still this one's (isOurs would take it for gone). Its pid cannot have been recycled within seconds.
  const pid = state.pids[host.name];
  if (pid === undefined || !isAlive(pid)) {
    const log = host.role === "master" ? masterLog(host) : agentLog(host);
    throw new LabError(
      "CommandFailed",
      `${host.role} ${host.name} exited; last lines of ${log}:\n${logTail(log)}`,
    );
  }
}

async function waitForLeader(state: LabState, timeoutMs: number): Promise<string> {
  const endpoints = clientEndpoints(state.plan);
  const client = new ClusterClient(endpoints, { deadlineMs: 1000 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      for (const m of planMasters(state.plan)) failIfDead(state, m);
      try {
        const s = await client.status(endpoints[0]);
        if (s.leader !== "") return s.leader;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) {
        throw new LabError(
          "CommandFailed",
          `no leader within ${timeoutMs} ms (logs: ${state.plan.dir}/m*/master.log)`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.close();
  }
}

/** Issues an admin certificate from the cluster CA and writes the kubeconfig and ca.crt. */
async function writeAdminFiles(plan: LabPlan): Promise<AdminCredentials> {
  const client = new StoreClient(clientEndpoints(plan), { retryBudgetMs: 30_000 });
  try {
    const deadline = Date.now() + 30_000;
    let ca = await readClusterCa(client);
    while (ca === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      ca = await readClusterCa(client);
    }
    if (ca === undefined) throw new LabError("CommandFailed", "the masters have not created the cluster CA");
    const cert = await issueClientCert(ca, { user: "tskube-admin", groups: [GROUP_MASTERS], days: 365 });
    const server = apiServer(plan);
    const text = adminKubeconfig({
      server,
      caPem: ca.certPem,
      clientCertPem: cert.certPem,
      clientKeyPem: cert.keyPem,
      clusterName: "tskube-lab",
      user: "tskube-admin",
      contextName: "tskube-lab",
      namespace: "default",
    });
    await writeFile(kubeconfigPath(plan), text, { mode: 0o600 });
    await writeFile(caPath(plan), ca.certPem);
    return { server, caPem: ca.certPem, certPem: cert.certPem, keyPem: cert.keyPem };
  } finally {
    client.close();
  }
}

/** The API server answers /healthz once it is up (trusting the cluster CA). */
async function waitForApi(state: LabState, creds: AdminCredentials, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const first = planMasters(state.plan)[0] as HostPlan;
  for (;;) {
    failIfDead(state, first);
    try {
      if ((await apiCall(creds, "GET", "/healthz", undefined, 1_000)).status === 200) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      throw new LabError(
        "CommandFailed",
        `the API server did not answer within ${timeoutMs} ms (see ${masterLog(first)})`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Builds the lab images once (in the first worker's dockerd) and pushes them to the lab registry. */
async function publishImages(plan: LabPlan, builder: Dockerd): Promise<void> {
  await buildLabImages(builder.socketPath);
  for (const image of LAB_IMAGES) {
    const repo = `${plan.registry}/${image.repo}`;
    await dockerTag(builder.socketPath, `${image.repo}:${image.tag}`, repo, image.tag);
    await dockerPush(builder.socketPath, repo, image.tag);
  }
}

async function waitForNodes(state: LabState, creds: AdminCredentials, timeoutMs: number): Promise<void> {
  const workers = planWorkers(state.plan);
  const deadline = Date.now() + timeoutMs;
  let ready = new Set<string>();
  for (;;) {
    for (const w of workers) failIfDead(state, w);
    try {
      ready = await readyNodes(creds);
    } catch {
      // API busy: try again
    }
    const missing = workers.filter((w) => !ready.has(w.name));
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      const logs = missing.map((w) => agentLog(w)).join(", ");
      throw new LabError(
        "CommandFailed",
        `nodes not Ready within ${timeoutMs / 1000} s: ${missing.map((w) => w.name).join(", ")} (see ${logs})`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Brings the whole lab up. Refuses to run over a lab that still has processes. */
export async function labUp(plan: LabPlan, options: LabUpOptions = {}): Promise<LabState> {
  const step = options.onStep ?? (() => undefined);
  const existing = readLabState(plan.dir);
  if (existing !== undefined && labPids(existing).length > 0) {
    throw new LabError(
      "BadConfig",
      `a lab is already running under ${plan.dir} (tskube lab status; tskube lab down)`,
    );
  }
  const state = newLabState(plan);
  writeLabState(state);
  const network = labNetwork(plan);
  await network.up();
  step(`network: bridge ${plan.bridge} ${plan.subnet}, ${plan.hosts.length} host namespaces`);

  // Masters first: they elect while the workers' dockerds start and the images are built.
  for (const m of planMasters(plan)) state.pids[m.name] = startMaster(plan, m);
  writeLabState(state);
  step(
    `started masters ${planMasters(plan)
      .map((m) => `${m.name} (${m.address})`)
      .join(", ")}`,
  );

  const workers = planWorkers(plan);
  if (workers.length > 0) {
    const registry = labRegistry(plan);
    state.registry = await registry.start();
    writeLabState(state);
    step(`registry on http://${plan.registry}`);
    await Promise.all(
      workers.map(async (w) => {
        state.dockerds[w.name] = await hostDockerd(plan, w).start();
        writeLabState(state);
        step(`dockerd of ${w.name}`);
      }),
    );
    await publishImages(plan, hostDockerd(plan, workers[0] as HostPlan));
    step(`images pushed: ${LAB_IMAGES.map((i) => `${plan.registry}/${i.repo}:${i.tag}`).join(", ")}`);
  }

  const leader = await waitForLeader(state, 30_000);
  step(`leader elected: ${leader}`);
  const creds = await writeAdminFiles(plan);
  step(`kubeconfig written to ${kubeconfigPath(plan)}`);
  await waitForApi(state, creds, 60_000);
  step(`API server answering on ${creds.server}`);

  if (workers.length > 0) {
    const token = newBootstrapToken();
    await createBootstrapSecret(creds, token);
    state.token = `${token.id}.${token.secret}`;
    writeLabState(state);
    step(`bootstrap token ${token.id} created`);
    for (const w of workers) state.pids[w.name] = startAgent(plan, w, state.token);
    writeLabState(state);
    step(`started agents on ${workers.map((w) => w.name).join(", ")}`);
    if (options.waitNodes ?? true) {
      await waitForNodes(state, creds, options.nodeTimeoutMs ?? 120_000);
      step(`nodes Ready: ${workers.map((w) => w.name).join(", ")}`);
    }
  }
  step("done");
  return state;
}

/** Every live pid the state names (after checking each is still the lab's process). */
export function labPids(state: LabState): number[] {
  const pids: number[] = [];
  for (const host of state.plan.hosts) {
    if (isOurs(state.pids[host.name], hostMarker(host))) pids.push(state.pids[host.name] as number);
    const dockerd = host.role === "worker" ? hostDockerd(state.plan, host).pid() : undefined;
    if (dockerd !== undefined) pids.push(dockerd);
  }
  if (isOurs(state.registry, labRegistry(state.plan).dir)) pids.push(state.registry as number);
  return pids;
}

/** Pids of this process and its ancestors: a `tskube lab --dir X down` names the lab dir itself. */
function selfAndAncestors(): Set<number> {
  const out = new Set<number>();
  let pid = process.pid;
  while (pid > 1 && !out.has(pid)) {
    out.add(pid);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      break;
    }
  }
  return out;
}

/** Processes (other than us) whose command line names a path inside the lab directory. */
function pidsUnder(dir: string): number[] {
  const skip = selfAndAncestors();
  const prefix = `${dir}/`;
  return readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => !skip.has(pid) && isAlive(pid) && cmdline(pid).some((a) => a.includes(prefix)));
}

/**
 * Stops everything and removes everything the lab made: agents and masters (SIGTERM, then SIGKILL), the
 * registry, the dockerds and their containers, whatever still runs inside a lab namespace, the
 * namespaces, links and rules, mounts under the lab dir, and the dir. Idempotent.
 */
export async function labDown(plan: LabPlan): Promise<void> {
  const state = readLabState(plan.dir) ?? newLabState(plan);
  const p = state.plan;
  await Promise.all(p.hosts.map((h) => stopProcess(state.pids[h.name], hostMarker(h), 10_000)));
  await labRegistry(p).stop(state.registry);
  await Promise.all(planWorkers(p).map((w) => hostDockerd(p, w).destroy(10_000)));
  // Anything left in a lab namespace or naming the lab dir is the lab's (a crashed agent's child, …).
  const network = labNetwork(p);
  const stray = new Set<number>(pidsUnder(p.dir));
  for (const host of p.hosts) for (const pid of await netnsPids(network.netnsName(host))) stray.add(pid);
  for (const pid of selfAndAncestors()) stray.delete(pid);
  for (const pid of stray) signal(pid, "SIGKILL");
  await waitGone([...stray], 5_000);
  await network.down();
  await unmountAll(p.dir);
  await rm(p.dir, { recursive: true, force: true });
}

/**
 * What of the lab is still on this machine: namespaces and links with the lab's prefix, the bridge, the
 * FORWARD rule, mounts under its dir, its processes (the given pids and any naming its dir), its dockerds'
 * cgroups, the dir itself. Empty after a complete `down`.
 */
export async function labLeftovers(plan: LabPlan, pids: readonly number[] = []): Promise<string[]> {
  const left: string[] = [];
  const nsPrefix = `${plan.prefix}-`;
  if (existsSync("/run/netns")) {
    for (const ns of readdirSync("/run/netns")) if (ns.startsWith(nsPrefix)) left.push(`netns ${ns}`);
  }
  const links = await run("ip", ["-j", "link", "show"]);
  for (const link of JSON.parse(links.stdout || "[]") as { ifname?: string }[]) {
    const name = link.ifname ?? "";
    if (name === plan.bridge || name.startsWith(nsPrefix)) left.push(`link ${name}`);
  }
  if (await forwardRuleExists(plan.bridge)) left.push(`iptables FORWARD rule of ${plan.bridge}`);
  for (const mount of mountsUnder(plan.dir)) left.push(`mount ${mount}`);
  for (const pid of new Set([...pids.filter(isAlive), ...pidsUnder(plan.dir)])) {
    left.push(`process ${pid} ${cmdline(pid).join(" ").slice(0, 120)}`);
  }
  for (const w of planWorkers(plan)) {
    for (const dir of cgroupDirs(hostDockerd(plan, w).cgroupParent)) left.push(`cgroup ${dir}`);
  }
  if (existsSync(plan.dir)) left.push(`dir ${plan.dir}`);
  return left;
}
