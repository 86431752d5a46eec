// The contract between the agent (API side: watches, status, events, probes, HTTPS server) and the
// container runtime (Docker side: sandbox, CNI, containers, logs, exec, stats). The agent never talks to
// dockerd directly; the runtime never talks to the API server.
import type { Readable, Writable } from "node:stream";
import type { Pod } from "kubernetes-types/core/v1.js";
import type { ContainerContext, ObservedPod } from "../pod/index.js";

/** What the agent resolves from the API before a sync: everything ContainerContext needs but the runtime's own facts. */
export type SyncContext = Omit<ContainerContext, "sandboxId" | "restartCount" | "podIP" | "podIPs">;

export interface PodEvent {
  type: "Normal" | "Warning";
  /** Kubernetes' reasons: Pulling, Pulled, Failed, BackOff, Created, Started, Killing, FailedMount, SandboxChanged, FailedCreatePodSandBox… */
  reason: string;
  message: string;
  /** e.g. `spec.containers{web}`; absent for pod-level events. */
  fieldPath?: string;
}

export interface SyncInput {
  pod: Pod;
  ctx: SyncContext;
  /** Containers whose liveness or startup probe failed past its threshold: kill and restart them (restartPolicy permitting). */
  unhealthy: ReadonlySet<string>;
}

export interface SyncResult {
  /** Observed state for podStatus(); ready/started are left unset: the agent's probe results fill them. */
  observed: ObservedPod;
  events: PodEvent[];
  /** Call syncPod again no later than this (a back-off expiring); undefined = only on change. */
  requeueAfterMs?: number;
}

/** A pod as found in dockerd by labels: what adoption and orphan cleanup need. */
export interface RuntimePod {
  uid: string;
  namespace: string;
  name: string;
  /** Container ids (sandbox included) with their container names ("POD" for the sandbox) and running state. */
  containers: { id: string; name: string; running: boolean }[];
}

export interface LogOptions {
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339 */
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

export interface ExecOptions {
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export interface ExecSession {
  /** Present when stdin was requested; end() it on client EOF. */
  stdin?: Writable;
  /** With tty, stderr is merged into stdout and `stderr` is absent. */
  stdout?: Readable;
  stderr?: Readable;
  resize(width: number, height: number): Promise<void>;
  /** Resolves with the exit code when the process ends. */
  exitCode(): Promise<number>;
}

export interface ContainerStats {
  name: string;
  startTime: Date;
  /** Cumulative CPU time, ns. */
  usageCoreNanoSeconds: bigint;
  workingSetBytes: number;
  usageBytes: number;
}

export interface PodStats {
  uid: string;
  namespace: string;
  name: string;
  containers: ContainerStats[];
}

export interface PodRuntime {
  /** One level-triggered step of kubelet's SyncPod: sandbox, init containers, app containers, restarts, backoff. Idempotent. */
  syncPod(input: SyncInput): Promise<SyncResult>;
  /** Stop every container of the pod (SIGTERM, grace, SIGKILL; app containers in parallel, then the sandbox + CNI DEL). Keeps them for logs. */
  killPod(pod: Pod, gracePeriodSeconds: number): Promise<PodEvent[]>;
  /** Remove the pod's containers, network (CNI DEL, idempotent) and volume directories. uid-based so it works for orphans. */
  removePod(uid: string): Promise<void>;
  /** Every pod found in dockerd by our labels. */
  listPods(): Promise<RuntimePod[]>;
  logs(pod: Pod, container: string, opts: LogOptions): Promise<Readable>;
  exec(pod: Pod, container: string, opts: ExecOptions): Promise<ExecSession>;
  /** Exec with a deadline, output collected (exec probes). Exit code -1 on timeout. */
  execSync(
    containerId: string,
    command: string[],
    timeoutMs: number,
  ): Promise<{ exitCode: number; output: string }>;
  stats(): Promise<PodStats[]>;
}
