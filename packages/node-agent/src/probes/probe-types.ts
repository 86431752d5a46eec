// Shared vocabulary of the probers and the probe manager.

export type ProbeType = "liveness" | "readiness" | "startup";

/**
 * One probe attempt's result. `warning` counts as success (kubelet: an HTTP redirect to another host);
 * `error` means the probe could not be run at all (e.g. a named port that does not exist): kubelet
 * records an event but leaves the result and the threshold counters untouched.
 */
export type ProbeResult = "success" | "warning" | "failure" | "error";

export interface ProbeOutcome {
  result: ProbeResult;
  /** Output (body, command output, or the error text) that goes into the event message. */
  output: string;
}

/** A deadline-bounded command inside a container: the runtime's execSync. Exit code -1 = timed out. */
export type ExecProbeFn = (
  containerId: string,
  command: string[],
  timeoutMs: number,
) => Promise<{ exitCode: number; output: string }>;

export interface HttpProbeRequest {
  scheme: "HTTP" | "HTTPS";
  host: string;
  port: number;
  /** Path, optionally with a query. */
  path: string;
  headers: readonly { name: string; value: string }[];
  timeoutMs: number;
}

export interface TcpProbeRequest {
  host: string;
  port: number;
  timeoutMs: number;
}

/** The probers the manager uses; http/tcp default to the real ones. */
export interface Probers {
  exec: ExecProbeFn;
  http?: (req: HttpProbeRequest) => Promise<ProbeOutcome>;
  tcp?: (req: TcpProbeRequest) => Promise<ProbeOutcome>;
}

/** Time source and timers, injected so tests can drive the probe schedule with a fake clock. */
export interface ProbeClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ProbeClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Probe timers must never keep the agent process alive on their own.
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};
