import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { cgroupPids, removeCgroups } from "./cgroups.js";
import { dockerPing } from "./docker-api.js";
import { LabError } from "./errors.js";
import { mountsUnder, unmountAll } from "./mounts.js";
import { cmdline, isAlive, pidsReferencing, signal, waitGone, withDescendants } from "./procs.js";

export interface DockerdOptions {
  /** The host's network namespace file, e.g. /run/netns/tsk-w1. */
  readonly netnsPath: string;
  /** A directory owned by this daemon alone: data-root, exec-root, socket, pidfile and log live in it.
   * Keep it short: the daemon's sockets under it must fit the 108-byte unix socket path limit. */
  readonly dir: string;
  readonly dockerdPath?: string;
  /** How long dockerd may take to stop its containers on SIGTERM (its --shutdown-timeout). */
  readonly shutdownTimeoutSec?: number;
  /** host:port registries reached over plain HTTP (the lab registry on the bridge). */
  readonly insecureRegistries?: readonly string[];
  readonly extraArgs?: readonly string[];
}

export interface DockerdStopReport {
  /** Processes that had to be SIGKILLed (dockerd or what it left behind). */
  readonly killed: readonly number[];
  readonly unmounted: readonly string[];
  /** cgroup directories that could not be removed (still holding a process): should be empty. */
  readonly cgroupsLeft: readonly string[];
}

/**
 * One Docker daemon inside a lab host's network namespace, configured (DESIGN §5) never to touch host
 * networking, with every file it writes under its own directory so that several run side by side.
 */
export class Dockerd {
  readonly dir: string;
  readonly dataRoot: string;
  readonly execRoot: string;
  readonly socketPath: string;
  readonly pidFile: string;
  readonly logFile: string;
  /** cgroup parent of this daemon's containers (a top-level cgroup in every hierarchy). */
  readonly cgroupParent: string;
  private readonly options: DockerdOptions;

  constructor(options: DockerdOptions) {
    this.options = options;
    this.dir = options.dir.replace(/\/+$/, "");
    this.dataRoot = join(this.dir, "data");
    this.execRoot = join(this.dir, "exec");
    this.socketPath = join(this.dir, "docker.sock");
    this.pidFile = join(this.dir, "dockerd.pid");
    this.logFile = join(this.dir, "dockerd.log");
    this.cgroupParent = `tskube-${createHash("sha256").update(this.dir).digest("hex").slice(0, 12)}`;
    // dockerd's supervised containerd puts its socket at <exec-root>/containerd/containerd.sock.
    if (join(this.execRoot, "containerd", "containerd.sock.ttrpc").length > 100) {
      throw new LabError("BadConfig", `dockerd dir ${this.dir} is too long for unix socket paths`);
    }
  }

  /** unix:// address for the docker CLI's -H and DOCKER_HOST. */
  get host(): string {
    return `unix://${this.socketPath}`;
  }

  args(): string[] {
    // Own containerd namespaces too: should a system containerd be running, dockerd would use it instead
    // of starting its own, and daemons sharing one namespace would see each other's containers.
    const ns = this.cgroupParent;
    return [
      "--bridge=none",
      "--iptables=false",
      "--ip6tables=false",
      "--ip-forward=false",
      "--ip-masq=false",
      `--data-root=${this.dataRoot}`,
      `--exec-root=${this.execRoot}`,
      `--pidfile=${this.pidFile}`,
      `--host=${this.host}`,
      `--containerd-namespace=${ns}`,
      `--containerd-plugins-namespace=${ns}-plugins`,
      `--cgroup-parent=/${this.cgroupParent}`,
      `--shutdown-timeout=${this.options.shutdownTimeoutSec ?? 10}`,
      ...(this.options.insecureRegistries ?? []).map((r) => `--insecure-registry=${r}`),
      ...(this.options.extraArgs ?? []),
    ];
  }

  /** The running daemon's pid from its pidfile, if that process is alive and really is this daemon. */
  pid(): number | undefined {
    let pid: number;
    try {
      pid = Number(readFileSync(this.pidFile, "utf8").trim());
    } catch {
      return undefined;
    }
    // A stale pidfile may name a recycled pid: it only counts if the process has our data-root.
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
    return cmdline(pid).includes(`--data-root=${this.dataRoot}`) ? pid : undefined;
  }

