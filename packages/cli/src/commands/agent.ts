import { isIP } from "node:net";
import {
  AGENT_DEFAULTS,
  type AgentOptions,
  type CniPluginKind,
  createAgentLogger,
  DEFAULT_AGENT_PORT,
  NodeAgent,
  readCa,
} from "@tskube/node-agent";
import type { Command } from "commander";

interface AgentFlags {
  server: string;
  caFile: string;
  token?: string;
  nodeName: string;
  nodeIp: string;
  docker: string;
  dataDir: string;
  listen?: string;
  pauseImage: string;
  cniPlugin: string;
  cniBinDir: string;
  backoffInitialMs?: string;
  backoffMaxMs?: string;
}

function options(f: AgentFlags): AgentOptions {
  const servers = f.server
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (servers.length === 0) throw new Error("--server needs at least one host:port of a master's gRPC API");
  if (isIP(f.nodeIp) === 0) throw new Error(`--node-ip must be an IP address, got "${f.nodeIp}"`);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(f.nodeName)) {
    throw new Error(`--node-name "${f.nodeName}" is not a valid node name (lowercase RFC 1123 subdomain)`);
  }
  if (f.cniPlugin !== "tskube" && f.cniPlugin !== "bridge") {
    throw new Error(`--cni-plugin must be tskube or bridge, got "${f.cniPlugin}"`);
  }
  const socket = f.docker.replace(/^unix:\/\//, "");
  const ms = (v: string | undefined, flag: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive integer, got "${v}"`);
    return n;
  };
  const backoffInitialMs = ms(f.backoffInitialMs, "--backoff-initial-ms");
  const backoffMaxMs = ms(f.backoffMaxMs, "--backoff-max-ms");
  return {
    servers,
    caPem: readCa(f.caFile),
    ...(f.token === undefined ? {} : { token: f.token }),
    nodeName: f.nodeName,
    nodeIP: f.nodeIp,
    dockerSocket: socket,
    dataDir: f.dataDir,
    listen: f.listen ?? `${f.nodeIp}:${DEFAULT_AGENT_PORT}`,
    pauseImage: f.pauseImage,
    cniPlugin: f.cniPlugin as CniPluginKind,
    cniBinDirs: f.cniBinDir.split(":").filter((d) => d !== ""),
    leaseRenewMs: AGENT_DEFAULTS.leaseRenewMs,
    leaseDurationSeconds: AGENT_DEFAULTS.leaseDurationSeconds,
    nodeStatusReportMs: AGENT_DEFAULTS.nodeStatusReportMs,
    podResyncMs: AGENT_DEFAULTS.podResyncMs,
    ...(backoffInitialMs === undefined ? {} : { backoffInitialMs }),
    ...(backoffMaxMs === undefined ? {} : { backoffMaxMs }),
  };
}

/** `tskube agent`: the node agent (kubelet). Runs until SIGTERM/SIGINT; its pods keep running after it. */
export function register(program: Command): void {
  program
    .command("agent")
    .description("run the node agent: join, register the node, run its pods in Docker")
    .requiredOption("--server <endpoints>", "masters' gRPC API endpoints, comma-separated host:port")
    .requiredOption("--ca-file <file>", "the cluster CA certificate (PEM)")
    .option("--token <id.secret>", "bootstrap token to join with (needed until the node has its certificate)")
    .requiredOption("--node-name <name>", "this node's name")
    .requiredOption("--node-ip <ip>", "this node's InternalIP")
    .option("--docker <socket>", "Docker Engine API socket", "unix:///var/run/docker.sock")
    .option("--data-dir <dir>", "certificates, CNI state and pod volumes", "/var/lib/tskube/agent")
    .option(
      "--listen <host:port>",
      "the agent's HTTPS server (logs, exec, stats, /metrics); default <node-ip>:10250",
    )
    .option("--pause-image <image>", "the pod sandbox image", AGENT_DEFAULTS.pauseImage)
    .option(
      "--cni-plugin <kind>",
      "tskube (built in) or bridge (Debian's reference bridge + host-local)",
      "tskube",
    )
    .option(
      "--cni-bin-dir <dirs>",
      "where CNI plugins are looked up (colon-separated)",
      AGENT_DEFAULTS.cniBinDirs.join(":"),
    )
    .option("--backoff-initial-ms <ms>", "first crash-loop / image-pull back-off (kubelet: 10000)")
    .option("--backoff-max-ms <ms>", "longest back-off (kubelet: 300000)")
    .action(async (flags: AgentFlags) => {
      const o = options(flags);
      const log = createAgentLogger(o.nodeName);
      const agent = new NodeAgent(o, log);
      const shutdown = (signal: string) => {
        log.info({ signal }, "agent stopping; pods keep running");
        agent.stop();
        setTimeout(() => process.exit(0), 200).unref();
      };
      process.once("SIGTERM", () => shutdown("SIGTERM"));
      process.once("SIGINT", () => shutdown("SIGINT"));
      await agent.start();
    });
}
