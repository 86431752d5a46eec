import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { join, relative, resolve } from "node:path";
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
  type SpawnMasterOptions,
  StoreClient,
} from "@tskube/master";
import type { Command } from "commander";
import { LAB_ENDPOINTS } from "../defaults.js";
import { Progress } from "../progress.js";

// `tskube lab`: the cluster on this machine. For now the hosts are loopback addresses 127.0.0.11–13 that mirror
// the lab plan of 192.168.56.11–13 (DESIGN §4), with the default ports (peer 2380, gRPC 9443, metrics 9100).
// The namespace hosts, workers and dockerds of the lab issue grow out of this.

const BIN = fileURLToPath(new URL("../../../../bin/tskube.js", import.meta.url));

interface LabMember {
  readonly name: string;
  readonly pid: number;
  readonly peer: string;
  readonly client: string;
  readonly metrics: string;
  /** The API server (HTTPS, kubectl) and the gRPC object API. */
  readonly api: string;
  readonly grpc: string;
  readonly dataDir: string;
  readonly logFile: string;
}

interface LabState {
  readonly masters: LabMember[];
  /** The lab's directory (where the kubeconfig is). */
  readonly dir?: string;
}

interface LabOptions {
  readonly dir: string;
  readonly masters: string;
}

function labMember(dir: string, i: number): Omit<LabMember, "pid"> {
  const host = `127.0.0.${11 + i}`;
  const name = `m${i + 1}`;
  return {
    name,
    peer: `${host}:2380`,
    client: `${host}:9443`,
    metrics: `${host}:9100`,
    api: `${host}:6443`,
    grpc: `${host}:6444`,
    dataDir: join(dir, name, "data"),
    logFile: join(dir, name, "master.log"),
  };
}

function statePath(dir: string): string {
  return join(dir, "state.json");
}

function readState(dir: string): LabState | null {
  const file = statePath(dir);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")) as LabState;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function startMember(m: Omit<LabMember, "pid">, initialCluster: string): LabMember {
  mkdirSync(join(m.dataDir, ".."), { recursive: true });
  const options: SpawnMasterOptions = {
    name: m.name,
    dataDir: m.dataDir,
    peerListen: m.peer,
    clientListen: m.client,
    metricsListen: m.metrics,
    apiListen: m.api,
    grpcListen: m.grpc,
    initialCluster,
  };
  const log = openSync(m.logFile, "a");
  // Detached with its own session: the lab outlives this command; `lab down` stops it by pid.
  const child = spawn(process.execPath, [...MASTER_NODE_FLAGS, BIN, ...masterArgs(options)], {
    detached: true,
    env: masterEnv(),
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start master ${m.name}`);
  child.unref();
  return { ...m, pid: child.pid };
}

async function waitForLeader(state: LabState, timeoutMs: number): Promise<string> {
  const client = new ClusterClient(
    state.masters.map((m) => m.client),
    { deadlineMs: 1000 },
  );
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      for (const m of state.masters) {
        if (!alive(m.pid)) {
          const tail = readFileSync(m.logFile, "utf8").trimEnd().split("\n").slice(-5).join("\n");
          throw new Error(`master ${m.name} exited; last lines of ${m.logFile}:\n${tail}`);
        }
      }
      try {
        const s = await client.status(state.masters[0]?.client);
        if (s.leader !== "") return s.leader;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline)
        throw new Error(`no leader elected within ${timeoutMs} ms (logs under ${state.masters[0]?.logFile})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.close();
  }
}

function kubeconfigPath(dir: string): string {
  return join(dir, "kubeconfig");
}

/** The API server is up once /healthz answers (TLS; the CA is not known to this process yet). */
async function waitForApi(m: LabMember, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive(m.pid)) throw new Error(`master ${m.name} exited; see ${m.logFile}`);
    const ok = await new Promise<boolean>((done) => {
      const req = httpsRequest(
        `https://${m.api}/healthz`,
        { rejectUnauthorized: false, timeout: 1000 },
        (res) => {
          res.resume();
          done(res.statusCode === 200);
        },
      );
      req.on("error", () => done(false));
      req.on("timeout", () => req.destroy());
      req.end();
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`the API server of ${m.name} did not answer within ${timeoutMs} ms (see ${m.logFile})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** An admin kubeconfig for the lab, made as `tskube kubeconfig` makes it. */
async function writeKubeconfig(dir: string, state: LabState): Promise<void> {
  const first = state.masters[0];
  if (first === undefined) return;
  const client = new StoreClient(
    state.masters.map((m) => m.client),
    { retryBudgetMs: 30_000 },
  );
  try {
    const ca = await readClusterCa(client);
    if (ca === undefined) throw new Error("the masters have not created the cluster CA");
    const cert = await issueClientCert(ca, { user: "tskube-admin", groups: [GROUP_MASTERS], days: 365 });
    const text = adminKubeconfig({
      server: `https://${first.api}`,
      caPem: ca.certPem,
      clientCertPem: cert.certPem,
      clientKeyPem: cert.keyPem,
      clusterName: "tskube-lab",
      user: "tskube-admin",
      contextName: "tskube-lab",
      namespace: "default",
    });
    writeFileSync(kubeconfigPath(dir), text, { mode: 0o600 });
  } finally {
    client.close();
  }
}

