import { relative } from "node:path";
import {
  clientEndpoints,
  labDown,
  labExec,
  labHeal,
  labKill,
  labPartition,
  labPlan,
  labStart,
  labStatus,
  labUp,
  labUpSteps,
  readLabState,
  registryImage,
} from "@tskube/lab";
import type { Command } from "commander";
import { Progress } from "../progress.js";

// `tskube lab`: a thin command line over @tskube/lab (hosts as network namespaces on a lab bridge, masters
// and agents inside them, one dockerd per worker, a local registry). docs/lab.md describes it.

interface LabOptions {
  readonly dir: string;
  readonly masters: string;
  readonly workers: string;
  readonly subnet?: string;
  readonly bridge?: string;
  readonly prefix?: string;
  readonly cni: string;
  readonly agentArgs?: string;
  readonly waitNodes: boolean;
}

function count(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`${flag} must be a whole number, got ${value}`);
  return n;
}

function near(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

async function up(o: LabOptions): Promise<void> {
  const started = Date.now();
  const plan = labPlan({
    dir: o.dir,
    masters: count(o.masters, "--masters"),
    workers: count(o.workers, "--workers"),
    cni: o.cni,
    ...(o.agentArgs === undefined ? {} : { agentArgs: o.agentArgs.split(/\s+/).filter((a) => a !== "") }),
    ...(o.subnet === undefined ? {} : { subnet: o.subnet }),
    ...(o.bridge === undefined ? {} : { bridge: o.bridge }),
    ...(o.prefix === undefined ? {} : { prefix: o.prefix }),
  });
  const progress = new Progress(labUpSteps(plan, o.waitNodes), "lab up");
  try {
    await labUp(plan, { waitNodes: o.waitNodes, onStep: (what) => progress.step(what) });
  } catch (error) {
    progress.done("lab up failed");
    // The half-made lab stays for inspection; its state file lets `down` remove all of it.
    throw new Error(
      `${(error as Error).message}\n(logs under ${near(plan.dir)}; \`tskube lab down\` removes what was made)`,
      { cause: error },
    );
  }
  progress.done(`lab up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await status(o);
  const kubeconfig = near(`${plan.dir}/kubeconfig`);
  process.stdout.write(`\ntry: export KUBECONFIG=${kubeconfig}\n`);
  process.stdout.write("     kubectl get nodes -o wide; kubectl get namespaces\n");
  process.stdout.write(
    `     kubectl run web --image=${registryImage(plan, "tskube/web:1")}   # images come from the lab registry\n`,
  );
  process.stdout.write(
    `     node bin/tskube.js store members --endpoints ${clientEndpoints(plan).join(",")}\n`,
  );
  process.stdout.write(`     node bin/tskube.js lab exec w1 -- ip addr\n`);
}

function table(rows: string[][]): void {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  for (const r of rows) {
    process.stdout.write(
      `${r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd()}\n`,
    );
  }
}

async function status(o: LabOptions): Promise<void> {
  const s = await labStatus(labPlan({ dir: o.dir }).dir);
  table([
    ["HOST", "ROLE", "IP", "STATE", "PID", "DOCKERD"],
    ...s.hosts.map((h) => [h.name, h.role, h.ip, h.state, String(h.pid ?? "-"), String(h.dockerdPid ?? "-")]),
  ]);
  process.stdout.write(
    `registry http://${s.registry.address} ${s.registry.pid === undefined ? "stopped" : `pid ${s.registry.pid}`}` +
      `; kubeconfig ${near(s.kubeconfig)}; dir ${near(s.dir)}\n`,
  );
}

async function down(o: LabOptions): Promise<void> {
  const dir = labPlan({ dir: o.dir }).dir;
  // Without a state file the flags say what to look for (a lab whose dir was removed by hand).
  const plan =
    readLabState(dir)?.plan ??
    labPlan({
      dir: o.dir,
      masters: count(o.masters, "--masters"),
      workers: count(o.workers, "--workers"),
      ...(o.subnet === undefined ? {} : { subnet: o.subnet }),
      ...(o.bridge === undefined ? {} : { bridge: o.bridge }),
      ...(o.prefix === undefined ? {} : { prefix: o.prefix }),
    });
  const started = Date.now();
  await labDown(plan);
  process.stdout.write(`lab down in ${((Date.now() - started) / 1000).toFixed(1)} s: removed ${near(dir)}\n`);
}

export function register(program: Command): void {
  const lab = program
    .command("lab")
    .description("the whole cluster on this machine: hosts as network namespaces (docs/lab.md)")
    .option("--dir <dir>", "lab directory (state, per-host data and logs)", ".tskube/lab")
    .option("--masters <n>", "number of masters (m1–m3 at .11–.13)", "3")
    .option("--workers <n>", "number of workers (w1–w9 at .21–.29)", "3")
    .option("--subnet <cidr>", "the lab /24 (default 192.168.56.0/24; the bridge takes .1)")
    .option("--bridge <name>", "lab bridge in the root namespace (default tskube0)")
    .option("--prefix <p>", "prefix of namespace and veth names (default tsk)")
    .option(
      "--cni <plugin>",
      "CNI plugin of the agents: tskube or bridge (Debian's reference plugins); per worker: tskube,w3=bridge",
      "tskube",
    )
    .option("--agent-args <args>", 'extra arguments for every agent, e.g. "--backoff-initial-ms 1000"')
    .option("--no-wait-nodes", "do not wait for the workers' Nodes to be Ready");
  const opts = () => lab.opts<LabOptions>();
  const dirOf = () => labPlan({ dir: opts().dir }).dir;
  lab
    .command("up")
    .description("create the hosts and start everything; wait for Ready nodes")
    .action(() => up(opts()));
  lab
    .command("status")
    .description("show the lab's hosts and processes")
    .action(() => status(opts()));
  lab
    .command("down")
    .description("stop and remove everything the lab made")
    .action(() => down(opts()));
  lab
    .command("kill <host>")
    .description("SIGKILL a host's master or agent (a worker's dockerd and containers keep running)")
    .option("--dockerd", "kill the worker's dockerd instead (its containers die; the agent keeps running)")
    .action((host: string, o: { dockerd?: boolean }) => {
      const what = o.dockerd === true ? "dockerd" : "process";
      const pid = labKill(dirOf(), host, what);
      const name = what === "dockerd" ? `the dockerd of ${host}` : host;
      process.stdout.write(pid === undefined ? `${name} was not running\n` : `killed ${name} (pid ${pid})\n`);
    });
  lab
    .command("start <host>")
    .description("start what is down on a host again on its data: its master or agent, a worker's dockerd")
    .action(async (host: string) => {
      process.stdout.write(`started ${host} (pid ${await labStart(dirOf(), host)})\n`);
    });
  lab
    .command("partition <host>")
    .description("cut a host off the lab network (its bridge port goes down)")
    .action(async (host: string) => {
      await labPartition(dirOf(), host);
      process.stdout.write(`partitioned ${host}\n`);
    });
  lab
    .command("heal")
    .description("undo every partition")
    .action(async () => {
      const healed = await labHeal(dirOf());
      process.stdout.write(`healed ${healed.length === 0 ? "(none partitioned)" : healed.join(", ")}\n`);
    });
  lab
    .command("exec <host> <cmd...>")
    .description("run a command inside a host's network namespace: tskube lab exec w1 -- ip addr")
    .passThroughOptions()
    .action(async (host: string, cmd: string[]) => {
      // commander keeps the `--` that separates tskube's options from the command's.
      process.exitCode = await labExec(dirOf(), host, cmd[0] === "--" ? cmd.slice(1) : cmd);
    });
}
