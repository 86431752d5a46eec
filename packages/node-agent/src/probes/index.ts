// Liveness, readiness and startup probes as kubelet runs them.
export { execProbe, execTimeoutMessage } from "./exec-probe.js";
export { httpProbe, MAX_PROBE_BODY_BYTES, PROBE_USER_AGENT, probeUrl } from "./http-probe.js";
export {
  type PreviousResult,
  type ProbedContainer,
  ProbeManager,
  type ProbeManagerOptions,
} from "./probe-manager.js";
export { containerProbes, type ResolvedProbe, resolveProbe, resolveProbePort } from "./probe-options.js";
export {
  type ExecProbeFn,
  type HttpProbeRequest,
  type ProbeClock,
  type ProbeOutcome,
  type ProbeResult,
  type Probers,
  type ProbeType,
  systemClock,
  type TcpProbeRequest,
} from "./probe-types.js";
export { GRPC_UNSUPPORTED, type ProbeTarget, runProbe } from "./prober.js";
export { tcpProbe } from "./tcp-probe.js";