async function up(o: LabOptions): Promise<void> {
  const started = Date.now();
  const dir = resolve(o.dir);
  const count = Number.parseInt(o.masters, 10);
  if (!Number.isInteger(count) || count < 1 || count > 9)
    throw new Error(`--masters must be 1..9, got ${o.masters}`);
  const existing = readState(dir);
  if (existing?.masters.some((m) => alive(m.pid))) {
    throw new Error(`a lab is already running under ${dir} (tskube lab status; tskube lab down)`);
  }
  mkdirSync(dir, { recursive: true });
  const plan = Array.from({ length: count }, (_, i) => labMember(dir, i));
  const initialCluster = plan.map((m) => `${m.name}=${m.peer}`).join(",");
  const progress = new Progress(count + 3, "lab up");
  const masters: LabMember[] = [];
  for (const m of plan) {
    masters.push(startMember(m, initialCluster));
    progress.step(`started master ${m.name} on ${m.client}`);
  }
  const state: LabState = { masters, dir };
  writeFileSync(statePath(dir), `${JSON.stringify(state, null, 2)}\n`);
  const leader = await waitForLeader(state, 30_000);
  progress.step(`leader elected: ${leader}`);
  const first = masters[0];
  if (first !== undefined) {
    await waitForApi(first, 60_000);
    progress.step(`API server answering on https://${first.api}`);
    await writeKubeconfig(dir, state);
    progress.step(`kubeconfig written to ${kubeconfigPath(dir)}`);
  }
  progress.done(`lab up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  printStatus(state, leader);
}

function printStatus(state: LabState, leader: string | null): void {
  const rows = state.masters.map((m) => [
    m.name,
    alive(m.pid) ? "running" : "stopped",
    String(m.pid),
    m.client,
    m.api === undefined ? "" : `https://${m.api}`,
    m.peer,
    `http://${m.metrics}/metrics`,
    m.name === leader ? "leader" : "",
  ]);
  const header = ["NAME", "STATE", "PID", "CLIENT", "API", "PEER", "METRICS", "ROLE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  for (const r of [header, ...rows]) {
    process.stdout.write(
      `${r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd()}\n`,
    );
  }
  const endpoints = state.masters.map((m) => m.client).join(",");
  const flag = endpoints === LAB_ENDPOINTS ? "" : ` --endpoints ${endpoints}`;
  const absolute = kubeconfigPath(state.dir ?? resolve(".tskube/lab"));
  const near = relative(process.cwd(), absolute);
  const kubeconfig = near.startsWith("..") ? absolute : near;
  process.stdout.write(`\ntry: export KUBECONFIG=${kubeconfig}\n`);
  process.stdout.write(
    "     kubectl get namespaces; kubectl create deployment web --image=nginx:1.25; kubectl get all\n",
  );
  process.stdout.write(`     node bin/tskube.js store put hello world${flag}\n`);
  process.stdout.write(`     node bin/tskube.js store get hello${flag}\n`);
  process.stdout.write(`     node bin/tskube.js store members${flag}\n`);
  process.stdout.write(
    `     etcdctl --endpoints ${state.masters[0]?.client ?? "127.0.0.11:9443"} get hello   # etcd's own client works too\n`,
  );
}

