// A container's probe spec with the API's defaults applied, and the action's target resolved.
import type { Container, Probe } from "kubernetes-types/core/v1.js";
import type { ProbeType } from "./probe-types.js";

export interface ResolvedProbe {
  type: ProbeType;
  spec: Probe;
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

const positive = (v: number | undefined, fallback: number): number =>
  v !== undefined && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;

export function resolveProbe(type: ProbeType, spec: Probe): ResolvedProbe {
  return {
    type,
    spec,
    initialDelayMs: Math.max(0, Math.floor(spec.initialDelaySeconds ?? 0)) * 1000,
    periodMs: positive(spec.periodSeconds, 10) * 1000,
    timeoutMs: positive(spec.timeoutSeconds, 1) * 1000,
    // Validation rejects anything but 1 for liveness and startup; enforce it in case a spec bypassed it.
    successThreshold: type === "readiness" ? positive(spec.successThreshold, 1) : 1,
    failureThreshold: positive(spec.failureThreshold, 3),
  };
}

/** The container's probes by type; absent types have no probe. */
export function containerProbes(container: Container): Partial<Record<ProbeType, ResolvedProbe>> {
  const out: Partial<Record<ProbeType, ResolvedProbe>> = {};
  if (container.startupProbe) out.startup = resolveProbe("startup", container.startupProbe);
  if (container.readinessProbe) out.readiness = resolveProbe("readiness", container.readinessProbe);
  if (container.livenessProbe) out.liveness = resolveProbe("liveness", container.livenessProbe);
  return out;
}

/**
 * A probe's port: a number, a named container port, or (kubelet's last resort) a number written as a
 * string. Returns the error text when it cannot be resolved.
 */
export function resolveProbePort(container: Container, port: number | string): number | string {
  let value: number;
  if (typeof port === "number") value = port;
  else {
    const named = container.ports?.find((p) => p.name === port);
    if (named !== undefined) value = named.containerPort;
    else if (/^\d+$/.test(port)) value = Number(port);
    else return `couldn't find port: ${port} in ${container.name}`;
  }
  return value > 0 && value < 65536 ? value : `invalid port number: ${value}`;
}
