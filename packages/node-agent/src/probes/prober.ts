// Runs one probe attempt: picks the action of the probe spec and its target (pod IP unless a host is set).
import type { Container } from "kubernetes-types/core/v1.js";
import { execProbe } from "./exec-probe.js";
import { errorText } from "./go-errors.js";
import { httpProbe } from "./http-probe.js";
import type { ResolvedProbe } from "./probe-options.js";
import { resolveProbePort } from "./probe-options.js";
import type { ProbeOutcome, Probers } from "./probe-types.js";
import { tcpProbe } from "./tcp-probe.js";

export const GRPC_UNSUPPORTED = "grpc probes are not supported by tskube's node agent";

export interface ProbeTarget {
  container: Container;
  containerID: string;
  podIP: string | undefined;
}

export async function runProbe(
  probers: Probers,
  probe: ResolvedProbe,
  target: ProbeTarget,
): Promise<ProbeOutcome> {
  const { spec, timeoutMs } = probe;
  try {
    if (spec.exec)
      return await execProbe(probers.exec, target.containerID, spec.exec.command ?? [], timeoutMs);
    if (spec.httpGet) {
      const port = resolveProbePort(target.container, spec.httpGet.port);
      if (typeof port === "string") return { result: "error", output: port };
      const host = spec.httpGet.host || target.podIP;
      if (!host) return { result: "error", output: "pod has no IP address yet" };
      const scheme = spec.httpGet.scheme?.toUpperCase() === "HTTPS" ? "HTTPS" : "HTTP";
      const req = {
        scheme,
        host,
        port,
        path: spec.httpGet.path ?? "/",
        headers: spec.httpGet.httpHeaders ?? [],
        timeoutMs,
      } as const;
      return await (probers.http ?? httpProbe)(req);
    }
    if (spec.tcpSocket) {
      const port = resolveProbePort(target.container, spec.tcpSocket.port);
      if (typeof port === "string") return { result: "error", output: port };
      const host = spec.tcpSocket.host || target.podIP;
      if (!host) return { result: "error", output: "pod has no IP address yet" };
      return await (probers.tcp ?? tcpProbe)({ host, port, timeoutMs });
    }
    if (spec.grpc) return { result: "failure", output: GRPC_UNSUPPORTED };
    return { result: "error", output: "missing probe handler" };
  } catch (err) {
    return { result: "error", output: errorText(err) };
  }
}