  async ping(): Promise<boolean> {
    return dockerPing(this.socketPath);
  }

  /** Starts the daemon (unless it already runs) and waits until its API answers. Returns its pid. */
  async start(timeoutMs = 60_000): Promise<number> {
    const running = this.pid();
    if (running !== undefined && (await this.ping())) return running;
    // A dockerd that was killed leaves its pidfile, and the new one refuses to start while a process of that
    // pid exists, even a zombie no one reaped. pid() already found that no dockerd of ours runs: it is stale.
    if (running === undefined) await rm(this.pidFile, { force: true });
    if (!existsSync(this.options.netnsPath)) {
      throw new LabError("DockerdStartFailed", `network namespace ${this.options.netnsPath} does not exist`);
    }
    await mkdir(this.dir, { recursive: true });
    const log = openSync(this.logFile, "a");
    // nsenter enters only the network namespace and then execs dockerd: the child pid is dockerd's.
    // Not `ip netns exec`, which remounts /sys and hides the cgroup mounts dockerd needs.
    const child = spawn(
      "nsenter",
      [`--net=${this.options.netnsPath}`, "--", this.options.dockerdPath ?? "dockerd", ...this.args()],
      { detached: true, stdio: ["ignore", log, log] },
    );
    closeSync(log);
    let exited: string | undefined;
    child.on("exit", (code, sig) => {
      exited = `exited with ${code ?? sig}`;
    });
    child.on("error", (error) => {
      exited = error.message;
    });
    child.unref();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited !== undefined) {
        throw new LabError("DockerdStartFailed", `dockerd ${exited}; log tail:\n${this.logTail()}`);
      }
      if (await this.ping()) return child.pid as number;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (child.pid !== undefined) signal(child.pid, "SIGKILL");
    throw new LabError(
      "DockerdTimeout",
      `dockerd did not answer within ${timeoutMs} ms; log tail:\n${this.logTail()}`,
    );
  }

  private logTail(): string {
    try {
      return readFileSync(this.logFile, "utf8").split("\n").slice(-15).join("\n");
    } catch {
      return "(no log)";
    }
  }

  /**
   * SIGTERM (dockerd then stops its containers and its containerd), SIGKILL after the grace period, then
   * SIGKILL whatever it left behind: processes naming its directory (containerd, shims) and their
   * children (container processes). All by pid.
   */
  async stop(graceMs?: number): Promise<DockerdStopReport> {
    const grace = graceMs ?? ((this.options.shutdownTimeoutSec ?? 10) + 5) * 1000;
    const pid = this.pid();
    const owned = withDescendants([
      ...(pid === undefined ? [] : [pid]),
      ...pidsReferencing(this.dir),
      ...cgroupPids(this.cgroupParent),
    ]);
    const killed: number[] = [];
    if (pid !== undefined) {
      signal(pid, "SIGTERM");
      for (const left of await waitGone([pid], grace)) {
        signal(left, "SIGKILL");
        killed.push(left);
      }
    }
    await waitGone(owned, 2_000);
    // Anything started after the snapshot (a shim mid-start) still names our directory.
    const leftovers = withDescendants([
      ...owned.filter(isAlive),
      ...pidsReferencing(this.dir),
      ...cgroupPids(this.cgroupParent),
    ]);
    for (const left of leftovers) {
      signal(left, "SIGKILL");
      killed.push(left);
    }
    await waitGone(leftovers, 5_000);
    const unmounted = mountsUnder(this.dir);
    await unmountAll(this.dir);
    // runc removes a container's cgroup when it stops it; after a SIGKILL nobody did.
    const cgroupsLeft = removeCgroups(this.cgroupParent);
    return { killed, unmounted, cgroupsLeft };
  }

  /** Stops the daemon and deletes its directory (images, containers, logs). */
  async destroy(graceMs?: number): Promise<DockerdStopReport> {
    const report = await this.stop(graceMs);
    await rm(this.dir, { recursive: true, force: true });
    return report;
  }
}