async function status(o: LabOptions): Promise<void> {
  const state = readState(resolve(o.dir));
  if (state === null) throw new Error(`no lab under ${resolve(o.dir)} (tskube lab up)`);
  let leader: string | null = null;
  const live = state.masters.filter((m) => alive(m.pid));
  if (live.length > 0) {
    const client = new ClusterClient(
      live.map((m) => m.client),
      { deadlineMs: 1000 },
    );
    try {
      leader = (await client.status(live[0]?.client)).leader || null;
    } catch {
      leader = null;
    } finally {
      client.close();
    }
  }
  printStatus(state, leader);
}

async function stopPid(pid: number, timeoutMs: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, "SIGKILL");
}

async function down(o: LabOptions): Promise<void> {
  const dir = resolve(o.dir);
  const state = readState(dir);
  if (state !== null) {
    await Promise.all(state.masters.map((m) => stopPid(m.pid, 10_000)));
  }
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`lab down: stopped ${state?.masters.length ?? 0} masters, removed ${dir}\n`);
}

async function killOne(o: LabOptions, name: string): Promise<void> {
  const state = readState(resolve(o.dir));
  const m = state?.masters.find((x) => x.name === name);
  if (m === undefined) throw new Error(`no lab host ${name}`);
  if (alive(m.pid)) process.kill(m.pid, "SIGKILL");
  process.stdout.write(`killed ${name} (pid ${m.pid})\n`);
}

async function startOne(o: LabOptions, name: string): Promise<void> {
  const dir = resolve(o.dir);
  const state = readState(dir);
  const i = state?.masters.findIndex((x) => x.name === name) ?? -1;
  if (state === null || i < 0) throw new Error(`no lab host ${name}`);
  const m = state.masters[i] as LabMember;
  if (alive(m.pid)) throw new Error(`${name} is already running (pid ${m.pid})`);
  const initialCluster = state.masters.map((x) => `${x.name}=${x.peer}`).join(",");
  state.masters[i] = startMember(m, initialCluster);
  writeFileSync(statePath(dir), `${JSON.stringify(state, null, 2)}\n`);
  process.stdout.write(`started ${name} (pid ${state.masters[i]?.pid})\n`);
}

export function register(program: Command): void {
  const lab = program
    .command("lab")
    .description("the whole cluster on this machine (today: masters on loopback 127.0.0.11–)")
    .option("--dir <dir>", "lab directory (state, data, logs)", ".tskube/lab")
    .option("--masters <n>", "number of masters", "3");
  lab
    .command("up")
    .description("start the lab and wait for a leader")
    .action(() => up(lab.opts<LabOptions>()));
  lab
    .command("status")
    .description("show the lab's hosts")
    .action(() => status(lab.opts<LabOptions>()));
  lab
    .command("down")
    .description("stop every lab process and remove the lab directory")
    .action(() => down(lab.opts<LabOptions>()));
  lab
    .command("kill <host>")
    .description("SIGKILL one host's master")
    .action((host: string) => killOne(lab.opts<LabOptions>(), host));
  lab
    .command("start <host>")
    .description("restart a killed host's master on its data")
    .action((host: string) => startOne(lab.opts<LabOptions>(), host));
}
