// The Service environment variables kubelet gives containers (enableServiceLinks, default true): for every
// Service with a ClusterIP in the pod's namespace, plus the master service `kubernetes` from default,
// {NAME}_SERVICE_HOST/_PORT and the Docker-links style {NAME}_PORT_… variables.
import type { Service } from "kubernetes-types/core/v1.js";

function envName(service: string): string {
  return service.toUpperCase().replace(/-/g, "_");
}

export function serviceEnv(services: readonly Service[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const s of services) {
    const ip = s.spec?.clusterIP ?? "";
    if (ip === "" || ip === "None") continue;
    const ports = s.spec?.ports ?? [];
    const first = ports[0];
    if (first === undefined) continue;
    const name = envName(s.metadata?.name ?? "");
    env.set(`${name}_SERVICE_HOST`, ip);
    env.set(`${name}_SERVICE_PORT`, String(first.port));
    for (const p of ports) {
      if (p.name !== undefined && p.name !== "")
        env.set(`${name}_SERVICE_PORT_${envName(p.name)}`, String(p.port));
    }
    const proto = (first.protocol ?? "TCP").toLowerCase();
    env.set(`${name}_PORT`, `${proto}://${ip}:${first.port}`);
    for (const p of ports) {
      const pr = (p.protocol ?? "TCP").toLowerCase();
      const prefix = `${name}_PORT_${p.port}_${pr.toUpperCase()}`;
      env.set(prefix, `${pr}://${ip}:${p.port}`);
      env.set(`${prefix}_PROTO`, pr);
      env.set(`${prefix}_PORT`, String(p.port));
      env.set(`${prefix}_ADDR`, ip);
    }
  }
  return env;
}
