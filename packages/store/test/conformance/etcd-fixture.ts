import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ETCD = process.env.ETCD_BIN ?? "/usr/bin/etcd";
const HOST = "127.0.0.1";

export interface EtcdMember {
  name: string;
  clientUrl: string;
  peerUrl: string;
  process: ChildProcess;
  logFile: string;
}

export interface EtcdCluster {
  members: EtcdMember[];
  clientUrls: string[];
  /** Stops every member (SIGTERM, then SIGKILL) and removes the temp dir; safe to call twice. */
  stop(): Promise<void>;
  /** The last lines of every member's log, for failure messages. */
  logs(): Promise<string>;
}

/** A free loopback port: bind to 0, read the port, release it (a race is possible but rare here). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function stopProcess(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null || p.pid === undefined) return;
  const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
  p.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    p.kill("SIGKILL");
    await exited;
  }
}

/**
 * Starts an n-member etcd cluster on free 127.0.0.1 ports, each member in its own data dir under one temp
 * dir, and waits until `isHealthy` answers for every client URL. On any start failure everything started
 * so far is stopped and removed before the error propagates.
 */
export async function startEtcdCluster(
  size: number,
  isHealthy: (clientUrl: string) => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<EtcdCluster> {
  const dir = await mkdtemp(join(tmpdir(), "tskube-etcd-"));
  const token = `tskube-conformance-${randomBytes(6).toString("hex")}`;
  const specs: { name: string; clientUrl: string; peerUrl: string }[] = [];
  for (let i = 0; i < size; i++) {
    specs.push({
      name: `m${i}`,
      clientUrl: `http://${HOST}:${await freePort()}`,
      peerUrl: `http://${HOST}:${await freePort()}`,
    });
  }
  const initialCluster = specs.map((s) => `${s.name}=${s.peerUrl}`).join(",");
  const members: EtcdMember[] = [];
  const exitHook = () => {
    for (const m of members) if (m.process.exitCode === null) m.process.kill("SIGKILL");
  };
  process.once("exit", exitHook);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(members.map((m) => stopProcess(m.process)));
    process.removeListener("exit", exitHook);
    await rm(dir, { recursive: true, force: true });
  };
  const logs = async () => {
    const parts: string[] = [];
    for (const m of members) {
      const text = await readFile(m.logFile, "utf8").catch(() => "");
      parts.push(`--- ${m.name} ---\n${text.split("\n").slice(-20).join("\n")}`);
    }
    return parts.join("\n");
  };

  try {
    for (const s of specs) {
      const logFile = join(dir, `${s.name}.log`);
      const out = createWriteStream(logFile);
      const child = spawn(
        ETCD,
        [
          "--name",
          s.name,
          "--data-dir",
          join(dir, s.name),
          "--listen-client-urls",
          s.clientUrl,
          "--advertise-client-urls",
          s.clientUrl,
          "--listen-peer-urls",
          s.peerUrl,
          "--initial-advertise-peer-urls",
          s.peerUrl,
          "--initial-cluster",
          initialCluster,
          "--initial-cluster-state",
          "new",
          "--initial-cluster-token",
          token,
          "--heartbeat-interval",
          "100",
          "--election-timeout",
          "1000",
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      child.stdout?.pipe(out);
      child.stderr?.pipe(out);
      members.push({ ...s, process: child, logFile });
    }
    const deadline = Date.now() + timeoutMs;
    for (const m of members) {
      for (;;) {
        if (m.process.exitCode !== null) throw new Error(`etcd ${m.name} exited with ${m.process.exitCode}`);
        if (await isHealthy(m.clientUrl)) break;
        if (Date.now() > deadline) throw new Error(`etcd ${m.name} not healthy within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } catch (e) {
    const text = await logs();
    await stop();
    throw new Error(`${(e as Error).message}\n${text}`);
  }
  return { members, clientUrls: members.map((m) => m.clientUrl), stop, logs };
}
