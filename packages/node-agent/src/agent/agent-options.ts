// Everything `tskube agent` is told on its command line, and the defaults kubelet uses for the rest.

export type CniPluginKind = "tskube" | "bridge";

export interface AgentOptions {
  /** gRPC object API endpoints of the masters (host:port). */
  readonly servers: readonly string[];
  /** The cluster CA (PEM): the masters' TLS is verified against it, and so are clients of the agent's server. */
  readonly caPem: string;
  /** Bootstrap token `id.secret`; needed only until the node has its client certificate. */
  readonly token?: string;
  readonly nodeName: string;
  readonly nodeIP: string;
  /** Docker Engine API socket path. */
  readonly dockerSocket: string;
  readonly dataDir: string;
  /** host:port of the agent's HTTPS server (logs, exec, stats, metrics). */
  readonly listen: string;
  readonly pauseImage: string;
  readonly cniPlugin: CniPluginKind;
  /** Directories searched for CNI plugin executables, after the agent's own shim directory. */
  readonly cniBinDirs: readonly string[];
  /** Lease renewal period; kubelet renews every 10 s a lease of 40 s. */
  readonly leaseRenewMs: number;
  readonly leaseDurationSeconds: number;
  /** How often the node status is re-reported even when nothing changed (kubelet: 5 min, checked every 10 s). */
  readonly nodeStatusReportMs: number;
  /** Periodic resync of every pod (ConfigMap/Secret volume refresh, missed events). */
  readonly podResyncMs: number;
  /** Back-offs (tests shorten them): image pulls and crash loops, 10 s doubling to 300 s in kubelet. */
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
}

export const DEFAULT_AGENT_PORT = 10250;
export const DEFAULT_PAUSE_IMAGE = "tskube/pause:1";
export const DEFAULT_CNI_BIN_DIRS: readonly string[] = ["/usr/lib/cni", "/opt/cni/bin"];

export const AGENT_DEFAULTS = {
  leaseRenewMs: 10_000,
  leaseDurationSeconds: 40,
  nodeStatusReportMs: 5 * 60_000,
  podResyncMs: 30_000,
  cniPlugin: "tskube" as CniPluginKind,
  pauseImage: DEFAULT_PAUSE_IMAGE,
  cniBinDirs: DEFAULT_CNI_BIN_DIRS,
} as const;
